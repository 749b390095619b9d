package io.cradle.acs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * The dashboard at fleet scale: loads 100,000 WP820s (50 parameters each, tags, a few alarms) into
 * the test PostgreSQL with COPY and INSERT ... SELECT, then times the device list page and API
 * queries (p50/p95 over repeated requests through HTTP, as a browser or API client sees them) and
 * queuing a bulk task on 10,000 devices. A benchmark, not a test: it asserts only that the answers
 * are right, and its class name keeps it out of the normal test run. Run it with
 *
 * <pre>
 * ./mvnw -B -pl acs-server -am verify -Dtest=DashboardBench -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * ({@code -Dbench.devices=N} for another fleet size); the figures go to stdout and {@code
 * target/dashboard-bench.txt}.
 */
@QuarkusTest
class DashboardBench {

  static final int DEVICES = Integer.getInteger("bench.devices", 100_000);
  static final int BULK = Math.min(10_000, DEVICES);
  static final int ROUNDS = Integer.getInteger("bench.rounds", 40);
  static final String[] FIRMWARE = {"1.0.7.81", "1.0.7.79", "1.0.9.3", "1.0.5.23"};

  /** What a WP820 reports, 50 parameters: names and xsd types. */
  static final String[][] PARAMETERS = parameters();

  @TestHTTPResource("/")
  URI acs;

  @Inject AgroalDataSource dataSource;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String auth =
      "Basic "
          + Base64.getEncoder().encodeToString("admin:test-admin".getBytes(StandardCharsets.UTF_8));
  private final StringBuilder report = new StringBuilder();

  @Test
  void fleetOf100kDevices() throws Exception {
    long t0 = System.nanoTime();
    load();
    line(
        "loaded %,d devices, %,d parameters in %.1f s",
        DEVICES, (long) DEVICES * PARAMETERS.length, (System.nanoTime() - t0) / 1e9);

    String deep = keyAt(DEVICES * 9 / 10);
    String mac =
        macOf(DEVICES / 3).substring(6); // the last six hex digits, as an operator types them
    String serial = serialOf(DEVICES / 2);
    line("");
    line(
        "%-58s %8s %8s %8s",
        "request (" + ROUNDS + " rounds, round-robin, after warm-up)",
        "p50 ms",
        "p95 ms",
        "max ms");
    Map<String, String> requests = new LinkedHashMap<>();
    requests.put("page  /ui/devices (first page)", "/ui/devices");
    requests.put(
        "page  /ui/devices?firmware=&online=online", "/ui/devices?firmware=1.0.9.3&online=online");
    requests.put("page  /ui/devices?after=<90,000th device>", "/ui/devices?after=" + deep);
    requests.put("page  /ui/devices?q=<MAC fragment>", "/ui/devices?q=" + mac);
    requests.put("page  /ui/devices?sort=lastInform", "/ui/devices?sort=lastInform");
    requests.put("page  /ui/devices?alarm=yes", "/ui/devices?alarm=yes");
    requests.put("api   /api/v1/devices (first page)", "/api/v1/devices");
    requests.put("api   /api/v1/devices?q=<serial>", "/api/v1/devices?q=" + serial);
    requests.put(
        "api   /api/v1/devices?model=WP825&tag=site-3", "/api/v1/devices?model=WP825&tag=site-3");
    requests.put("api   /api/v1/devices?after=<90,000th device>", "/api/v1/devices?after=" + deep);
    requests.put(
        "api   /api/v1/devices?sort=software&after=<90,000th>",
        "/api/v1/devices?sort=software&after=" + deep);
    requests.put(
        "api   /api/v1/devices?offset=90000 (for comparison)",
        "/api/v1/devices?offset=" + (DEVICES * 9 / 10));
    requests.put("page  /ui (fleet overview)", "/ui");
    // Round-robin, so that a burst of load on the shared machine hits every request alike.
    Map<String, long[]> nanos = new LinkedHashMap<>();
    for (Map.Entry<String, String> r : requests.entrySet()) {
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> warm = send(get(r.getValue()));
        assertEquals(200, warm.statusCode(), r.getValue() + ": " + warm.body());
      }
      nanos.put(r.getKey(), new long[ROUNDS]);
    }
    for (int round = 0; round < ROUNDS; round++) {
      for (Map.Entry<String, String> r : requests.entrySet()) {
        long start = System.nanoTime();
        HttpResponse<String> answer = send(get(r.getValue()));
        nanos.get(r.getKey())[round] = System.nanoTime() - start;
        assertEquals(200, answer.statusCode());
      }
    }
    nanos.forEach(this::percentiles);

