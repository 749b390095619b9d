package io.cradle.fleet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int demo(String... args) {
    return Demo.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        StopSignal.manual());
  }

  @Test
  void aMissingAcsJarSaysHowToBuildIt() {
    assertEquals(1, demo("--acs-jar", "no/such/quarkus-run.jar", "--phones", "2"));
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.contains("run ./mvnw -B -DskipTests package first"), e);
  }

  @Test
  void fleetOptionsAreCheckedBeforeTheAcsStarts() {
    assertEquals(2, demo("--phones", "zero"));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("--phones 'zero' is not a whole number"));
  }

  @Test
  void theDemoChoosesTheAcs() {
    assertEquals(2, demo("--acs", "http://elsewhere/cwmp"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("use `run --acs URL`"));
  }

  @Test
  void smallDemoFleetsRegisterToTheEmbeddedRegistrarUnlessToldOtherwise() {
    assertEquals(List.of("--sip", "embedded"), sipArgs("--phones", "20"));
    assertEquals(List.of(), sipArgs("--phones", "21"), "a bigger fleet stays without SIP");
    assertEquals(List.of("--sip", "127.0.0.1:5070"), sipArgs("--sip", "127.0.0.1:5070"));
  }

  private static List<String> sipArgs(String... args) {
    List<String> fleetArgs = new ArrayList<>(List.of(args));
    Demo.withEmbeddedSip(fleetArgs);
    int i = fleetArgs.indexOf("--sip");
    return i < 0 ? List.of() : fleetArgs.subList(i, i + 2);
  }

  @Test
  void help() {
    assertEquals(0, demo("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--acs-jar FILE"));
  }
}
