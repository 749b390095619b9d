package io.cradle.acs.api;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.serial;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The device list API at scale's shape: filters, sort orders, cursors, CSV export, bulk changes.
 */
@QuarkusTest
class DeviceListApiTest {

  @Inject Clock clock;

  @Test
  void cursorsWalkEverySortOrderForwardAndBackWithoutGapsOrRepeats() {
    String prefix = serial("KEYSET");
    for (int i = 0; i < 7; i++) {
      int n = i;
      device(
          prefix + "-" + i,
          clock.instant().minus(Duration.ofMinutes((n * 7) % 5)),
          d -> d.softwareVersion = n % 2 == 0 ? "1.0.9.3" : null);
    }
    for (String sort : List.of("key", "serial", "model", "software", "lastInform")) {
      List<String> all =
          asAdmin()
              .queryParam("q", prefix)
              .queryParam("sort", sort)
              .queryParam("limit", 100)
              .get("/api/v1/devices")
              .then()
              .statusCode(200)
              .extract()
              .path("items.deviceKey");
      List<String> walked = new ArrayList<>();
      String after = null;
      do {
        var page =
            asAdmin()
                .queryParam("q", prefix)
                .queryParam("sort", sort)
                .queryParam("limit", 3)
                .queryParam("after", after == null ? "" : after)
                .get("/api/v1/devices")
                .then()
                .statusCode(200)
                .body("total", equalTo(7))
                .extract();
        walked.addAll(page.path("items.deviceKey"));
        after = page.path("next");
      } while (after != null);
      assertEquals(all, walked, sort + ": forward in pages of 3");
      assertEquals(7, new HashSet<>(walked).size());

      List<String> back =
          asAdmin()
              .queryParam("q", prefix)
              .queryParam("sort", sort)
              .queryParam("limit", 3)
              .queryParam("before", all.get(6))
              .get("/api/v1/devices")
              .then()
              .statusCode(200)
              .extract()
              .path("items.deviceKey");
      assertEquals(all.subList(3, 6), back, sort + ": the three before the last");
    }
  }

  @Test
  void filtersCombine() {
    String prefix = serial("FILTERS");
    device(
        prefix + "-a",
        clock.instant(),
        d -> {
          d.productClass = "WP825";
          d.tags = new String[] {"site-east"};
        });
    device(prefix + "-b", clock.instant(), d -> d.tags = new String[] {"site-east"});
    device(prefix + "-c", clock.instant(), d -> d.softwareVersion = "1.0.5.23");

    asAdmin()
        .queryParam("q", prefix)
        .queryParam("model", "WP825")
        .queryParam("tag", "site-east")
        .get("/api/v1/devices")
        .then()
        .body("total", equalTo(1))
        .body("items[0].serialNumber", equalTo(prefix + "-a"));
    asAdmin()
        .queryParam("q", prefix)
        .queryParam("firmware", "1.0.5.23")
        .get("/api/v1/devices")
        .then()
        .body("total", equalTo(1))
        .body("items[0].serialNumber", equalTo(prefix + "-c"))
        .body("totalCapped", equalTo(false))
        .body("next", nullValue());
  }

  @Test
  void badPagingAndSortingAreRefusedClearly() {
    asAdmin()
        .queryParam("sort", "colour")
        .get("/api/v1/devices")
        .then()
        .statusCode(400)
        .body(
            "error",
            containsString("sort must be one of key, serial, model, software, lastInform"));
    asAdmin()
        .queryParam("after", "x")
        .queryParam("before", "y")
        .get("/api/v1/devices")
        .then()
        .statusCode(400)
        .body("error", containsString("not both"));
    asAdmin()
        .queryParam("after", "000B82-WP820-GONE")
        .get("/api/v1/devices")
        .then()
        .statusCode(400)
        .body("error", containsString("start at the first page"));
    asAdmin()
        .queryParam("after", "x")
        .queryParam("offset", 5)
        .get("/api/v1/devices")
        .then()
        .statusCode(400)
        .body("error", containsString("offset cannot be combined"));
    asAdmin().queryParam("alarm", "maybe").get("/api/v1/devices").then().statusCode(400);
  }

