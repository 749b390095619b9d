package io.cradle.acs.templates;

import static io.cradle.acs.api.ApiFixtures.as;
import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.mac;
import static io.cradle.acs.api.ApiFixtures.serial;
import static io.cradle.acs.api.ApiFixtures.user;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.cradle.cpe.config.ConfigCrypto;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Templates, device CSV and the SIP pool over the API, down to the file a phone is served. Tests
 * share one database, so each uses its own site (never a global template, which would reach every
 * other test's devices).
 */
@QuarkusTest
class TemplateApiTest {

  @Inject Clock clock;
  @Inject TemplateStore store;
  @Inject EntityManager em;

  private static String site() {
    return "site-" + UUID.randomUUID();
  }

  private static ValidatableResponse importCsv(String csv) {
    return asAdmin()
        .contentType("text/csv")
        .body(csv)
        .post("/api/v1/device-profiles/import")
        .then();
  }

  private static ValidatableResponse createTemplate(String json) {
    return asAdmin().contentType("application/json").body(json).post("/api/v1/templates").then();
  }

  private static long siteTemplate(String site, String pvalues) {
    return createTemplate(
            "{\"name\":\"t-"
                + site
                + "\",\"scope\":\"site\",\"match\":\""
                + site
                + "\",\"pvalues\":"
                + pvalues
                + "}")
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private static byte[] served(String mac) {
    return RestAssured.given()
        .get("/prov/cfg" + mac.toLowerCase() + ".xml")
        .then()
        .statusCode(200)
        .extract()
        .asByteArray();
  }

  @Test
  void aTemplateIsCheckedWhenSavedWithErrorsThatSayWhatToFix() {
    String site = site();
    createTemplate("{\"name\":\"x\",\"scope\":\"region\",\"match\":\"a\",\"pvalues\":{}}")
        .statusCode(400)
        .body("error", containsString("scope must be global, model, site or device"));
    createTemplate("{\"name\":\"x\",\"scope\":\"global\",\"match\":\"a\",\"pvalues\":{}}")
        .statusCode(400)
        .body("error", containsString("leave match empty"));
    createTemplate("{\"name\":\"x\",\"scope\":\"device\",\"match\":\"nope\",\"pvalues\":{}}")
        .statusCode(400)
        .body("error", containsString("MAC as match"));
    createTemplate(
            "{\"name\":\"x\",\"scope\":\"site\",\"match\":\""
                + site
                + "\",\"pvalues\":{\"P31\":\"maybe\",\"Q1\":\"1\",\"P35\":\"${oops\"}}")
        .statusCode(400)
        .body("error", containsString("P31 account1.sipRegistration: 'maybe' is not one of 0, 1"))
        .body("error", containsString("'Q1' is not a P-value number"))
        .body("error", containsString("P35: unclosed '${'"));
    createTemplate("{\"name\":\"x\",\"scope\":\"site\",\"match\":\"" + site + "\"}")
        .statusCode(400)
        .body("error", containsString("\"pvalues\" is required"));

    siteTemplate(site, "{\"P30\":\"pool.ntp.org\"}");
    createTemplate(
            "{\"name\":\"other\",\"scope\":\"site\",\"match\":\""
                + site
                + "\",\"pvalues\":{\"P30\":\"x\"}}")
        .statusCode(409)
        .body("error", containsString("already a site '" + site + "' template"));
    createTemplate(
            "{\"name\":\"t-"
                + site
                + "\",\"scope\":\"site\",\"match\":\"elsewhere\",\"pvalues\":{}}")
        .statusCode(409)
        .body("error", containsString("exists already"));

    String viewer = user("tmpl-viewer", "viewer");
    as(viewer)
        .contentType("application/json")
        .body("{\"name\":\"v\",\"scope\":\"site\",\"match\":\"v\",\"pvalues\":{}}")
        .post("/api/v1/templates")
        .then()
        .statusCode(403);
    as(viewer).get("/api/v1/templates").then().statusCode(200);
  }

  @Test
  void preProvisionedDevicesArePreviewedAppliedAndServedTheirRenderedFile() {
    String site = site();
    String macA = mac();
    String macB = mac();
    String serialA = serial("TMPL");
    Device a = device(serialA, clock.instant(), d -> d.tags = new String[] {"existing"});
    importCsv(
            "mac,serial,name,site,tags,room\n"
                + macA.toLowerCase()
                + ","
                + serialA
                + ",Ward 3 desk,"
                + site
                + ",ward-3;nurses,312\n"
                + macB
                + ",,Spare,"
                + site
                + ",,\n")
        .statusCode(200)
        .body("rows", equalTo(2))
        .body("created", equalTo(2))
        .body("linked", equalTo(1))
        .body("errors", empty());
    Device linked = QuarkusTransaction.requiringNew().call(() -> Device.<Device>findById(a.id));
    assertEquals(List.of("existing", "ward-3", "nurses"), List.of(linked.tags));

    long accountId =
        asAdmin()
            .contentType("application/json")
            .body(
                "{\"server\":\"sip.example.com\",\"userId\":\"u-"
                    + macA
                    + "\",\"password\":\"s3cret\",\"displayName\":\"Desk\",\"mac\":\""
                    + macA
                    + "\",\"line\":1}")
            .post("/api/v1/sip-accounts")
            .then()
            .statusCode(201)
            .body("hasPassword", equalTo(true))
            .body("$", not(org.hamcrest.Matchers.hasKey("password")))
            .extract()
            .jsonPath()
            .getLong("id");
    long id =
        siteTemplate(
            site,
            "{\"P47\":\"${account1.server}\",\"P35\":\"${account1.userId}\","
                + "\"P34\":\"${account1.password}\",\"P3\":\"${device.name} ${room}\"}");

    asAdmin()
        .get("/api/v1/templates/{id}/preview", id)
        .then()
        .statusCode(200)
        .body("affected", equalTo(2))
        .body("changing", equalTo(1))
        .body("withErrors", equalTo(1))
        .body("notYetSeen", equalTo(1))
        .body(
            "devices.find { it.mac == '" + macA + "' }.changes.number",
            contains("P3", "P34", "P35", "P47"))
        .body(
            "devices.find { it.mac == '" + macA + "' }.changes[0].newValue",
            equalTo("Ward 3 desk 312"))
        .body("devices.find { it.mac == '" + macA + "' }.changes[0].oldValue", nullValue())
        .body("devices.find { it.mac == '" + macA + "' }.changes[1].newValue", equalTo("********"))
        .body(
            "devices.find { it.mac == '" + macB + "' }.errors",
            contains(
                containsString(
                    "P3 account1.displayName (template t-" + site + "): no value for ${room}"),
                containsString("P34 account1.password"),
                containsString("P35 account1.sipUserId"),
                containsString("P47 account1.sipServer")));

    var applied =
        asAdmin()
            .post("/api/v1/templates/{id}/apply", id)
            .then()
            .statusCode(201)
            .body("tasks", equalTo(1))
            .body("devices", contains(a.deviceKey))
            .body("skipped.device", contains(macB))
            .extract()
            .jsonPath();
    UUID batch = UUID.fromString(applied.getString("batchId"));
    List<Task> tasks =
        QuarkusTransaction.requiringNew().call(() -> Task.<Task>list("batchId", batch));
    assertEquals(1, tasks.size());
    assertEquals("Download", tasks.get(0).kind);
    assertEquals(a.id, tasks.get(0).deviceId);
    String request = tasks.get(0).request.toString();
    assertTrue(request.contains("3 Vendor Configuration File"), request);
    assertTrue(request.contains("/prov/cfg" + macA.toLowerCase() + ".xml"), request);

    asAdmin()
        .queryParam("action", "template.apply")
        .queryParam("device", a.deviceKey)
        .get("/api/v1/audit")
        .then()
        .body("total", equalTo(1))
        .body("items[0].after.changed.'" + a.deviceKey + "'", contains("P3", "P34", "P35", "P47"))
        .body("items[0].after.toString()", not(containsString("s3cret")));

    String xml = new String(served(macA), StandardCharsets.UTF_8);
    assertTrue(xml.contains("<mac>" + macA.toLowerCase() + "</mac>"), xml);
    assertTrue(xml.contains("<P35>u-" + macA + "</P35>"), xml);
    assertTrue(xml.contains("<P34>s3cret</P34>"), xml);
    assertTrue(xml.contains("<P3>Ward 3 desk 312</P3>"), xml);
    // B cannot be rendered: it gets no file (none in prov/ either), never one with empty values.
    RestAssured.given().get("/prov/cfg" + macB.toLowerCase() + ".xml").then().statusCode(404);

    asAdmin().get("/api/v1/templates/{id}/preview", id).then().body("changing", equalTo(0));
    asAdmin()
        .contentType("application/json")
        .body(
            "{\"name\":\"t-"
                + site
                + "\",\"scope\":\"site\",\"match\":\""
                + site
                + "\",\"pvalues\":{\"P47\":\"${account1.server}\",\"P35\":\"${account1.userId}\","
                + "\"P34\":\"********\",\"P3\":\"Desk ${room}\"}}")
        .put("/api/v1/templates/{id}", id)
        .then()
        .statusCode(200)
        .body("pvalues.P34", equalTo("${account1.password}"));
    asAdmin()
        .get("/api/v1/templates/{id}/preview", id)
        .then()
        .body("changing", equalTo(1))
        .body("devices.find { it.mac == '" + macA + "' }.changes.number", contains("P3"))
        .body(
            "devices.find { it.mac == '" + macA + "' }.changes[0].oldValue",
            equalTo("Ward 3 desk 312"))
        .body("devices.find { it.mac == '" + macA + "' }.changes[0].newValue", equalTo("Desk 312"));

    asAdmin()
        .queryParam("device", macA)
        .get("/api/v1/sip-lines")
        .then()
        .statusCode(200)
        .body("find { it.mac == '" + macA + "' }.accountId", equalTo((int) accountId))
        .body("find { it.mac == '" + macA + "' }.line", equalTo(1))
        .body("find { it.mac == '" + macA + "' }.status", nullValue());
  }

  /** Stores a value as if the device had reported it. */
  private void reported(Device d, String parameter, String value) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "insert into device_parameter (device_id, name, value, type, changed_at)"
                            + " values (?1, ?2, ?3, 'string', now())")
                    .setParameter(1, d.id)
                    .setParameter(2, parameter)
                    .setParameter(3, value)
                    .executeUpdate());
  }

  @Test
  void previewAndDriftComeAPageAtATimeAfterACursor() {
    String site = site();
    List<String> keys = new ArrayList<>();
    StringBuilder csv = new StringBuilder("mac,serial,site\n");
    for (int i = 0; i < 3; i++) {
      String serial = serial("PAGED");
      String mac = mac();
      Device d = device(serial, clock.instant(), x -> x.mac = mac);
      reported(d, "Device.Time.NTPServer1", "rogue.example");
      csv.append(mac).append(',').append(serial).append(',').append(site).append('\n');
      keys.add(d.deviceKey);
    }
    String unboxed = mac();
    csv.append(unboxed).append(",,").append(site).append('\n');
    importCsv(csv.toString()).statusCode(200);
    long id = siteTemplate(site, "{\"P30\":\"ntp.example.org\"}");

    String next =
        asAdmin()
            .get("/api/v1/templates/{id}/preview?limit=3", id)
            .then()
            .statusCode(200)
            .body("affected", equalTo(4))
            .body("changing", equalTo(4))
            .body("devices.device", contains(keys.toArray()))
            .body("next", equalTo(keys.get(2)))
            .extract()
            .path("next");
    asAdmin()
        .get("/api/v1/templates/{id}/preview?limit=3&after=" + next, id)
        .then()
        .statusCode(200)
        .body("affected", equalTo(4), "changing", equalTo(4))
        .body("devices.device", contains(unboxed))
        .body("next", nullValue());
    asAdmin()
        .get("/api/v1/templates/{id}/preview?limit=0", id)
        .then()
        .statusCode(400)
        .body("error", containsString("limit must be between 1 and 1000"));
    asAdmin()
        .get("/api/v1/templates/{id}/preview?limit=many", id)
        .then()
        .statusCode(400)
        .body("error", containsString("limit must be a whole number"));

    // Device keys sort by serial: the prefix comes just before these three.
    String before = keys.get(0).substring(0, keys.get(0).lastIndexOf('-') + 1);
    asAdmin()
        .get("/api/v1/templates/drift?limit=2&after=" + before)
        .then()
        .statusCode(200)
        .body("device", contains(keys.get(0), keys.get(1)))
        .body("[0].drift[0].reported", equalTo("rogue.example"));
    asAdmin()
        .get("/api/v1/templates/drift?limit=1&after=" + keys.get(1))
        .then()
        .statusCode(200)
        .body("device", contains(keys.get(2)));
  }

  @Test
  void aDeviceWithAnXmlConfigPasswordIsServedAnEncryptedFile() throws Exception {
    String site = site();
    String mac = mac();
    importCsv("mac,site,config_password\n" + mac + "," + site + ",p1359-" + mac + "\n")
        .statusCode(200);
    siteTemplate(site, "{\"P30\":\"ntp.example.com\"}");

    byte[] file = served(mac);

    assertTrue(ConfigCrypto.isEncrypted(file));
    String xml =
        new String(ConfigCrypto.decrypt("cfg", file, "p1359-" + mac), StandardCharsets.UTF_8);
    assertTrue(xml.contains("<P30>ntp.example.com</P30>"), xml);
    asAdmin()
        .queryParam("mac", mac)
        .get("/api/v1/device-profiles")
        .then()
        .body("find { it.mac == '" + mac + "' }.configPassword", equalTo(true))
        .body("toString()", not(containsString("p1359-")));
  }

  @Test
  void aBadCsvIsRefusedWithEveryRowsErrorAndNothingIsImported() {
    String good = mac();
    String taken = mac();
    importCsv("mac,serial\n" + taken + ",SER-" + taken + "\n").statusCode(200);

    importCsv("mac,serial,name,site,tags,1bad\n")
        .statusCode(400)
        .body("errors[0].error", containsString("column '1bad'"));
    importCsv(
            "mac,serial,name,site,tags,room\n"
                + good
                + ",,Good,s,,1\n"
                + "00:0B:82:ZZ:00:01,,Bad mac,s,,1\n"
                + good
                + ",,Twice,s,,1\n"
                + "000B82000001,,too few\n"
                + "000B82000002,SER-"
                + taken
                + ",Stolen serial,s,,1\n")
        .statusCode(400)
        .body("rows", equalTo(0))
        .body("errors.line", contains(3, 4, 5))
        .body("errors[0].error", containsString("is not 12 hex digits"))
        .body("errors[1].error", containsString("also on line 2"))
        .body("errors[2].error", containsString("has 3 fields, the header has 6"));
    importCsv("mac,serial\n000B82000002,SER-" + taken + "\n")
        .statusCode(400)
        .body("errors[0].error", containsString("belongs to the profile of MAC " + taken));
    importCsv("mac,name\n\"" + good + ",x\n").statusCode(400).body("errors[0].line", equalTo(2));
    importCsv("").statusCode(400).body("errors[0].error", containsString("empty"));

    asAdmin().queryParam("mac", good).get("/api/v1/device-profiles").then().body("size()", is(0));
    asAdmin()
        .queryParam("mac", taken)
        .get("/api/v1/device-profiles")
        .then()
        .body("mac", contains(taken));
  }

  @Test
  void theExportIsACsvTheImportTakesBackWithoutShowingPasswords() throws Exception {
    String site = site();
    String mac = mac();
    importCsv(
            "mac,serial,name,site,model,tags,account1.userId,account1.password\n"
                + mac
                + ",EXP-"
                + mac
                + ",\"Desk, north\","
                + site
                + ",wp820,a;b,4711,pw-"
                + mac
                + "\n")
        .statusCode(200);

    String csv =
        asAdmin()
            .get("/api/v1/device-profiles/export.csv")
            .then()
            .statusCode(200)
            .contentType(containsString("text/csv"))
            .extract()
            .asString();

    assertTrue(csv.startsWith("mac,serial,name,site,model,tags,"), csv);
    String row =
        csv.lines()
            .filter(l -> l.startsWith(mac))
            .findFirst()
            .orElseThrow(() -> new AssertionError(csv));
    assertTrue(
        row.startsWith(mac + ",EXP-" + mac + ",\"Desk, north\"," + site + ",WP820,a;b,"), row);
    assertTrue(row.contains(",4711"), row);
    assertTrue(row.contains(",********"), row);
    assertTrue(!csv.contains("pw-" + mac), csv);

    // Only this test's row: other tests' devices are in the export too (and would become new
    // profiles).
    importCsv(csv.lines().findFirst().orElseThrow() + "\n" + row + "\n")
        .statusCode(200)
        .body("created", equalTo(0))
        .body("updated", equalTo(1));
    assertEquals("pw-" + mac, store.target(mac).orElseThrow().variables().get("account1.password"));
    String fresh = mac();
    importCsv("mac,account1.password\n" + fresh + ",********\n")
        .statusCode(400)
        .body("errors[0].error", containsString("no stored value to keep"));
  }

  @Test
  void sipAccountsAreCheckedAndOneLineHoldsOneAccount() {
    String mac = mac();
    String body =
        "{\"server\":\"sip.example.com\",\"userId\":\"%s\",\"password\":\"pw\",\"mac\":\"%s\",\"line\":%d}";
    asAdmin()
        .contentType("application/json")
        .body(body.formatted("a-" + mac, mac, 2))
        .post("/api/v1/sip-accounts")
        .then()
        .statusCode(201)
        .body("line", equalTo(2));
    asAdmin()
        .contentType("application/json")
        .body(body.formatted("b-" + mac, mac, 2))
        .post("/api/v1/sip-accounts")
        .then()
        .statusCode(409)
        .body("error", containsString("line 2 of " + mac + " already has account a-" + mac));
    asAdmin()
        .contentType("application/json")
        .body(body.formatted("c-" + mac, mac, 3))
        .post("/api/v1/sip-accounts")
        .then()
        .statusCode(400)
        .body("error", containsString("line must be 1 or 2"));
    asAdmin()
        .contentType("application/json")
        .body(body.formatted("a-" + mac, mac, 1))
        .post("/api/v1/sip-accounts")
        .then()
        .statusCode(409)
        .body("error", containsString("already has a-" + mac + "@sip.example.com"));
    asAdmin()
        .contentType("application/json")
        .body("{\"server\":\"sip.example.com\",\"userId\":\"d\",\"mac\":\"" + mac + "\"}")
        .post("/api/v1/sip-accounts")
        .then()
        .statusCode(400)
        .body("error", containsString("both \"mac\" and \"line\""));
    asAdmin()
        .contentType("application/json")
        .body("{\"server\":\"has space\",\"userId\":\"e\"}")
        .post("/api/v1/sip-accounts")
        .then()
        .statusCode(400)
        .body("error", containsString("sipServer: not a host"));
  }
}
