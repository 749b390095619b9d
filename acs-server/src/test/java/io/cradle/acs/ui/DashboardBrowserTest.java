package io.cradle.acs.ui;

import static io.cradle.acs.api.ApiFixtures.ADMIN;
import static io.cradle.acs.api.ApiFixtures.ADMIN_PASSWORD;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.mac;
import static io.cradle.acs.api.ApiFixtures.serial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.api.ApiFixtures;
import io.cradle.acs.fleet.FleetOverview;
import io.cradle.acs.fleet.FleetSampler;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskOptions;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.acs.testing.Browser;
import io.cradle.acs.testing.LabPhones;
import io.cradle.cpe.connreq.ConnectionRequestServer;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.phone.PhoneObserver;
import io.cradle.cpe.time.Timebase;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.GetParameterValues;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real headless Chromium against the running ACS and a real simulated WP820:
 * sign in, find the phone, change a parameter on its page and watch the task complete (the ACS
 * knocks, the phone calls in and applies it), tag a ticked selection, sign out. Saves screenshots
 * of the main pages to {@code -Dcradle.screenshots=DIR} (default {@code target/screenshots}).
 */
@QuarkusTest
class DashboardBrowserTest {

  private static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";

  @TestHTTPResource("/")
  URI acs;

  @Inject TaskQueue tasks;
  @Inject FleetSampler sampler;
  @Inject EntityManager em;
  @Inject Clock clock;

  @Test
  void anOperatorFindsAPhoneChangesAParameterWatchesItApplyAndTagsASelection() throws Exception {
    SplittableRandom random = new SplittableRandom();
    String ip = "127.91." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
    LabPhones.Unit unit = LabPhones.next("UI");
    String serial = unit.serial();
    String phoneMac = unit.mac();
    String deviceKey = unit.deviceKey();
    String neighbourPrefix = "NB" + serial.substring(2) + "-N";
    List<String> neighbours = fleetAround(neighbourPrefix);

    try (Timebase timebase = Timebase.realTime();
        ConnectionRequestServer server =
            ConnectionRequestServer.start(ConnectionRequestServer.Settings.defaults("cr-ui"));
        Browser browser = Browser.open(acs)) {
      AtomicInteger sessions = new AtomicInteger();
      Phone phone = phone(timebase, server, unit, ip, sessions);
      phone.boot();
      await(() -> sessions.get() >= 1, "the phone's boot session");
      // The ACS learns the whole tree once, as an operator's "Refresh parameters" would.
      Task read = readAll(deviceKey);
      phone.connectionRequest();
      await(() -> status(read) == TaskStatus.DONE, "the phone's parameters read");
      sampler.sample();

      browser.signIn("/ui", ADMIN, ADMIN_PASSWORD);
      assertEquals("/ui", browser.path());
      assertTrue(Long.parseLong(browser.find(By.id("devices-total")).getText()) >= 4);
      browser.screenshot("overview.png");

      browser.go("/ui/devices");
      browser.screenshot("devices.png");
      WebElement search = browser.find(By.cssSelector("#filters input[name=q]"));
      search.sendKeys(serial.toLowerCase()); // as typed, in any case
      search.submit();
      browser.waitUntil(
          d -> browser.findAll(By.cssSelector("#devices tbody tr")).size() == 1,
          "the search to find only the phone");
      browser.find(By.linkText(deviceKey)).click();
      browser.waitUntil(d -> browser.path().startsWith("/ui/devices/"), "the device page");
      String identity = browser.find(By.id("identity")).getText();
      assertTrue(identity.contains(deviceKey) && identity.contains(phoneMac), identity);

      WebElement leaf = browser.find(By.cssSelector(".leaf[data-name='" + INTERVAL + "']"));
      openBranches(browser, leaf);
      WebElement value = leaf.findElement(By.name("value"));
      value.clear();
      value.sendKeys("600");
      leaf.findElement(By.cssSelector("button[type=submit]")).click();
      String notice = browser.find(By.id("notice")).getText();
      assertTrue(notice.contains("set " + INTERVAL + " to '600'"), notice);
      String taskId = notice.replaceAll("^Task (\\d+) queued.*$", "$1");
      // No test code wakes the phone: the page's own connection request does, and the page
      // reloads itself until the task is done.
      browser.waitUntil(
          d -> {
            List<WebElement> cell =
                browser.findAll(By.cssSelector("tr[data-task='" + taskId + "'] .task-status"));
            return !cell.isEmpty() && cell.get(0).getText().equals("DONE");
          },
          "task " + taskId + " to show DONE");
      assertEquals("600", phone.store().get("P4507").orElseThrow(), "the phone applied it");
      assertTrue(browser.findAll(By.id("live")).isEmpty(), "no longer refreshing");

      browser.go("/ui/devices?q=" + neighbourPrefix);
      List<WebElement> boxes =
          browser.waitUntil(
              d -> {
                List<WebElement> b = browser.findAll(By.cssSelector("#devices input[name=device]"));
                return b.size() == 3 ? b : null;
              },
              "the three neighbours");
      boxes.get(0).click();
      boxes.get(2).click();
      new Select(browser.find(By.cssSelector("#bulk select[name=action]"))).selectByValue("tag");
      browser.find(By.id("bulk-tag")).sendKeys("ward-7");
      browser.find(By.cssSelector("#bulk button[type=submit]")).click();
      String done = browser.find(By.id("notice")).getText();
      assertEquals("Tag 'ward-7' added to 2 device(s)", done);
      assertTrue(tags(neighbours.get(0)).contains("ward-7"));
      assertFalse(tags(neighbours.get(1)).contains("ward-7"), "not ticked, not tagged");
      assertTrue(tags(neighbours.get(2)).contains("ward-7"));

      browser.signOut();
      browser.go("/ui/devices");
      assertTrue(browser.path().startsWith("/login"), "signed out: " + browser.path());
      phone.shutdown();
    }
  }

