package io.cradle.acs.rollouts;

import static io.cradle.acs.api.ApiFixtures.ADMIN;
import static io.cradle.acs.api.ApiFixtures.ADMIN_PASSWORD;
import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.passwordOf;
import static io.cradle.acs.api.ApiFixtures.serial;
import static io.cradle.acs.api.ApiFixtures.user;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.security.AccessFilter;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.testing.Browser;
import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The rollout pages as an operator signed in to the dashboard uses them (also in a real headless
 * Chromium), and two nodes' steps.
 */
@QuarkusTest
class RolloutsPageTest {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final AtomicInteger VERSIONS = new AtomicInteger(1);

  @TestHTTPResource("/")
  URI acs;

  @Inject Clock clock;
  @Inject Rollouts rollouts;
  @Inject EntityManager em;

  private static long upload() {
    return asAdmin()
        .contentType("application/octet-stream")
        .body(
            FirmwareImage.build(
                "WP820",
                FirmwareVersion.parse("5.0.0." + VERSIONS.getAndIncrement()),
                new byte[512]))
        .post("/api/v1/firmware")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private String devices(int count) {
    String prefix = serial("RPAGE") + "X";
    for (int i = 0; i < count; i++) {
      device(prefix + i, clock.instant());
    }
    return prefix;
  }

  private static String session(String username) {
    return given()
        .redirects()
        .follow(false)
        .formParam("username", username)
        .formParam("password", passwordOf(username))
        .formParam("next", "/ui/rollouts")
        .post("/login")
        .then()
        .statusCode(303)
        .extract()
        .cookie(AccessFilter.SESSION_COOKIE);
  }

  private static String csrf(String session) {
    String html =
        given().cookie(AccessFilter.SESSION_COOKIE, session).get("/ui/rollouts").asString();
    Matcher m = CSRF_FIELD.matcher(html);
    assertTrue(m.find(), html);
    return m.group(1);
  }

  private static Response post(String session, String path, String csrf, String... fields) {
    var request =
        given()
            .redirects()
            .follow(false)
            .cookie(AccessFilter.SESSION_COOKIE, session)
            .contentType("application/x-www-form-urlencoded");
    for (int i = 0; i < fields.length; i += 2) {
      request.formParam(fields[i], fields[i + 1]);
    }
    if (csrf != null) {
      request.formParam(AccessFilter.CSRF_FIELD, csrf);
    }
    return request.post(path);
  }

  @Test
  void anOperatorCreatesStartsAndPausesARolloutFromThePages() {
    long image = upload();
    String prefix = devices(2);
    String session = session(user("roll-page", "operator"));
    String csrf = csrf(session);
    String[] form = {
      "name",
      "from the page",
      "firmwareId",
      String.valueOf(image),
      "query",
      prefix,
      "waves",
      "50, 100",
      "maxConcurrent",
      "5",
      "failurePercent",
      "20",
      "gateTimeoutSeconds",
      "600",
      "autoRollback",
      "on"
    };

    post(session, "/ui/rollouts", null, form).then().statusCode(403);

    String location =
        post(session, "/ui/rollouts", csrf, form)
            .then()
            .statusCode(303)
            .extract()
            .header("Location");
    assertTrue(location.matches(".*/ui/rollouts/\\d+"), location);
    String path = location.substring(location.indexOf("/ui/rollouts/"));
    given()
        .cookie(AccessFilter.SESSION_COOKIE, session)
        .get(path)
        .then()
        .statusCode(200)
        .body(containsString("DRAFT"))
        .body(containsString("waves [50, 100] %"))
        .body(containsString("pause above 20 % failed"));

    post(session, path + "/start", csrf).then().statusCode(303);
    given()
        .cookie(AccessFilter.SESSION_COOKIE, session)
        .get(path)
        .then()
        .statusCode(200)
        .body(containsString("RUNNING"))
        .body(containsString("http-equiv=\"refresh\""))
        .body(containsString(path + "/pause"));
    post(session, path + "/pause", csrf).then().statusCode(303);
    post(session, path + "/pause", csrf)
        .then()
        .statusCode(409)
        .body(containsString("cannot pause"))
        .body(containsString("PAUSED"));
  }

  @Test
  void anAdminStartsARolloutInTheBrowserAndItsCanaryIsSentTheImage() {
    long image = upload();
    String prefix = devices(2);
    try (Browser browser = Browser.open(acs)) {
      browser.signIn("/ui/rollouts", ADMIN, ADMIN_PASSWORD);
      browser.find(By.cssSelector(".rollout-form input[name=name]")).sendKeys("from Chromium");
      new Select(browser.find(By.cssSelector(".rollout-form select[name=firmwareId]")))
          .selectByValue(String.valueOf(image));
      browser.find(By.cssSelector(".rollout-form input[name=query]")).sendKeys(prefix);
      WebElement waves = browser.find(By.cssSelector(".rollout-form input[name=waves]"));
      waves.clear();
      waves.sendKeys("50, 100");
      browser.find(By.cssSelector(".rollout-form button[type=submit]")).click();
      browser.waitUntil(
          d -> browser.path().matches("/ui/rollouts/\\d+") ? true : null, "the rollout's page");
      long id = Long.parseLong(browser.path().substring("/ui/rollouts/".length()));
      assertTrue(browser.text().contains("DRAFT"), browser.text());

      browser.find(By.xpath("//button[text()='start']")).click();
      browser.waitUntil(d -> browser.text().contains("RUNNING") ? true : null, "RUNNING");
      // Starting steps the rollout at once: the 50 % canary (one of the two) is sent the image.
      List<String> sent =
          QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      Task.<Task>list("commandKey", "rollout-" + id).stream()
                          .map(t -> t.kind)
                          .toList());
      assertEquals(List.of("Download"), sent);
      assertTrue(browser.text().contains(prefix), "its devices are listed");
      browser.screenshot("rollout.png");
    }
  }

