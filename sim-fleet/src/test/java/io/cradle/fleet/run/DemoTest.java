package io.cradle.fleet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
  void help() {
    assertEquals(0, demo("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--acs-jar FILE"));
  }
}