  @Test
  void anOperatorPushesAPhonesConfigFromItsPageAndWatchesTheDownloadComplete() throws Exception {
    SplittableRandom random = new SplittableRandom();
    String ip = "127.92." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
    LabPhones.Unit unit = LabPhones.next("PUSH");
    String serial = unit.serial();
    String deviceKey = unit.deviceKey();
    try (Timebase timebase = Timebase.realTime();
        ConnectionRequestServer server =
            ConnectionRequestServer.start(ConnectionRequestServer.Settings.defaults("cr-push"));
        Browser browser = Browser.open(acs)) {
      // Pre-provisioned by MAC, as templates match phones by MAC (a WP820's Inform has none).
      String mac = unit.macDigits();
      ApiFixtures.asAdmin()
          .contentType("text/csv")
          .body("mac,serial\n" + mac + "," + serial + "\n")
          .post("/api/v1/device-profiles/import")
          .then()
          .statusCode(200);
      AtomicInteger sessions = new AtomicInteger();
      Phone phone = phone(timebase, server, unit, ip, sessions);
      phone.boot();
      await(() -> sessions.get() >= 1, "the phone's boot session");
      Task read = readAll(deviceKey);
      phone.connectionRequest();
      await(() -> status(read) == TaskStatus.DONE, "the phone's parameters read");
      ApiFixtures.asAdmin()
          .contentType("application/json")
          .body(
              "{\"name\":\"ward-phone-"
                  + mac
                  + "\",\"scope\":\"device\",\"match\":\""
                  + mac
                  + "\",\"pvalues\":{\"P47\":\"sip.ward7.example\",\"P35\":\"4711\","
                  + "\"P34\":\"s3cret\",\"P4507\":\"900\"}}")
          .post("/api/v1/templates")
          .then()
          .statusCode(201);

      browser.signIn("/ui/devices/" + deviceKey, ADMIN, ADMIN_PASSWORD);
      String drift = browser.find(By.id("drift")).getText();
      assertTrue(drift.contains("P4507") && drift.contains("900"), drift);
      browser.find(By.cssSelector("#actions button[value=push-config]")).click();
      String notice = browser.find(By.id("notice")).getText();
      assertTrue(notice.endsWith("queued: push config"), notice);
      String taskId = notice.replaceAll("^Task (\\d+) queued.*$", "$1");
      // The page's connection request wakes the phone; the page reloads itself until it is done.
      browser.waitUntil(
          d -> {
            List<WebElement> cell =
                browser.findAll(By.cssSelector("tr[data-task='" + taskId + "'] .task-status"));
            return !cell.isEmpty() && cell.get(0).getText().equals("DONE");
          },
          "the pushed config's task " + taskId + " to show DONE");
      assertEquals("sip.ward7.example", phone.store().get("P47").orElseThrow());
      assertEquals("900", phone.store().get("P4507").orElseThrow());
      browser.waitUntil(
          d -> browser.findAll(By.id("live")).isEmpty(), "the page to stop reloading");
      browser.find(By.cssSelector("#config-values summary")).click();
      browser.screenshot("device.png");
      phone.shutdown();
    }
  }

