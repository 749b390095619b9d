package io.cradle.acs.ui;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.serial;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.api.ApiFixtures;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.cradle.cwmp.message.Upload;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device page: what it shows, and the tasks its forms queue (or refuse). */
@QuarkusTest
class DeviceDetailPageTest {

  @Inject Clock clock;
  @Inject EntityManager em;

  @Test
  void showsIdentityStatusLinesAndTheParameterTree() {
    Device d = device(serial("DETAIL"), clock.instant(), x -> x.mac = "C074AD0A0B0C");
    parameters(
        d,
        Map.of(
            "Device.X_GRANDSTREAM_Battery.Level", "64",
            "Device.WiFi.SSID.1.BSSID", "aa:bb:cc:dd:ee:01",
            "Device.WiFi.EndPoint.1.Stats.SignalStrength", "-61",
            "Device.Services.VoiceService.1.VoiceProfile.1.Line.1.Status", "Up",
            "Device.Services.VoiceService.1.VoiceProfile.1.Line.1.SIP.AuthUserName", "4711",
            "Device.Services.VoiceService.1.VoiceProfile.2.Line.1.Status", "Error"));

    asAdmin()
        .get("/ui/devices/" + d.deviceKey)
        .then()
        .statusCode(200)
        .body(containsString("C0:74:AD:0A:0B:0C"))
        .body(containsString("<dt>Battery</dt><dd>64 %</dd>"))
        .body(containsString("<dt>Wi-Fi AP (BSSID)</dt><dd>aa:bb:cc:dd:ee:01</dd>"))
        .body(containsString("<dt>Wi-Fi RSSI</dt><dd>-61 dBm</dd>"))
        .body(containsString("<td>4711</td><td class=\"ok\">Up</td>"))
        .body(containsString("<td class=\"bad\">Error</td>"))
        .body(containsString("data-path=\"Device.WiFi.SSID.1.\""))
        .body(containsString("data-name=\"Device.X_GRANDSTREAM_Battery.Level\""))
        .body(not(containsString("http-equiv=\"refresh\"")));
  }

  @Test
  void settingAParameterQueuesATypedSetParameterValuesAndTheNextPageRefreshesItself() {
    Device d = device(serial("SETUI"), clock.instant());

    String location =
        submit(
            d,
            "parameters",
            "name",
            "Device.ManagementServer.PeriodicInformInterval",
            "value",
            "900",
            "type",
            "unsignedInt");
    assertTrue(location.contains("notice=Task%20"), location);
    List<Task> tasks = tasks(d);
    assertEquals(1, tasks.size());
    assertEquals("SetParameterValues", tasks.get(0).kind);
    assertTrue(tasks.get(0).request.contains("\"UNSIGNED_INT\""), tasks.get(0).request);
    assertTrue(tasks.get(0).request.contains("\"900\""));

    asAdmin()
        .get("/ui/devices/" + d.deviceKey)
        .then()
        .body(containsString("http-equiv=\"refresh\""))
        .body(containsString("Device.ManagementServer.PeriodicInformInterval = 900"))
        .body(containsString("QUEUED"));
    asAdmin()
        .queryParam("device", d.deviceKey)
        .queryParam("action", "task.create")
        .get("/api/v1/audit")
        .then()
        .body("total", org.hamcrest.Matchers.equalTo(1));
  }

  @Test
  void aValueThatDoesNotFitItsTypeIsRefusedAndQueuesNothing() {
    Device d = device(serial("BADSET"), clock.instant());

    String answer =
        submit(
            d,
            "parameters",
            "name",
            "Device.ManagementServer.PeriodicInformInterval",
            "value",
            "soon",
            "type",
            "unsignedInt");
    assertThat(answer, containsString("error="));
    assertThat(answer, containsString("unsignedInt"));
    assertEquals(0, tasks(d).size());

    assertThat(
        submit(d, "actions", "action", "launch-rockets"), containsString("unknown%20action"));
    assertEquals(0, tasks(d).size());
  }

  @Test
  void actionsQueueTheirTasks() {
    Device d = device(serial("ACTIONS"), clock.instant());
    for (String action : List.of("reboot", "factory-reset", "refresh")) {
      assertThat(submit(d, "actions", "action", action), containsString("notice=Task"));
    }
    assertEquals(
        List.of("Reboot", "FactoryReset", "GetParameterValues"),
        tasks(d).stream().map(t -> t.kind).toList());
  }

  @Test
  void theConfigurationPanelShowsTemplatesValuesAndDriftAndPushConfigQueuesTheDownload() {
    String mac = ApiFixtures.mac();
    Device d = device(serial("CONFIG"), clock.instant(), x -> x.mac = mac);
    String template = "page-" + mac;
    asAdmin()
        .contentType("application/json")
        .body(
            "{\"name\":\""
                + template
                + "\",\"scope\":\"device\",\"match\":\""
                + mac
                + "\",\"pvalues\":{\"P47\":\"sip.page.example\",\"P34\":\"hunter2\","
                + "\"P4507\":\"300\"}}")
        .post("/api/v1/templates")
        .then()
        .statusCode(201);
    parameters(d, Map.of("Device.ManagementServer.PeriodicInformInterval", "600"));

    // Signed in, as the forms are only offered with the session's CSRF token.
    admin()
        .get("/ui/devices/" + d.deviceKey)
        .then()
        .statusCode(200)
        .body(containsString(">" + template + "</a> <small>(device " + mac + ")</small>"))
        .body(containsString("<td class=\"mono\">sip.page.example</td><td>" + template))
        .body(containsString("<td class=\"mono\">********</td>"))
        .body(not(containsString("hunter2")))
        .body(
            containsString(
                "<td class=\"mono\">Device.ManagementServer.PeriodicInformInterval</td>"
                    + "<td class=\"mono\">300</td><td class=\"mono bad\">600</td>"))
        .body(containsString("value=\"push-config\""));

    String location = submit(d, "actions", "action", "push-config");
    assertTrue(location.contains("queued%3A%20push%20config"), location);
    List<Task> tasks = tasks(d);
    assertEquals(1, tasks.size());
    assertEquals("Download", tasks.get(0).kind);
    assertTrue(tasks.get(0).request.contains("3 Vendor Configuration File"));
    assertTrue(
        tasks.get(0).request.contains("/prov/cfg" + mac.toLowerCase() + ".xml"),
        tasks.get(0).request);
    audited(d, "template.push", 1);
  }

