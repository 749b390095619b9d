package io.cradle.acs.api;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.serial;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cradle.acs.inventory.Device;
import io.cradle.acs.inventory.DeviceEvent;
import io.cradle.acs.inventory.DeviceParameter;
import io.cradle.acs.testing.TestCpe;
import io.cradle.cwmp.message.Event;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The device API over real HTTP and PostgreSQL. */
@QuarkusTest
class DeviceApiTest {

  @Inject Clock clock;

  @TestHTTPResource("/cwmp")
  URI cwmp;

  @Test
  void aStoredDeviceIsListedWithItsStatus() {
    Instant now = clock.instant();
    String serial = serial("LIST");
    String mac = ApiFixtures.mac();
    device(serial, now.minusSeconds(60), d -> d.mac = mac);

    asAdmin()
        .queryParam("q", serial)
        .get("/api/v1/devices")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items", hasSize(1))
        .body("items[0].deviceKey", equalTo("000B82-WP820-" + serial))
        .body("items[0].serialNumber", equalTo(serial))
        .body("items[0].mac", equalTo(mac))
        .body("items[0].softwareVersion", equalTo("1.0.7.81"))
        .body("items[0].ipAddress", equalTo("10.1.2.3"))
        .body("items[0].online", equalTo(true))
        .body("items[0].lastInform", not(nullValue()));
  }

  @Test
  void searchFindsAMacTypedWithSeparatorsAndInLowerCase() {
    String serial = serial("MACS");
    String mac = ApiFixtures.mac();
    device(serial, clock.instant(), d -> d.mac = mac);
    String typed = mac.replaceAll("(..)(?!$)", "$1:").toLowerCase(Locale.ROOT);

    asAdmin()
        .queryParam("q", typed)
        .get("/api/v1/devices")
        .then()
        .statusCode(200)
        .body("items.serialNumber", contains(serial));
  }

  @Test
  void theOnlineFilterFollowsEachDevicesInformInterval() {
    Instant now = clock.instant();
    String prefix = serial("ONL");
    device(prefix + "-fresh", now.minusSeconds(100));
    // 300 s interval, two missed informs allowed: 601 s of silence is offline.
    device(prefix + "-late", now.minusSeconds(601));
    // No interval reported: an hour is assumed, so 90 minutes is still online.
    device(
        prefix + "-default",
        now.minus(Duration.ofMinutes(90)),
        d -> d.periodicInformInterval = null);
    device(prefix + "-gone", now.minus(Duration.ofHours(3)), d -> d.periodicInformInterval = null);

    asAdmin()
        .queryParam("q", prefix)
        .queryParam("online", "true")
        .get("/api/v1/devices")
        .then()
        .statusCode(200)
        .body("items.serialNumber", contains(prefix + "-default", prefix + "-fresh"))
        .body("items.online", contains(true, true));
    asAdmin()
        .queryParam("q", prefix)
        .queryParam("online", "false")
        .get("/api/v1/devices")
        .then()
        .statusCode(200)
        .body("items.serialNumber", contains(prefix + "-gone", prefix + "-late"))
        .body("items.online", contains(false, false));
  }

  @Test
  void pagesAreOrderedByKeyAndCountEveryMatch() {
    String prefix = serial("PAGE");
    for (int i = 0; i < 5; i++) {
      device(prefix + "-" + i, clock.instant());
    }

    asAdmin()
        .queryParam("q", prefix)
        .queryParam("limit", 2)
        .queryParam("offset", 2)
        .get("/api/v1/devices")
        .then()
        .statusCode(200)
        .body("total", equalTo(5))
        .body("limit", equalTo(2))
        .body("offset", equalTo(2))
        .body("items.serialNumber", contains(prefix + "-2", prefix + "-3"));
  }

  @Test
  void searchTextIsNotAPattern() {
    String prefix = serial("LIKE");
    device(prefix + "-ab", clock.instant());

    asAdmin()
        .queryParam("q", prefix + "-_b")
        .get("/api/v1/devices")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
    asAdmin()
        .queryParam("q", "%")
        .get("/api/v1/devices")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
  }

  @Test
  void badQueryParametersAreNamed() {
    asAdmin()
        .queryParam("online", "yes")
        .get("/api/v1/devices")
        .then()
        .statusCode(400)
        .body("error", containsString("online"));
    asAdmin()
        .queryParam("limit", "many")
        .get("/api/v1/devices")
        .then()
        .statusCode(400)
        .body("error", containsString("limit"));
    asAdmin()
        .queryParam("limit", 5000)
        .get("/api/v1/devices")
        .then()
        .statusCode(400)
        .body("error", containsString("500"));
    asAdmin().queryParam("offset", -1).get("/api/v1/devices").then().statusCode(400);
  }