  /** Three devices next to the phone (one with an open alarm) and battery levels to draw. */
  private List<String> fleetAround(String prefix) {
    List<String> keys = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Device d =
          device(
              prefix + i,
              clock.instant().minus(Duration.ofMinutes(i * 20L)),
              x -> {
                x.mac = mac();
                x.tags = new String[] {"site-north"};
              });
      keys.add(d.deviceKey);
      int level = 15 + 30 * i;
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery(
                          "insert into device_parameter (device_id, name, value, type, changed_at)"
                              + " values (?1, ?2, ?3, 'unsignedInt', now())")
                      .setParameter(1, d.id)
                      .setParameter(2, FleetOverview.BATTERY_LEVEL)
                      .setParameter(3, Integer.toString(level))
                      .executeUpdate());
    }
    long alarmed = Device.findByKey(keys.get(1)).orElseThrow().id;
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "insert into alarm (device_id, kind, severity, raised_at, detail)"
                            + " values (?1, 'LOW_BATTERY', 'major', now(), 'battery at 15 %')")
                    .setParameter(1, alarmed)
                    .executeUpdate());
    return keys;
  }

  private Phone phone(
      Timebase timebase,
      ConnectionRequestServer server,
      LabPhones.Unit unit,
      String ip,
      AtomicInteger sessions) {
    PhoneObserver counter =
        new PhoneObserver() {
          @Override
          public void sessionSucceeded(List<Event> events) {
            sessions.incrementAndGet();
          }
        };
    return LabPhones.wp820(unit, timebase.scheduler("ui"), LabPhones.factory(acs, Map.of()))
        .ipAddress(ip)
        .connectionRequests(server)
        .observer(counter)
        .build();
  }

  private Task readAll(String deviceKey) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                tasks.enqueue(
                    Device.findByKey(deviceKey).orElseThrow().id,
                    new GetParameterValues(List.of("Device.")),
                    TaskOptions.defaults(),
                    clock.instant()));
  }

  /** Opens the collapsed branches above a parameter, as a user clicking down the tree would. */
  private static void openBranches(Browser browser, WebElement leaf) {
    browser
        .driver()
        .findElements(By.cssSelector("#parameters details:not([open])"))
        .forEach(
            details -> {
              String path = details.getAttribute("data-path");
              if (INTERVAL.startsWith(path)) {
                details.findElement(By.tagName("summary")).click();
              }
            });
    browser.waitUntil(d -> leaf.isDisplayed(), "the parameter's branch to open");
  }

  private static TaskStatus status(Task task) {
    return QuarkusTransaction.requiringNew().call(() -> Task.<Task>findById(task.id).status);
  }

  private static List<String> tags(String deviceKey) {
    return QuarkusTransaction.requiringNew()
        .call(() -> List.of(Device.findByKey(deviceKey).orElseThrow().tags));
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (QuarkusTransaction.requiringNew().call(condition::getAsBoolean)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
