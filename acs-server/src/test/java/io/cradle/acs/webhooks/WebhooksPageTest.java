package io.cradle.acs.webhooks;

import static io.cradle.acs.api.ApiFixtures.ADMIN;
import static io.cradle.acs.api.ApiFixtures.ADMIN_PASSWORD;
import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.passwordOf;
import static io.cradle.acs.api.ApiFixtures.user;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.ui.Dashboard;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The webhooks page: admins only, the secret shown once, the test button and delivery log. */
@QuarkusTest
class WebhooksPageTest {

  private static final Pattern SECRET = Pattern.compile("id=\"secret\">(whsec_[A-Za-z0-9_-]+)<");
  private static final Pattern CREATED = Pattern.compile("Subscription (\\d+) to");

  private static int count() {
    return asAdmin().get("/api/v1/webhooks").then().extract().jsonPath().getList("$").size();
  }

  @Test
  void anAdminCreatesASubscriptionSeesTheSecretOnceAndSendsATest() throws Exception {
    Dashboard admin = Dashboard.signIn(ADMIN, ADMIN_PASSWORD);
    String csrf = admin.csrf("/ui/webhooks");
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      String html =
          admin
              .request()
              .formParam("_csrf", csrf)
              .formParam("url", receiver.url())
              .formParam("eventTypes", "alarm.raised")
              .formParam("eventTypes", "task.failed")
              .post("/ui/webhooks")
              .then()
              .statusCode(201)
              .extract()
              .asString();
      Matcher secret = SECRET.matcher(html);
      Matcher id = CREATED.matcher(html);
      assertTrue(secret.find() && id.find(), html);
      receiver.secret(secret.group(1));
      admin
          .request()
          .get("/ui/webhooks")
          .then()
          .statusCode(200)
          .body(containsString(receiver.url()))
          .body(not(containsString(secret.group(1))));

      admin
          .request()
          .formParam("_csrf", csrf)
          .post("/ui/webhooks/" + id.group(1) + "/test")
          .then()
          .statusCode(200)
          .body(containsString("queued"));
      WebhookReceiver.Received got =
          receiver.awaitAccepted(r -> "webhook.test".equals(r.event()), Duration.ofSeconds(20));
      assertTrue(got.signedOk());
      String log =
          admin
              .request()
              .get("/ui/webhooks/" + id.group(1))
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertTrue(log.contains(got.eventId()) && log.contains("DELIVERED"), log);
    }
  }

  @Test
  void aBadUrlIsRefusedOnThePageAndNothingIsStored() {
    Dashboard admin = Dashboard.signIn(ADMIN, ADMIN_PASSWORD);
    String csrf = admin.csrf("/ui/webhooks");
    int before = count();
    admin
        .request()
        .formParam("_csrf", csrf)
        .formParam("url", "ftp://files.example.org/drop")
        .formParam("eventTypes", "alarm.raised")
        .post("/ui/webhooks")
        .then()
        .statusCode(400)
        .body(containsString("url must be http:// or https://"))
        .body(containsString("ftp://files.example.org/drop"));
    assertEquals(before, count());
  }

  @Test
  void anOperatorCannotOpenThePage() {
    String operator = user("hookpage", "operator");
    Dashboard.signIn(operator, passwordOf(operator))
        .request()
        .get("/ui/webhooks")
        .then()
        .statusCode(403);
  }
}