  @Test
  void detailShowsParametersEventsAndTasksButNoSecrets() {
    Instant now = clock.instant();
    String serial = serial("DETAIL");
    Device d =
        device(
            serial,
            now,
            x -> {
              x.crUsername = "own";
              x.crPassword = "cr-secret";
              x.cpePassword = "cpe-secret";
              x.connectionRequestUrl = "http://10.1.2.3:7547/cr";
            });
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              DeviceParameter p = new DeviceParameter();
              p.deviceId = d.id;
              p.name = "Device.DeviceInfo.UpTime";
              p.value = "4242";
              p.type = "unsignedInt";
              p.changedAt = now;
              p.persist();
              DeviceEvent e = new DeviceEvent();
              e.deviceId = d.id;
              e.at = now;
              e.code = Event.BOOT;
              e.commandKey = "";
              e.persist();
            });
    asAdmin()
        .contentType("application/json")
        .body("{\"kind\":\"Reboot\",\"request\":{}}")
        .post("/api/v1/devices/{key}/tasks", d.deviceKey)
        .then()
        .statusCode(201);

    String body =
        asAdmin()
            .get("/api/v1/devices/{key}", d.deviceKey)
            .then()
            .statusCode(200)
            .body("serialNumber", equalTo(serial))
            .body("online", equalTo(true))
            .body("connectionRequestUrl", equalTo("http://10.1.2.3:7547/cr"))
            .body("ownConnectionRequestCredential", equalTo(true))
            .body("parameters.name", contains("Device.DeviceInfo.UpTime"))
            .body("parameters[0].value", equalTo("4242"))
            .body("parameters[0].type", equalTo("unsignedInt"))
            .body("parameters[0].changedAt", not(nullValue()))
            .body("recentEvents.code", contains(Event.BOOT))
            .body("recentTasks.kind", contains("Reboot"))
            .body("recentTasks[0].status", equalTo("QUEUED"))
            .extract()
            .asString();
    assertEquals(-1, body.indexOf("secret"), "credentials never leave through the API: " + body);
  }

  @Test
  void anUnknownDeviceIs404() {
    asAdmin()
        .get("/api/v1/devices/{key}", "000B82-WP820-NOSUCH")
        .then()
        .statusCode(404)
        .body("error", containsString("000B82-WP820-NOSUCH"));
  }

  @Test
  void tagsAreReplacedTrimmedAndDeduplicated() {
    Device d = device(serial("TAGS"), clock.instant());

    asAdmin()
        .contentType("application/json")
        .body("{\"tags\":[\" ward-3 \",\"night\",\"ward-3\"]}")
        .put("/api/v1/devices/{key}/tags", d.deviceKey)
        .then()
        .statusCode(200)
        .body("tags", contains("ward-3", "night"));
    asAdmin()
        .get("/api/v1/devices/{key}", d.deviceKey)
        .then()
        .body("tags", contains("ward-3", "night"));
    asAdmin()
        .contentType("application/json")
        .body("{\"tags\":[\"\"]}")
        .put("/api/v1/devices/{key}/tags", d.deviceKey)
        .then()
        .statusCode(400);
  }

  @Test
  void theConnectionRequestCredentialCanBeSetAndCleared() {
    Device d = device(serial("CRCRED"), clock.instant());

    asAdmin()
        .contentType("application/json")
        .body("{\"username\":\"ward3\",\"password\":\"pw\"}")
        .put("/api/v1/devices/{key}/connection-request-credential", d.deviceKey)
        .then()
        .statusCode(204);
    Device stored =
        QuarkusTransaction.requiringNew().call(() -> Device.findByKey(d.deviceKey).orElseThrow());
    assertEquals(List.of("ward3", "pw"), List.of(stored.crUsername, stored.crPassword));

    asAdmin()
        .contentType("application/json")
        .body("{\"username\":null}")
        .put("/api/v1/devices/{key}/connection-request-credential", d.deviceKey)
        .then()
        .statusCode(204);
    asAdmin()
        .get("/api/v1/devices/{key}", d.deviceKey)
        .then()
        .body("ownConnectionRequestCredential", equalTo(false));
  }

  @Test
  void aPhoneThatInformedIsListed() throws Exception {
    String serial = serial("INFORMED");
    TestCpe phone = TestCpe.fleet(cwmp);
    assertEquals(
        200, phone.inform(TestCpe.wp820Inform(serial, "", new Event(Event.BOOT))).status());
    assertEquals(204, phone.emptyPost().status());

    asAdmin()
        .queryParam("q", serial)
        .get("/api/v1/devices")
        .then()
        .statusCode(200)
        .body("items.deviceKey", contains("000B82-WP820-" + serial))
        .body("items[0].ipAddress", equalTo("10.0.0.7"))
        .body("items[0].online", equalTo(true));
  }

  @Test
  void metricsShowOpenSessionsAndCreatedTasks() {
    Device d = device(serial("METRIC"), clock.instant());
    asAdmin()
        .contentType("application/json")
        .body("{\"kind\":\"FactoryReset\"}")
        .post("/api/v1/devices/{key}/tasks", d.deviceKey)
        .then()
        .statusCode(201);

    asAdmin()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("cradle_cwmp_sessions_open "))
        .body(containsString("cradle_tasks_created_total{kind=\"FactoryReset\""));
  }
}