  @Test
  void theCsvExportHasEveryMatchEscapedAndSafeForSpreadsheets() {
    String prefix = serial("CSV");
    device(prefix + "-plain", clock.instant(), d -> d.tags = new String[] {"ward 1", "night"});
    device(prefix + "-evil,\"x\"", clock.instant(), d -> d.softwareVersion = "=HYPERLINK(\"x\")");

    String csv =
        asAdmin()
            .queryParam("q", prefix)
            .get("/api/v1/devices/export")
            .then()
            .statusCode(200)
            .contentType(containsString("text/csv"))
            .header("Content-Disposition", containsString("devices.csv"))
            .extract()
            .asString();
    String[] lines = csv.split("\r\n");
    assertEquals(3, lines.length, csv);
    assertTrue(lines[0].startsWith("device_key,serial_number,mac,model,software_version"));
    assertTrue(lines[1].contains(prefix + "-evil,\"\"x\"\"\""), lines[1]);
    assertTrue(
        lines[1].contains("\"'=HYPERLINK(\"\"x\"\")\""), "a formula is defused: " + lines[1]);
    assertTrue(lines[2].contains(",online,ward 1 night,"), lines[2]);
  }

  @Test
  void aTagIsAddedToASelectionOnceAndAudited() {
    String prefix = serial("BULKTAG");
    Device a = device(prefix + "-a", clock.instant());
    Device b = device(prefix + "-b", clock.instant(), d -> d.tags = new String[] {"icu"});

    asAdmin()
        .contentType("application/json")
        .body("{\"selector\": {\"query\": \"" + prefix + "\"}, \"tag\": \"icu\"}")
        .post("/api/v1/devices/tags")
        .then()
        .statusCode(200)
        .body("devices", equalTo(1));
    assertEquals(List.of("icu"), tags(a.deviceKey));
    assertEquals(List.of("icu"), tags(b.deviceKey), "not twice");
    asAdmin()
        .queryParam("device", a.deviceKey)
        .queryParam("action", "device.tags")
        .get("/api/v1/audit")
        .then()
        .body("items[0].after.added", equalTo("icu"));

    asAdmin()
        .contentType("application/json")
        .body("{\"selector\": {}, \"tag\": \"x\"}")
        .post("/api/v1/devices/tags")
        .then()
        .statusCode(400)
        .body("error", containsString("matches every device"));
    asAdmin()
        .contentType("application/json")
        .body("{\"selector\": {\"query\": \"" + prefix + "\"}, \"tag\": \" \"}")
        .post("/api/v1/devices/tags")
        .then()
        .statusCode(400)
        .body("error", containsString("a tag must be"));
  }

  @Test
  void aBatchForTickedDevicesQueuesOneTaskEachWithItsOwnCommandKey() {
    String prefix = serial("TICKED");
    Device a = device(prefix + "-a", clock.instant());
    Device b = device(prefix + "-b", clock.instant());
    device(prefix + "-c", clock.instant());

    String batch =
        asAdmin()
            .contentType("application/json")
            .body(
                "{\"selector\": {\"devices\": [\""
                    + a.deviceKey
                    + "\", \""
                    + b.deviceKey
                    + "\"]}, \"kind\": \"GetParameterValues\","
                    + " \"request\": {\"names\": [\"Device.DeviceInfo.\"]}}")
            .post("/api/v1/tasks")
            .then()
            .statusCode(201)
            .body("count", equalTo(2))
            .extract()
            .path("batchId");
    List<Task> tasks =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    Task.<Task>list("batchId = ?1 order by id", java.util.UUID.fromString(batch)));
    assertEquals(List.of(a.id, b.id), tasks.stream().map(t -> t.deviceId).toList());
    for (Task t : tasks) {
      assertEquals("cradle-" + t.id, t.commandKey);
      assertEquals("QUEUED", t.status.name());
    }
    asAdmin()
        .queryParam("action", "task.batch")
        .queryParam("device", b.deviceKey)
        .get("/api/v1/audit")
        .then()
        .body("items[0].deviceIds", hasItems(a.id.intValue(), b.id.intValue()));
  }

  private static List<String> tags(String deviceKey) {
    return QuarkusTransaction.requiringNew()
        .call(() -> List.of(Device.findByKey(deviceKey).orElseThrow().tags));
  }
}
