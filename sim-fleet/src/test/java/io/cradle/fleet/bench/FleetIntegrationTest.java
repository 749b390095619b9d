package io.cradle.fleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cwmp.message.AddObject;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.fleet.run.Fleet;
import io.cradle.fleet.run.StopSignal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real fleet of five phones (real {@code Phone}s, real connection-request endpoints on their own
 * loopback addresses) against the in-process {@link FakeAcs}, through the {@code run} command.
 */
class FleetIntegrationTest {

  @Test
  void fivePhonesBootstrapWithTheirOwnEndpointsAndTheReportCountsThem(@TempDir Path dir)
      throws Exception {
    List<io.cradle.cwmp.message.AcsRequest<?>> tasks =
        List.of(
            new GetParameterValues(List.of("Device.DeviceInfo.SoftwareVersion")),
            new AddObject("Device.DeviceInfo.NoSuchTable.", "k1"));
    try (FakeAcs acs = new FakeAcs(tasks)) {
      Path report = dir.resolve("out/report.json");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          Fleet.run(
              new String[] {
                "--acs",
                acs.uri().toString(),
                "--phones",
                "5",
                "--first-mac",
                "00:0B:82:77:00:01",
                "--address-base",
                "127.88.0.252",
                "--cr-port",
                "17547",
                "--stagger",
                "200ms",
                "--session-threads",
                "2",
                "--until-booted",
                "--boot-timeout",
                "30s",
                "--report",
                report.toString(),
                "--data-dir",
                dir.resolve("flash").toString()
              },
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              StopSignal.manual());
      String log = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
      assertEquals(0, status, log);

      // Every phone's first Inform carried BOOTSTRAP, from its own address and endpoint.
      Map<String, Inform> first = new HashMap<>();
      for (Inform inform : acs.informs) {
        first.putIfAbsent(inform.deviceId().serialNumber(), inform);
      }
      assertEquals(
          Set.of("000B82770001", "000B82770002", "000B82770003", "000B82770004", "000B82770005"),
          first.keySet(),
          log);
      Set<String> crUrls = new HashSet<>();
      Set<String> hosts = new HashSet<>();
      for (Inform inform : first.values()) {
        assertTrue(
            inform.events().stream().anyMatch(e -> e.code().equals(Event.BOOTSTRAP)),
            () -> inform.deviceId() + " " + inform.events());
        String url = parameter(inform, "Device.ManagementServer.ConnectionRequestURL");
        crUrls.add(url);
        URI uri = URI.create(url);
        hosts.add(uri.getHost());
        assertEquals(17547, uri.getPort(), url);
      }
      assertEquals(5, crUrls.size(), crUrls::toString);
      // 127.88.0.252, .253, .254, then 127.88.1.1 and .2: never .255 or .0.
      assertEquals(
          Set.of("127.88.0.252", "127.88.0.253", "127.88.0.254", "127.88.1.1", "127.88.1.2"),
          hosts);

      String json = Files.readString(report);
      assertTrue(
          json.contains(
              "\"phones\": {\"started\": 5, \"booted\": 5, \"bootstrapped\": 5,"
                  + " \"neverReachedAcs\": 0}"),
          json);
      assertTrue(json.contains("\"GetParameterValues\": "), json);
      assertTrue(json.contains("\"AddObject\": "), json);
      assertTrue(json.contains("\"faults\": {\"900"), json);
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("sim-fleet summary"), log);
      // Each phone kept its flash in its own directory.
      for (String mac : first.keySet()) {
        assertTrue(
            Files.isDirectory(dir.resolve("flash").resolve(mac)),
            () -> mac + " in " + listing(dir));
      }
    }
  }

  @Test
  void phonesThatNeverReachTheAcsFailTheRun(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Fleet.run(
            new String[] {
              "--acs",
              "http://127.0.0.1:1/cwmp",
              "--phones",
              "2",
              "--first-mac",
              "00:0B:82:77:10:01",
              "--address-base",
              "127.88.2.1",
              "--cr-port",
              "17547",
              "--stagger",
              "0",
              "--until-booted",
              "--boot-timeout",
              "2s",
              "--report",
              report.toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            StopSignal.manual());
    assertEquals(1, status, out.toString(StandardCharsets.UTF_8));
    String json = Files.readString(report);
    assertTrue(json.contains("\"started\": 2, \"booted\": 0"), json);
    assertTrue(json.contains("\"neverReachedAcs\": 2"), json);
    assertTrue(json.contains("ConnectException"), json);
  }

  private static String listing(Path dir) {
    try (var files = Files.walk(dir)) {
      return files.map(Path::toString).toList().toString();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static String parameter(Inform inform, String name) {
    return inform.parameters().stream()
        .filter(p -> p.name().equals(name))
        .map(ParameterValue::value)
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " missing from " + inform.parameters()));
  }
}
