package io.cradle.acs.ui;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.serial;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        .body(not(containsString("<script>")));
  }

  @Test
  void longListsArePaged() {
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
            .body(containsString("1–50 of 55"))
            .body(containsString("href=\"/ui/devices?q=" + prefix + "&amp;online=&amp;page=2\""))
            .body(not(containsString("rel=\"prev\"")))
            .extract()
            .asString();
    assertEquals(50, count(first, "<tr>") - 1, "50 rows and the header");

    String second =
        asAdmin()
            .queryParam("q", prefix)
            .queryParam("page", 2)
            .get("/ui/devices")
            .then()
            .statusCode(200)
            .body(containsString("51–55 of 55"))
            .body(containsString("rel=\"prev\""))
            .body(not(containsString("rel=\"next\"")))
            .extract()
            .asString();
    assertEquals(5, count(second, "<tr>") - 1);
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
