package io.cradle.acs.e2e;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.cwmp.LeaseReleases;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskOptions;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.acs.testing.LabPhones;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cwmp.message.GetParameterValues;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Zero-touch with real phones (cpe-agent) against the real ACS: a phone imported by CSV before it
 * ever booted gets its site's template (with its own variables) at first boot, and its tags at its
 * first Inform; a changed template applied by TR-069 Download reaches its P-value store, encrypted
 * with its XML config password too; a value changed on the phone shows as drift.
 */
@QuarkusTest
class TemplatesEndToEndTest {

  @TestHTTPResource("/")
  URI acs;

  @Inject TaskQueue tasks;
  @Inject LeaseReleases leases;
  @Inject Clock clock;

  /** A phone not booted yet, known to the ACS only by the CSV row for its MAC. */
  private record Unboxed(Phone phone, VirtualScheduler scheduler, LabPhones.Unit unit) {
    String deviceKey() {
      return unit.deviceKey();
    }

    String serial() {
      return unit.serial();
    }

    /** The MAC as the CSV and the file names write it. */
    String mac() {
      return unit.macDigits().toUpperCase();
    }
  }

  private Unboxed unboxed(Map<String, String> extraFactory) {
    LabPhones.Unit unit = LabPhones.next("TMPLE2E");
    VirtualScheduler scheduler = new VirtualScheduler(clock.instant());
    Phone phone = LabPhones.wp820(unit, scheduler, LabPhones.factory(acs, extraFactory)).build();
    return new Unboxed(phone, scheduler, unit);
  }

  private void runSessions(Unboxed u) {
    LabPhones.runSessions(u.scheduler(), leases);
  }

  private static void importCsv(String csv) {
    asAdmin()
        .contentType("text/csv")
        .body(csv)
        .post("/api/v1/device-profiles/import")
        .then()
        .statusCode(200);
  }

  private static long siteTemplate(String site, String pvalues) {
    return asAdmin()
        .contentType("application/json")
        .body(
            "{\"name\":\"e2e-"
                + site
                + "\",\"scope\":\"site\",\"match\":\""
                + site
                + "\",\"pvalues\":"
                + pvalues
                + "}")
        .post("/api/v1/templates")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private static void replaceTemplate(long id, String site, String pvalues) {
    asAdmin()
        .contentType("application/json")
        .body(
            "{\"name\":\"e2e-"
                + site
                + "\",\"scope\":\"site\",\"match\":\""
                + site
                + "\",\"pvalues\":"
                + pvalues
                + "}")
        .put("/api/v1/templates/{id}", id)
        .then()
        .statusCode(200);
  }

  /** Applies the template; returns the batch's one task once the phone has run its sessions. */
  private Task applyAndRun(long templateId, Unboxed u) {
    String batch =
        asAdmin()
            .post("/api/v1/templates/{id}/apply", templateId)
            .then()
            .statusCode(201)
            .body("devices", contains(u.deviceKey()))
            .extract()
            .path("batchId");
    u.phone().connectionRequest();
    runSessions(u);
    return QuarkusTransaction.requiringNew()
        .call(() -> Task.<Task>find("batchId", UUID.fromString(batch)).singleResult());
  }

  @Test
  void aPreProvisionedPhoneGetsItsTemplateAtFirstBootThenByDownloadAndDriftIsReported() {
    String site = "e2e-" + UUID.randomUUID();
    Unboxed u = unboxed(Map.of());
    importCsv(
        "mac,serial,name,site,tags,account1.userId\n"
            + u.mac()
            + ","
            + u.serial()
            + ",Ward 3 desk,"
            + site
            + ",zero-touch,4711\n");
    long template =
        siteTemplate(
            site,
            "{\"P47\":\"sip.e2e.example\",\"P35\":\"${account1.userId}\",\"P3\":\"${device.name}\"}");

    u.phone().boot();
    runSessions(u);

    // First boot: the phone fetched cfg<mac> from the ACS, and its first Inform linked the profile.
    assertEquals("sip.e2e.example", u.phone().store().get("P47").orElseThrow());
    assertEquals("4711", u.phone().store().get("P35").orElseThrow());
    assertEquals("Ward 3 desk", u.phone().store().get("P3").orElseThrow());
    Device device =
        QuarkusTransaction.requiringNew().call(() -> Device.findByKey(u.deviceKey()).orElseThrow());
    assertTrue(List.of(device.tags).contains("zero-touch"), List.of(device.tags).toString());
    asAdmin()
        .get("/api/v1/templates/{id}/preview", template)
        .then()
        .body("affected", equalTo(1))
        .body("changing", equalTo(0));

    replaceTemplate(
        template,
        site,
        "{\"P47\":\"sip2.e2e.example\",\"P35\":\"${account1.userId}\",\"P3\":\"${device.name}\"}");
    asAdmin()
        .get("/api/v1/templates/{id}/preview", template)
        .then()
        .body("changing", equalTo(1))
        .body("devices[0].changes.number", contains("P47"))
        .body("devices[0].changes[0].oldValue", equalTo("sip.e2e.example"));
    Task download = applyAndRun(template, u);

    assertEquals(TaskStatus.DONE, download.status, download.faultString);
    assertEquals("sip2.e2e.example", u.phone().store().get("P47").orElseThrow());

    // Changed on the phone (its web UI, say); the ACS sees it once it reads the parameter.
    u.phone().store().set("P47", "rogue.example");
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                tasks.enqueue(
                    device.id,
                    new GetParameterValues(
                        List.of("Device.Services.VoiceService.1.VoiceProfile.1.")),
                    TaskOptions.defaults(),
                    clock.instant()));
    u.phone().connectionRequest();
    runSessions(u);

    asAdmin()
        .queryParam("device", u.deviceKey())
        .get("/api/v1/templates/drift")
        .then()
        .statusCode(200)
        .body("device", contains(u.deviceKey()))
        .body("[0].drift.number", contains("P47"))
        .body(
            "[0].drift[0].parameter",
            equalTo("Device.Services.VoiceService.1.VoiceProfile.1.SIP.RegistrarServer"))
        .body("[0].drift[0].expected", equalTo("sip2.e2e.example"))
        .body("[0].drift[0].reported", equalTo("rogue.example"));
    asAdmin()
        .queryParam("device", u.deviceKey())
        .get("/api/v1/sip-lines")
        .then()
        .body("device", hasItem(u.deviceKey()));
  }

