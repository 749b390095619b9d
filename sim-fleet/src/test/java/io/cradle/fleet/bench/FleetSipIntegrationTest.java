package io.cradle.fleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.sip.HostPort;
import io.cradle.cpe.sip.jain.Kamailio;
import io.cradle.fleet.registrar.Registrar;
import io.cradle.fleet.run.Fleet;
import io.cradle.fleet.run.FleetOptions;
import io.cradle.fleet.run.FleetReport;
import io.cradle.fleet.run.SipLines;
import io.cradle.fleet.run.StopSignal;
import io.cradle.fleet.scenario.ScenarioStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleets of ten phones on SIP, in real time against the in-process {@link FakeAcs}: they register
 * to the fleet's own registrar (or a real Kamailio) and five scripted calls between them carry
 * G.711 RTP of good quality; a wrong password is refused and the lines show the error.
 */
class FleetSipIntegrationTest {

  /**
   * Ten phones standing under one AP; phone 2k calls phone 2k+1 at 4 s (the phones have joined the
   * Wi-Fi and registered by then), which answers after 3 s; the call lasts 3 s.
   */
  private static final String SCENARIO =
      """
      duration 11s
      floor width=40 height=40
      ap ssid=ward bssid=00:11:22:33:55:01 band=5 channel=36 x=20 y=20 power=17
      area name=desk x=15 y=15 w=10 h=10
      pattern name=sitter areas=desk walk=0 idle=1 pause=1h
      phones count=10 pattern=sitter battery=1
      event at=4s phone=0 kind=call to=1 for=3s
      event at=4s phone=2 kind=call to=3 for=3s
      event at=4s phone=4 kind=call to=5 for=3s
      event at=4s phone=6 kind=call to=7 for=3s
      event at=4s phone=8 kind=call to=9 for=3s
      """;

  private static final String LINE_STATUS =
      "Device.Services.VoiceService.1.VoiceProfile.1.Line.1.Status";

  @Test
  void tenPhonesRegisterToTheEmbeddedRegistrarAndCallEachOtherWithGoodVoice(@TempDir Path dir)
      throws Exception {
    List<String> statuses = new ArrayList<>();
    FleetReport report =
        run(
            dir,
            SCENARIO,
            "127.88.4.1",
            List.of("--sip", "embedded"),
            fleet ->
                statuses.add(
                    fleet.phone(9).orElseThrow().model().value(LINE_STATUS).orElse("missing")));

    SipLines lines = report.sip().orElseThrow();
    assertEquals(10, lines.registered(), report::toText);
    assertEquals(10, lines.registrar().orElseThrow().registered(), report::toText);
    assertEquals(10, lines.bindings(), "one binding a phone, until the phones power off");
    assertCallsWentWell(report);
    assertTrue(report.toJson().contains("\"sip\": {\"server\": \"127.0.0.1:"), report::toJson);
    assertTrue(report.toText().contains("10 registered, 0 failed"), report::toText);
    assertEquals(List.of("Up"), statuses, "what the ACS reads as the line's status");
  }

  @Test
  void tenPhonesRegisterToKamailioAndCallEachOtherWithGoodVoice(@TempDir Path dir)
      throws Exception {
    Assumptions.assumeTrue(
        Kamailio.binary() != null,
        "kamailio is not installed (apt-get install kamailio; .ci/run installs it)");
    try (Kamailio kamailio = Kamailio.start()) {
      FleetReport report =
          run(
              dir,
              "127.88.5.1",
              List.of(
                  "--sip",
                  "127.0.0.1:" + kamailio.port,
                  // The users the test kamailio.cfg knows: bench<N>, password bench.
                  "--sip-users",
                  "bench0",
                  "--sip-password",
                  "bench"));
      assertEquals(10, report.sip().orElseThrow().registered(), kamailio::log);
      assertTrue(report.sip().orElseThrow().registrar().isEmpty(), "no embedded registrar");
      assertCallsWentWell(report);
    }
  }