    line("");
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      HttpResponse<String> created =
          send(
              HttpRequest.newBuilder(acs.resolve("/api/v1/tasks"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"selector\": {\"tag\": \"bulk-10k\"}, \"kind\": \"Reboot\"}")));
      double ms = (System.nanoTime() - start) / 1e6;
      assertEquals(201, created.statusCode(), created.body());
      if (!created.body().contains("\"count\":" + BULK)) {
        throw new AssertionError("expected " + BULK + " tasks: " + created.body());
      }
      line("bulk Reboot on %,d devices (POST /api/v1/tasks, audited): %.0f ms", BULK, ms);
    }
    line("");
    templates();
    java.nio.file.Files.writeString(java.nio.file.Path.of("target/dashboard-bench.txt"), report);
  }

  /**
   * A global template over the whole fleet, where 90 % of the devices were given its values
   * already: preview (counts over all, first page listed), apply (a Download for each of the 10,000
   * it changes) and the first page of drift (every bench device reports another registrar). The
   * template is deleted afterwards, so that tests sharing the database are not given its value.
   */
  private void templates() throws Exception {
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder(acs.resolve("/api/v1/templates"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"bench\", \"scope\": \"global\", \"pvalues\":"
                            + " {\"P47\": \"sip.bench.example\"}}")));
    assertEquals(201, created.statusCode(), created.body());
    String template = "/api/v1/templates/" + number(created.body(), "id");
    try {
      timeTemplate(template);
    } finally {
      send(HttpRequest.newBuilder(acs.resolve(template)).DELETE());
    }
  }

  private void timeTemplate(String template) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "insert into device_config (mac, pvalues, given_at, given_by)"
              + " select mac, '{\"P47\": \"sip.bench.example\"}', now(), 'apply' from device"
              + " where serial_number like 'BENCH%' and not ('bulk-10k' = any(tags))");
      s.execute("analyze device_config");
    }
    int rounds = 5;
    long[] preview = new long[rounds];
    long[] drift = new long[rounds];
    String counts = "";
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      HttpResponse<String> p = send(get(template + "/preview"));
      preview[i] = System.nanoTime() - start;
      assertEquals(200, p.statusCode(), p.body());
      // Devices other tests left in a shared database change too: at least the bench's 10,000.
      if (number(p.body(), "changing") < BULK) {
        throw new AssertionError("expected at least " + BULK + " changing");
      }
      counts =
          String.format(
              Locale.ROOT,
              "%,d devices, %,d changing",
              number(p.body(), "affected"),
              number(p.body(), "changing"));
      start = System.nanoTime();
      HttpResponse<String> d = send(get("/api/v1/templates/drift"));
      drift[i] = System.nanoTime() - start;
      assertEquals(200, d.statusCode(), d.body());
    }
    Arrays.sort(preview);
    Arrays.sort(drift);
    line(
        "template preview, %s, first page: median %.0f ms, max %.0f ms (%d rounds)",
        counts, preview[rounds / 2] / 1e6, preview[rounds - 1] / 1e6, rounds);
    line(
        "template drift, first page of 100: median %.0f ms, max %.0f ms",
        drift[rounds / 2] / 1e6, drift[rounds - 1] / 1e6);
    long start = System.nanoTime();
    HttpResponse<String> applied =
        send(
            HttpRequest.newBuilder(acs.resolve(template + "/apply"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    double ms = (System.nanoTime() - start) / 1e6;
    assertEquals(201, applied.statusCode(), applied.body());
    long queued = number(applied.body(), "tasks");
    if (queued < BULK) {
      throw new AssertionError("expected at least " + BULK + " Downloads queued");
    }
    line("template apply, %,d Downloads queued (audited): %.0f ms", queued, ms);
  }

  /** The first whole number named {@code field} in a JSON answer. */
  private static long number(String json, String field) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
    if (!m.find()) {
      throw new AssertionError("no " + field + " in " + json);
    }
    return Long.parseLong(m.group(1));
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(acs.resolve(path)).GET();
  }

  private void percentiles(String label, long[] nanos) {
    Arrays.sort(nanos);
    line(
        "%-58s %8.1f %8.1f %8.1f",
        label,
        nanos[ROUNDS / 2] / 1e6,
        nanos[(int) Math.ceil(ROUNDS * 0.95) - 1] / 1e6,
        nanos[ROUNDS - 1] / 1e6);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void load() throws SQLException, IOException {
    Instant now = Instant.now();
    SplittableRandom random = new SplittableRandom(820);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      StringBuilder csv = new StringBuilder(DEVICES * 200);
      for (int i = 0; i < DEVICES; i++) {
        boolean online = random.nextInt(100) < 92;
        Instant last =
            online
                ? now.minusSeconds(random.nextInt(300))
                : now.minus(Duration.ofHours(1 + random.nextInt(72)));
        List<String> tags = new ArrayList<>(List.of("site-" + (i % 20), "floor-" + (i % 7)));
        if (i < BULK) {
          tags.add("bulk-10k");
        }
        csv.append(keyAt(i))
            .append(',')
            .append("000B82,")
            .append(i % 20 == 0 ? "WP825" : "WP820")
            .append(',')
            .append(serialOf(i))
            .append(",Grandstream,")
            .append(macOf(i))
            .append(',')
            .append(FIRMWARE[random.nextInt(100) < 70 ? 0 : 1 + random.nextInt(3)])
            .append(',')
            .append("V1.0A,")
            .append("10.")
            .append((i >> 16) & 255)
            .append('.')
            .append((i >> 8) & 255)
            .append('.')
            .append(i & 255)
            .append(',')
            .append("http://10.")
            .append((i >> 16) & 255)
            .append('.')
            .append((i >> 8) & 255)
            .append('.')
            .append(i & 255)
            .append(":7547/cr,")
            .append("300,")
            .append("\"{")
            .append(String.join(",", tags))
            .append("}\",")
            .append(now.minus(Duration.ofDays(30)))
            .append(',')
            .append(last)
            .append(',')
            .append(now.minus(Duration.ofDays(1)))
            .append(',')
            .append("2 PERIODIC\n");
      }
      ((PGConnection) c.unwrap(PGConnection.class))
          .getCopyAPI()
          .copyIn(
              "copy device (device_key, oui, product_class, serial_number, manufacturer, mac,"
                  + " software_version, hardware_version, ip_address, connection_request_url,"
                  + " periodic_inform_interval, tags, first_seen, last_inform, last_boot, last_events)"
                  + " from stdin with (format csv)",
              new StringReader(csv.toString()));
      try (PreparedStatement p =
          c.prepareStatement(
              "insert into device_parameter (device_id, name, value, type, changed_at)"
                  + " select d.id, p.name, case"
                  + "   when p.name = 'Device.X_GRANDSTREAM_Battery.Level' then ((d.id * 37) % 101)::text"
                  + "   when p.name = 'Device.WiFi.EndPoint.1.Stats.SignalStrength' then (-40 - d.id % 45)::text"
                  + "   when p.type = 'unsignedInt' then ((d.id + p.i) % 1000)::text"
                  + "   when p.type = 'boolean' then ((d.id + p.i) % 2 = 0)::text"
                  + "   else 'value-' || d.id || '-' || p.i end,"
                  + " p.type, now() from device d"
                  + " cross join unnest(?::text[], ?::text[]) with ordinality as p(name, type, i)"
                  + " where d.serial_number like 'BENCH%'")) {
        p.setArray(1, c.createArrayOf("text", Arrays.stream(PARAMETERS).map(x -> x[0]).toArray()));
        p.setArray(2, c.createArrayOf("text", Arrays.stream(PARAMETERS).map(x -> x[1]).toArray()));
        p.executeUpdate();
      }
      try (Statement s = c.createStatement()) {
        // A few alarms, as a real fleet has: low batteries, some offline, a rare SAFE alarm.
        s.executeUpdate(
            "insert into alarm (device_id, kind, severity, raised_at, detail)"
                + " select id, case when id % 1000 = 0 then 'SAFE_ALARM' when id % 2 = 0"
                + " then 'LOW_BATTERY' else 'OFFLINE' end, case when id % 1000 = 0 then"
                + " 'critical' when id % 2 = 0 then 'major' else 'minor' end, now(), 'bench'"
                + " from device where serial_number like 'BENCH%' and id % 97 = 0");
      }
      c.commit();
      try (Statement s = c.createStatement()) {
        c.setAutoCommit(true);
        s.execute("analyze device");
        s.execute("analyze device_parameter");
        s.execute("analyze alarm");
        try (ResultSet r =
            s.executeQuery("select count(*) from device where serial_number like 'BENCH%'")) {
          r.next();
          assertEquals(DEVICES, r.getLong(1));
        }
      }
    }
  }

  static String keyAt(int i) {
    return "000B82-" + (i % 20 == 0 ? "WP825" : "WP820") + "-" + serialOf(i);
  }

  static String serialOf(int i) {
    return String.format("BENCH%07d", i);
  }

  static String macOf(int i) {
    return String.format("000B82%06X", 0x100000 + i);
  }

  private void line(String format, Object... args) {
    String text = String.format(Locale.ROOT, format, args);
    System.out.println("[bench] " + text);
    report.append(text).append('\n');
  }

  private static String[][] parameters() {
    List<String[]> p = new ArrayList<>();
    String di = "Device.DeviceInfo.";
    for (String n :
        List.of(
            "Manufacturer",
            "ManufacturerOUI",
            "ModelName",
            "ProductClass",
            "SerialNumber",
            "HardwareVersion",
            "SoftwareVersion",
            "ProvisioningCode")) {
      p.add(new String[] {di + n, "string"});
    }
    p.add(new String[] {di + "UpTime", "unsignedInt"});
    String ms = "Device.ManagementServer.";
    for (String n :
        List.of(
            "URL",
            "Username",
            "ConnectionRequestURL",
            "ConnectionRequestUsername",
            "ParameterKey")) {
      p.add(new String[] {ms + n, "string"});
    }
    p.add(new String[] {ms + "PeriodicInformEnable", "boolean"});
    p.add(new String[] {ms + "PeriodicInformInterval", "unsignedInt"});
    for (String n : List.of("Level", "Voltage", "RemainingTime", "TimeToFull")) {
      p.add(new String[] {"Device.X_GRANDSTREAM_Battery." + n, "unsignedInt"});
    }
    for (String n : List.of("ChargingState", "Led")) {
      p.add(new String[] {"Device.X_GRANDSTREAM_Battery." + n, "string"});
    }
    p.add(new String[] {"Device.X_GRANDSTREAM_Battery.LowBattery", "boolean"});
    for (String n : List.of("Status", "SSID", "BSSID")) {
      p.add(new String[] {"Device.WiFi.SSID.1." + n, "string"});
    }
    for (String n : List.of("Status", "Profile.1.SSID", "Profile.1.Security.ModeEnabled")) {
      p.add(new String[] {"Device.WiFi.EndPoint.1." + n, "string"});
    }
    for (String n :
        List.of(
            "Stats.SignalStrength",
            "Stats.LastDataDownlinkRate",
            "Stats.LastDataUplinkRate",
            "X_GRANDSTREAM_RoamCount")) {
      p.add(new String[] {"Device.WiFi.EndPoint.1." + n, "unsignedInt"});
    }
    for (int account = 1; account <= 2; account++) {
      String vp = "Device.Services.VoiceService.1.VoiceProfile." + account + ".";
      for (String n :
          List.of(
              "Enable",
              "SIP.ProxyServer",
              "SIP.RegistrarServer",
              "Line.1.Enable",
              "Line.1.Status",
              "Line.1.CallState",
              "Line.1.SIP.AuthUserName",
              "Line.1.SIP.URI")) {
        p.add(new String[] {vp + n, "string"});
      }
    }
    p.add(new String[] {"Device.X_GRANDSTREAM_Safe.State", "string"});
    if (p.size() != 50) {
      throw new IllegalStateException("50 parameters per device, not " + p.size());
    }
    return p.toArray(String[][]::new);
  }
}
