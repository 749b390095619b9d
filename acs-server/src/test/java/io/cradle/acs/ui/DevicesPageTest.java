package io.cradle.acs.ui;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.serial;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The device list page, rendered by the running ACS. */
@QuarkusTest
class DevicesPageTest {

  @Inject Clock clock;

  @Test
  void aDeviceAppearsWithItsDetailsAndStatus() {
    String serial = serial("PAGEUI");
    device(serial, clock.instant(), d -> d.mac = "C074ADFEDCBA");
    String offline = serial("PAGEUI");
    device(offline, clock.instant().minus(Duration.ofDays(2)));

    asAdmin()
        .queryParam("q", serial)
        .get("/ui/devices")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/html"))
        .body(containsString("000B82-WP820-" + serial))
        .body(containsString("C0:74:AD:FE:DC:BA"))
        .body(containsString("1.0.7.81"))
        .body(containsString("10.1.2.3"))
        .body(containsString("class=\"online\""))
        .body(containsString("value=\"" + serial + "\""))
        .body(not(containsString(offline)));
    asAdmin()
        .queryParam("q", offline)
        .get("/ui/devices")
        .then()
        .body(containsString("class=\"offline\""))
        .body(not(containsString("class=\"online\"")));
  }

  @Test
  void theOnlineFilterNarrowsTheTable() {
    String prefix = serial("FILTERUI");
    device(prefix + "-up", clock.instant());
    device(prefix + "-down", clock.instant().minus(Duration.ofDays(2)));

    asAdmin()
        .queryParam("q", prefix)
        .queryParam("online", "offline")
        .get("/ui/devices")
        .then()
        .body(containsString(prefix + "-down"))
        .body(not(containsString(prefix + "-up")))
        .body(containsString("<option value=\"offline\" selected>"));
  }

  @Test
  void whatDevicesReportIsEscaped() {
    String serial = serial("XSS") + "<script>alert(1)</script>";
    device(serial, clock.instant());

    asAdmin()
        .queryParam("q", "<script>alert(1)")
        .get("/ui/devices")
        .then()
        .statusCode(200)
        .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
        .body(not(containsString("<script>alert")));
  }

  @Test
  void longListsArePagedByCursorBothWays() {
    String prefix = serial("MANY");
    for (int i = 0; i < DevicesPage.PAGE_SIZE + 5; i++) {
      device(String.format("%s-%03d", prefix, i), clock.instant());
    }

    String first =
        asAdmin()
            .queryParam("q", prefix)
            .get("/ui/devices")
            .then()
            .statusCode(200)
            .body(containsString("55 matching"))
            .body(
                containsString(
                    "href=\"/ui/devices?q="
                        + prefix
                        + "&amp;after=000B82-WP820-"
                        + prefix
                        + "-049\""))
            .body(not(containsString("rel=\"prev\"")))
            .extract()
            .asString();
    assertEquals(50, count(first, "name=\"device\""), "50 rows");

    String second =
        asAdmin()
            .queryParam("q", prefix)
            .queryParam("after", "000B82-WP820-" + prefix + "-049")
            .get("/ui/devices")
            .then()
            .statusCode(200)
            .body(containsString(prefix + "-050"))
            .body(not(containsString(prefix + "-049<")))
            .body(containsString("before=000B82-WP820-" + prefix + "-050"))
            .body(not(containsString("rel=\"next\"")))
            .extract()
            .asString();
    assertEquals(5, count(second, "name=\"device\""));

    String back =
        asAdmin()
            .queryParam("q", prefix)
            .queryParam("before", "000B82-WP820-" + prefix + "-050")
            .get("/ui/devices")
            .then()
            .statusCode(200)
            .body(containsString(prefix + "-000"))
            .body(containsString(prefix + "-049"))
            .extract()
            .asString();
    assertEquals(50, count(back, "name=\"device\""));
  }

