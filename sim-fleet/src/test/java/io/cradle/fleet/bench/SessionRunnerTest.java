package io.cradle.fleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.GetParameterValuesResponse;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.Reboot;
import io.cradle.cwmp.message.RebootResponse;
import io.cradle.cwmp.soap.SoapCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One real HTTP session at a time against {@link FakeAcs} on loopback; nothing is timed. */
class SessionRunnerTest {

  private final Map<String, Integer> acsRequests = new ConcurrentHashMap<>();
  private final List<Http11Connection> connections = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeConnections() {
    connections.forEach(Http11Connection::close);
  }

  private SessionRunner runner(FakeAcs acs, String... args) {
    BenchOptions o =
        BenchOptions.parse(
            concat(
                new String[] {"--acs", acs.uri().toString(), "--devices", "64", "--timeout", "10s"},
                args));
    Http11Connection connection = new Http11Connection(o.acs(), Duration.ofSeconds(5), o.timeout());
    connections.add(connection);
    return new SessionRunner(
        connection, new SoapCodec(), o, m -> acsRequests.merge(m, 1, Integer::sum));
  }

  @Test
  void aReusedNonceSavesTheChallengeOfLaterSessions() throws Exception {
    try (FakeAcs acs = new FakeAcs(List.of())) {
      SessionRunner reusing = runner(acs, "--digest", "reuse");
      assertEquals(3, reusing.run(new Wp820Identity(1), 0).httpRequests(), "first: 401 first");
      SessionRunner.Result second = reusing.run(new Wp820Identity(2), 0);
      assertEquals(SessionRunner.Kind.OK, second.kind(), () -> String.valueOf(second.error()));
      assertEquals(2, second.httpRequests(), "Inform with credentials, then the empty POST");

      SessionRunner challenged = runner(acs);
      challenged.run(new Wp820Identity(3), 0);
      assertEquals(3, challenged.run(new Wp820Identity(4), 0).httpRequests());
    }
  }

  @Test
  void fullSessionWithDigestCookieAndQueuedRequests() throws Exception {
    try (FakeAcs acs =
        new FakeAcs(
            List.of(
                new GetParameterValues(List.of("Device.DeviceInfo.SoftwareVersion")),
                new Reboot("bench")))) {
      SessionRunner.Result r = runner(acs).run(new Wp820Identity(5), 2);

      assertEquals(SessionRunner.Kind.OK, r.kind(), () -> String.valueOf(r.error()));
      // Inform (401), Inform, empty -> GPV, GPVResponse -> Reboot, RebootResponse -> 204
      assertEquals(5, r.httpRequests());
      assertEquals(1, acs.completedSessions.get());
      Inform inform = acs.informs.remove();
      assertEquals("000B82F00005", inform.deviceId().serialNumber());
      assertTrue(inform.hasEvent(Event.PERIODIC));
      assertEquals(2, inform.retryCount());
      assertEquals(new Wp820Identity(5).informParameters(), inform.parameters());
      GetParameterValuesResponse gpv =
          assertInstanceOf(GetParameterValuesResponse.class, acs.cpeMessages.remove());
      assertEquals(
          List.of(ParameterValue.string("Device.DeviceInfo.SoftwareVersion", "1.0.11.5")),
          gpv.parameters());
      assertInstanceOf(RebootResponse.class, acs.cpeMessages.remove());
      assertEquals(Map.of("GetParameterValues", 1, "Reboot", 1), acsRequests);
    }
  }

  @Test
  void bootModeSendsBootstrapAndBoot() throws Exception {
    try (FakeAcs acs = new FakeAcs(List.of())) {
      SessionRunner.Result r = runner(acs, "--mode", "boot").run(new Wp820Identity(0), 0);
      assertEquals(SessionRunner.Kind.OK, r.kind(), () -> String.valueOf(r.error()));
      Inform inform = acs.informs.remove();
      assertTrue(inform.hasEvent(Event.BOOTSTRAP) && inform.hasEvent(Event.BOOT));
    }
  }

  @Test
  void serviceUnavailableWithRetryAfterIsShedNotError() throws Exception {
    try (FakeAcs acs = new FakeAcs(List.of())) {
      acs.shedNext.set(1);
      SessionRunner.Result r = runner(acs).run(new Wp820Identity(1), 0);
      assertEquals(SessionRunner.Kind.SHED, r.kind());
      assertEquals(Duration.ofSeconds(3), r.retryAfter());
      assertEquals(0, acs.informs.size());
    }
  }

  @Test
  void wrongPasswordIsAuthRejected() throws Exception {
    try (FakeAcs acs = new FakeAcs(List.of())) {
      SessionRunner.Result r = runner(acs, "--password", "nope").run(new Wp820Identity(1), 0);
      assertEquals(SessionRunner.Kind.ERROR, r.kind());
      assertEquals("auth_rejected", r.error());
      assertEquals(2, r.httpRequests());
    }
  }

  @Test
  void informStormRunsABoundedNumberOfSessions() throws Exception {
    try (FakeAcs acs = new FakeAcs(List.of())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          InformStorm.run(
              new String[] {
                "--acs", acs.uri().toString(),
                "--devices", "6",
                "--concurrency", "3",
                "--sessions", "30",
                "--warmup", "0"
              },
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      String text = out.toString(StandardCharsets.UTF_8);
      assertEquals(0, status, text + err.toString(StandardCharsets.UTF_8));
      assertTrue(text.contains(" ok=30 shed=0 errors=0 "), text);
      assertEquals(30, acs.completedSessions.get());
      // all six phones took turns (how evenly depends on the scheduling of the three workers)
      Map<String, Long> perPhone = new java.util.TreeMap<>();
      acs.informs.forEach(i -> perPhone.merge(i.deviceId().serialNumber(), 1L, Long::sum));
      assertEquals(6, perPhone.size(), perPhone::toString);
    }
  }

  @Test
  void usageErrorExitsWithTwoAndHelpWithZero() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, InformStorm.run(new String[] {"--bogus", "1"}, o, e));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("InformStorm: unknown option"));
    assertEquals(0, InformStorm.run(new String[] {"--help"}, o, e));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: InformStorm"));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