  @Test
  void aRefusedFormComesBackFilledInWithTheReason() {
    long image = upload();
    String session = session(user("roll-page-bad", "operator"));
    post(
            session,
            "/ui/rollouts",
            csrf(session),
            "name",
            "bad waves",
            "firmwareId",
            String.valueOf(image),
            "query",
            devices(1),
            "waves",
            "50, 20",
            "maxConcurrent",
            "x")
        .then()
        .statusCode(400)
        .body(containsString("max concurrent must be a whole number, was &#39;x&#39;"))
        .body(containsString("value=\"bad waves\""));
  }

  @Test
  void whileOneNodeStepsARolloutAnotherSkipsIt() throws Exception {
    long image = upload();
    String prefix = devices(3);
    long id =
        asAdmin()
            .contentType("application/json")
            .body(
                "{\"name\":\"two nodes\",\"firmwareId\":"
                    + image
                    + ",\"selector\":{\"query\":\""
                    + prefix
                    + "\"},\"waves\":[100]}")
            .post("/api/v1/rollouts")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    rollouts.start("admin", id); // the service alone: no step yet

    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService otherNode = Executors.newSingleThreadExecutor();
    try {
      Future<?> holder =
          otherNode.submit(
              () ->
                  QuarkusTransaction.requiringNew()
                      .run(
                          () -> {
                            em.createNativeQuery("select id from rollout where id = ?1 for update")
                                .setParameter(1, id)
                                .getResultList();
                            locked.countDown();
                            await(release);
                          }));
      assertTrue(locked.await(10, TimeUnit.SECONDS));
      assertEquals(List.of(), rollouts.tick(id), "the locked rollout is skipped, not waited for");
      release.countDown();
      holder.get(10, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      otherNode.shutdownNow();
    }
    assertEquals(3, rollouts.tick(id).size(), "stepped once the lock is free");
    assertEquals(List.of(), rollouts.tick(id), "and not started twice");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
