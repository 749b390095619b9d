package io.cradle.acs.alarms;

import static io.cradle.acs.api.ApiFixtures.ADMIN;
import static io.cradle.acs.api.ApiFixtures.ADMIN_PASSWORD;
import static io.cradle.acs.api.ApiFixtures.passwordOf;
import static io.cradle.acs.api.ApiFixtures.serial;
import static io.cradle.acs.api.ApiFixtures.user;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.cwmp.LeaseReleases;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.testing.Browser;
import io.cradle.acs.testing.TestCpe;
import io.cradle.acs.ui.Dashboard;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.ParameterValue;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The alarms page: critical first and marked, acknowledge and clear with CSRF, history; and in a
 * real headless Chromium, a panic arriving on the open page and acknowledged there.
 */
@QuarkusTest
class AlarmsPageTest {

  @TestHTTPResource("/cwmp")
  URI cwmp;

  @TestHTTPResource("/")
  URI acs;

  @Inject Alarms alarms;
  @Inject LeaseReleases leases;

  private long report(String serial, ParameterValue... values) throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    Inform base = TestCpe.wp820Inform(serial, "", new Event(Event.VALUE_CHANGE, ""));
    List<ParameterValue> params = new ArrayList<>(base.parameters());
    params.addAll(List.of(values));
    cpe.inform(
        new Inform(
            base.deviceId(),
            base.events(),
            base.maxEnvelopes(),
            base.currentTime(),
            base.retryCount(),
            params));
    cpe.emptyPost();
    leases.flush();
    return QuarkusTransaction.requiringNew()
        .call(() -> Device.findByKey("000B82-WP820-" + serial).orElseThrow().id);
  }

  private Alarms.Alarm only(long deviceId) throws Exception {
    List<Alarms.Alarm> all = alarms.list(Alarms.Filter.ALL, Optional.of(deviceId), 10);
    assertEquals(1, all.size());
    return all.get(0);
  }

  @Test
  void aPanicIsListedFirstMarkedCriticalAndAcknowledgedWithTheCsrfToken() throws Exception {
    String battery = serial("PAGEBAT");
    long batteryDevice =
        report(battery, ParameterValue.string("Device.X_GRANDSTREAM_Battery.LowBattery", "true"));
    String panic = serial("PAGESAFE");
    long panicDevice =
        report(
            panic,
            ParameterValue.string("Device.X_GRANDSTREAM_Safe.State", "Alarm"),
            ParameterValue.string("Device.X_GRANDSTREAM_Safe.LastAlarmType", "Panic"));

    Dashboard admin = Dashboard.signIn(ADMIN, ADMIN_PASSWORD);
    String html =
        admin
            .request()
            .get("/ui/alarms")
            .then()
            .statusCode(200)
            .body(containsString("http-equiv=\"refresh\""))
            .extract()
            .asString();
    int safeRow = html.indexOf("000B82-WP820-" + panic);
    int batteryRow = html.indexOf("000B82-WP820-" + battery);
    assertTrue(safeRow > 0 && batteryRow > 0, html);
    assertTrue(safeRow < batteryRow, "critical first");
    long safeId = only(panicDevice).id();
    assertTrue(
        html.contains("<tr class=\"critical\" data-alarm=\"" + safeId + "\">"),
        "the critical row is marked");

    admin.request().post("/ui/alarms/" + safeId + "/acknowledge").then().statusCode(403);
    assertNull(only(panicDevice).acknowledgedAt(), "refused without the token: nothing changed");

    String csrf = admin.csrf("/ui/alarms");
    admin
        .request()
        .formParam("_csrf", csrf)
        .post("/ui/alarms/" + safeId + "/acknowledge")
        .then()
        .statusCode(303);
    assertEquals(ADMIN, only(panicDevice).acknowledgedBy());

    long batteryId = only(batteryDevice).id();
    admin
        .request()
        .formParam("_csrf", csrf)
        .post("/ui/alarms/" + batteryId + "/clear")
        .then()
        .statusCode(303);
    assertNotNull(only(batteryDevice).clearedAt());
    admin
        .request()
        .get("/ui/alarms?tab=history")
        .then()
        .statusCode(200)
        .body(containsString("000B82-WP820-" + battery))
        .body(containsString(ADMIN + ", "))
        .body(not(containsString("http-equiv=\"refresh\"")));
  }

  @Test
  void aViewerSeesAlarmsButNoButtons() throws Exception {
    String panic = serial("PAGEVIEW");
    report(panic, ParameterValue.string("Device.X_GRANDSTREAM_Safe.State", "Alarm"));
    String viewer = user("alarmviewer", "viewer");
    Dashboard.signIn(viewer, passwordOf(viewer))
        .request()
        .get("/ui/alarms")
        .then()
        .statusCode(200)
        .body(containsString("000B82-WP820-" + panic))
        .body(not(containsString("/acknowledge")));
  }

  @Test
  void aPanicArrivesOnTheOpenPageAndIsAcknowledgedInTheBrowser() throws Exception {
    try (Browser browser = Browser.open(acs)) {
      browser.signIn("/ui/alarms", ADMIN, ADMIN_PASSWORD);
      assertEquals("/ui/alarms", browser.path());
      // The phone panics while the page is open: the page must show it by itself.
      long device =
          report(
              serial("UIPANIC"),
              ParameterValue.string("Device.X_GRANDSTREAM_Safe.State", "Alarm"),
              ParameterValue.string("Device.X_GRANDSTREAM_Safe.LastAlarmType", "Panic"));
      long id = only(device).id();
      By row = By.cssSelector("tr[data-alarm='" + id + "']");
      WebElement shown =
          browser.waitUntil(
              d -> browser.findAll(row).isEmpty() ? null : browser.find(row),
              "the panic to appear on the open page");
      assertTrue(shown.getAttribute("class").contains("critical"), shown.getAttribute("class"));
      assertTrue(shown.getText().contains("SAFE_ALARM"), shown.getText());
      browser.screenshot("alarms.png");

      shown.findElement(By.xpath(".//button[text()='Acknowledge']")).click();
      browser.waitUntil(
          d ->
              !browser.findAll(row).isEmpty()
                  && browser
                      .find(row)
                      .findElements(By.xpath(".//button[text()='Acknowledge']"))
                      .isEmpty(),
          "the alarm shown acknowledged");
      Alarms.Alarm acknowledged = only(device);
      assertEquals(ADMIN, acknowledged.acknowledgedBy());
      assertNotNull(acknowledged.acknowledgedAt());
      assertNull(acknowledged.clearedAt(), "acknowledged, not cleared: the worker is still down");
      assertTrue(browser.find(row).getText().contains(ADMIN), browser.find(row).getText());
    }
  }
}