  @Test
  void aWrongPasswordIsRefusedAndTheLinesShowTheError(@TempDir Path dir) throws Exception {
    int port = Kamailio.freePort();
    try (Registrar registrar =
        Registrar.start(
            new HostPort("127.0.0.1", port),
            user -> Optional.of("the-right-one"),
            Clock.systemUTC())) {
      List<String> errors = new ArrayList<>();
      FleetReport report =
          run(
              dir,
              SCENARIO,
              "127.88.6.1",
              List.of("--sip", "127.0.0.1:" + port, "--sip-password", "wrong"),
              fleet -> {
                String status =
                    fleet
                        .phone(0)
                        .orElseThrow()
                        .model()
                        .value(LINE_STATUS)
                        .orElse("no such parameter");
                errors.add(status);
              });

      SipLines lines = report.sip().orElseThrow();
      assertEquals(0, lines.registered(), report::toText);
      assertEquals(10, lines.failed(), report::toText);
      assertEquals(Map.of("403 Forbidden", 10L), lines.errors(), report::toText);
      assertEquals(List.of("Error"), errors, "what the ACS reads as the line's status");
      // Each phone answered the challenge once and was refused: no 401 loop. The phones retry
      // after Registration Retry Wait Time (20 s), longer than this run.
      assertEquals(10, registrar.counts().refused(), report::toText);
      assertEquals(0, registrar.counts().registered());
      // The scripted calls went nowhere: the callees are not registered.
      ScenarioStats.Calls calls = report.scenario().orElseThrow().calls().orElseThrow();
      assertEquals(0, calls.answered(), calls::toString);
    }
  }

  @Test
  void theCallsLineMakesThePhonesCallEachOtherAtRandom(@TempDir Path dir) throws Exception {
    String load =
        SCENARIO.lines().filter(l -> !l.startsWith("event")).reduce("", (a, l) -> a + l + "\n")
            + "calls per-phone-hour=1800 duration=1s answer-after=300ms\n";
    FleetReport report = run(dir, load, "127.88.7.1", List.of("--sip", "embedded"), f -> {});

    ScenarioStats.Calls calls = report.scenario().orElseThrow().calls().orElseThrow();
    // Ten phones, one call every 2 s each on average, for 11 s (the first seconds joining the
    // Wi-Fi and registering): the first calls may find their callee unregistered (480), some a
    // callee in a call (486, call waiting is off), the others are answered.
    assertTrue(calls.attempted() >= 5, report::toText);
    assertTrue(calls.answered() >= 2, report::toText);
    assertTrue(
        calls.attempted() - calls.answered() - calls.failedTotal() <= 10,
        "only calls still up at the end are neither answered nor failed: " + calls);
    assertEquals(calls.answered(), calls.measured(), report::toText);
    assertTrue(calls.minMos() > 4, report::toText);
  }

  private static void assertCallsWentWell(FleetReport report) {
    ScenarioStats.Calls calls = report.scenario().orElseThrow().calls().orElseThrow();
    assertEquals(5, calls.attempted(), report::toText);
    assertEquals(5, calls.answered(), report::toText);
    assertEquals(Map.of(), calls.failed(), report::toText);
    assertEquals(5, calls.measured(), report::toText);
    // 3 s of 20 ms G.711 packets a call, loopback: nothing lost, an E-model MOS of ~4.4.
    assertTrue(calls.packetsReceived() > 5 * 120, report::toText);
    assertTrue(calls.minMos() > 4, report::toText);
    assertTrue(report.toJson().contains("\"calls\": {\"attempted\": 5, \"answered\": 5"));
  }

  private static FleetReport run(Path dir, String addressBase, List<String> sip) throws Exception {
    return run(dir, SCENARIO, addressBase, sip, fleet -> {});
  }

  /** Runs the scenario's fleet to its end; {@code atEnd} looks at it before it powers off. */
  private static FleetReport run(
      Path dir,
      String scenario,
      String addressBase,
      List<String> sip,
      java.util.function.Consumer<Fleet> atEnd)
      throws Exception {
    Path file = dir.resolve("calls.scenario");
    Files.writeString(file, scenario);
    try (FakeAcs acs = new FakeAcs(List.of())) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--acs",
                  acs.uri().toString(),
                  "--scenario",
                  file.toString(),
                  "--address-base",
                  addressBase,
                  "--cr-port",
                  "17549",
                  "--stagger",
                  "0",
                  "--periodic-interval",
                  "1h",
                  "--session-threads",
                  "4"));
      args.addAll(sip);
      FleetOptions options = FleetOptions.parse(args.toArray(String[]::new));
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Fleet fleet = new Fleet(options, new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        fleet.start();
        fleet.runUntilStopped(StopSignal.manual(), false);
        atEnd.accept(fleet);
      } finally {
        fleet.close();
      }
      return fleet.report();
    }
  }
}