  @Test
  void sortingByLastInformShowsTheMostRecentFirst() {
    String prefix = serial("SORTUI");
    device(prefix + "-old", clock.instant().minus(Duration.ofHours(3)));
    device(prefix + "-new", clock.instant());

    String page =
        asAdmin()
            .queryParam("q", prefix)
            .queryParam("sort", "lastInform")
            .get("/ui/devices")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertTrue(page.indexOf(prefix + "-new") < page.indexOf(prefix + "-old"), "newest first");
  }

  @Test
  void aCursorWhoseDeviceIsGoneStartsAgainAndSaysWhy() {
    asAdmin()
        .queryParam("after", "000B82-WP820-NO-SUCH-DEVICE")
        .get("/ui/devices")
        .then()
        .statusCode(200)
        .body(containsString("id=\"error\""))
        .body(containsString("start at the first page"));
  }

  @Test
  void theAlarmAndTagFiltersNarrowTheTable() {
    String prefix = serial("ALARMUI");
    var alarmed = device(prefix + "-alarm", clock.instant(), d -> d.tags = new String[] {"ward-3"});
    device(prefix + "-quiet", clock.instant(), d -> d.tags = new String[] {"ward-3"});
    io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
        .run(
            () ->
                io.cradle.acs.inventory.Device.getEntityManager()
                    .createNativeQuery(
                        "insert into alarm (device_id, kind, severity, raised_at)"
                            + " values (?1, 'SAFE_ALARM', 'critical', now())")
                    .setParameter(1, alarmed.id)
                    .executeUpdate());

    asAdmin()
        .queryParam("q", prefix)
        .queryParam("alarm", "yes")
        .get("/ui/devices")
        .then()
        .body(containsString(prefix + "-alarm"))
        .body(containsString("SAFE_ALARM"))
        .body(not(containsString(prefix + "-quiet")));
    asAdmin()
        .queryParam("q", prefix)
        .queryParam("alarm", "no")
        .queryParam("tag", "ward-3")
        .get("/ui/devices")
        .then()
        .body(containsString(prefix + "-quiet"))
        .body(not(containsString(prefix + "-alarm")));
  }

  @Test
  void aBulkRebootOfTickedDevicesQueuesOneTaskEachAndAnEmptySelectionIsRefused() {
    String prefix = serial("BULKUI");
    var a = device(prefix + "-a", clock.instant());
    var b = device(prefix + "-b", clock.instant());
    device(prefix + "-c", clock.instant());

    asAdmin()
        .formParam("q", prefix)
        .formParam("scope", "selected")
        .formParam("action", "reboot")
        .formParam("device", a.deviceKey)
        .formParam("device", b.deviceKey)
        .redirects()
        .follow(false)
        .post("/ui/devices/bulk")
        .then()
        .statusCode(303)
        .header("Location", containsString("notice=Reboot%20queued%20for%202%20device"));
    assertEquals(1, rebootTasks(a.id));
    assertEquals(1, rebootTasks(b.id));

    asAdmin()
        .formParam("q", prefix)
        .formParam("scope", "selected")
        .formParam("action", "reboot")
        .redirects()
        .follow(false)
        .post("/ui/devices/bulk")
        .then()
        .statusCode(303)
        .header("Location", containsString("error=tick%20at%20least%20one%20device"));
    assertEquals(1, rebootTasks(a.id), "nothing more queued");
  }

  @Test
  void aViewerCannotUseBulkActions() {
    String viewer = io.cradle.acs.api.ApiFixtures.user("bulkviewer", "viewer");
    io.cradle.acs.api.ApiFixtures.as(viewer)
        .formParam("scope", "matching")
        .formParam("action", "reboot")
        .post("/ui/devices/bulk")
        .then()
        .statusCode(403);
  }

  private static long rebootTasks(long deviceId) {
    return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
        .call(() -> io.cradle.acs.tasks.Task.count("deviceId = ?1 and kind = 'Reboot'", deviceId));
  }

  @Test
  void noMatchSaysSo() {
    asAdmin()
        .queryParam("q", "no-such-device-anywhere")
        .queryParam("page", "x")
        .get("/ui/devices")
        .then()
        .statusCode(200)
        .body(containsString("No devices match."));
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