  @Test
  void aPhoneWithAnXmlConfigPasswordGetsEncryptedFilesItCanDecrypt() {
    String site = "e2e-" + UUID.randomUUID();
    String password = "p1359-" + UUID.randomUUID().toString().substring(0, 8);
    Unboxed u = unboxed(Map.of("P1359", password));
    importCsv(
        "mac,serial,site,config_password\n"
            + u.mac()
            + ","
            + u.serial()
            + ","
            + site
            + ","
            + password
            + "\n");
    long template = siteTemplate(site, "{\"P30\":\"ntp1.e2e.example\"}");

    u.phone().boot();
    runSessions(u);
    assertEquals("ntp1.e2e.example", u.phone().store().get("P30").orElseThrow());

    replaceTemplate(template, site, "{\"P30\":\"ntp2.e2e.example\"}");
    Task download = applyAndRun(template, u);

    assertEquals(TaskStatus.DONE, download.status, download.faultString);
    assertEquals("ntp2.e2e.example", u.phone().store().get("P30").orElseThrow());
    assertTrue(
        io.cradle.cpe.config.ConfigCrypto.isEncrypted(
            io.restassured.RestAssured.given()
                .get("/prov/cfg" + u.mac().toLowerCase() + ".xml")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray()),
        "the file is served encrypted");

    // The ACS's idea of the password is wrong: the phone refuses the file and keeps its values.
    importCsv(
        "mac,serial,site,config_password\n"
            + u.mac()
            + ","
            + u.serial()
            + ","
            + site
            + ",not-"
            + password
            + "\n");
    replaceTemplate(template, site, "{\"P30\":\"ntp3.e2e.example\"}");
    Task refused = applyAndRun(template, u);

    assertEquals(TaskStatus.FAILED, refused.status);
    assertEquals(9019, refused.faultCode, refused.faultString);
    assertEquals("ntp2.e2e.example", u.phone().store().get("P30").orElseThrow());
  }
}