  @Test
  void pushConfigIsRefusedWhenNoTemplateAppliesAndQueuesNothing() {
    Device d = device(serial("NOCONF"), clock.instant(), x -> x.mac = ApiFixtures.mac());
    admin()
        .get("/ui/devices/" + d.deviceKey)
        .then()
        .body(containsString("No template applies to this phone"))
        .body(containsString("value=\"upload-config\""))
        .body(not(containsString("value=\"push-config\"")));

    assertThat(
        submit(d, "actions", "action", "push-config"), containsString("no%20template%20applies"));
    assertEquals(0, tasks(d).size());
    audited(d, "template.push", 0);
  }

  @Test
  void upgradeOffersTheModelsImagesQueuesTheDownloadAndRefusesAnotherModelsImage() {
    Device d = device(serial("UPGRADE"), clock.instant());
    java.util.SplittableRandom random = new java.util.SplittableRandom();
    String version = "8.1." + random.nextInt(256) + "." + random.nextInt(256);
    long wp820 = upload("WP820", version);
    long other = upload("WP810", version);

    admin()
        .get("/ui/devices/" + d.deviceKey)
        .then()
        .body(containsString("<option value=\"" + wp820 + "\">WP820 " + version))
        .body(not(containsString("<option value=\"" + other + "\">")));

    assertThat(
        submit(d, "firmware", "image", String.valueOf(other)),
        containsString("is%20an%20image%20for%20the%20WP810"));
    assertEquals(0, tasks(d).size(), "another model's image is never queued");

    assertThat(
        submit(d, "firmware", "image", String.valueOf(wp820)),
        containsString("queued%3A%20upgrade%20firmware"));
    List<Task> tasks = tasks(d);
    assertEquals(1, tasks.size());
    assertTrue(tasks.get(0).request.contains("1 Firmware Upgrade Image"), tasks.get(0).request);
    assertTrue(tasks.get(0).request.contains("/firmware/WP820-" + version + ".bin"));
    audited(d, "firmware.upgrade", 1);
  }

  @Test
  void uploadConfigBackupQueuesAnUploadToThisAcs() {
    Device d = device(serial("BACKUPUI"), clock.instant(), x -> x.mac = ApiFixtures.mac());
    assertThat(submit(d, "actions", "action", "upload-config"), containsString("notice=Task"));
    List<Task> tasks = tasks(d);
    assertEquals("Upload", tasks.get(0).kind);
    assertTrue(
        tasks.get(0).request.contains("/backups/" + d.deviceKey + "/cfg"), tasks.get(0).request);
    // TR-069's Upload names the config file type "1 ..." (a Download's is "3 ...").
    assertTrue(tasks.get(0).request.contains(Upload.VENDOR_CONFIGURATION_FILE));
  }

  /**
   * Posts one of the device page's forms ({@code parameters}, {@code actions}, {@code firmware}) as
   * the admin with the given field/value pairs; the page answers 303 back to itself with its notice
   * or error in the Location, which is returned.
   */
  private static String submit(Device d, String form, String... fields) {
    var request = asAdmin().redirects().follow(false);
    for (int i = 0; i < fields.length; i += 2) {
      request = request.formParam(fields[i], fields[i + 1]);
    }
    return request
        .post("/ui/devices/" + d.deviceKey + "/" + form)
        .then()
        .statusCode(303)
        .extract()
        .header("Location");
  }

  private static io.restassured.specification.RequestSpecification admin() {
    return Dashboard.signIn(ApiFixtures.ADMIN, ApiFixtures.ADMIN_PASSWORD).request();
  }

  private static long upload(String model, String version) {
    return asAdmin()
        .contentType("application/octet-stream")
        .body(FirmwareImage.build(model, FirmwareVersion.parse(version), new byte[1024]))
        .post("/api/v1/firmware")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private static void audited(Device d, String action, int count) {
    asAdmin()
        .queryParam("device", d.deviceKey)
        .queryParam("action", action)
        .get("/api/v1/audit")
        .then()
        .body("total", org.hamcrest.Matchers.equalTo(count));
  }

  @Test
  void anUnknownDeviceIsA404() {
    asAdmin().get("/ui/devices/000B82-WP820-NOPE").then().statusCode(404);
  }

  private static List<Task> tasks(Device d) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Task.<Task>list("deviceId = ?1 order by id", d.id));
  }

  private void parameters(Device d, Map<String, String> values) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                values.forEach(
                    (name, value) ->
                        em.createNativeQuery(
                                "insert into device_parameter (device_id, name, value, type,"
                                    + " changed_at) values (?1, ?2, ?3, 'string', now())")
                            .setParameter(1, d.id)
                            .setParameter(2, name)
                            .setParameter(3, value)
                            .executeUpdate()));
  }
}
