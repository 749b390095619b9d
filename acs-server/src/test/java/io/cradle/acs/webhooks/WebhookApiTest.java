package io.cradle.acs.webhooks;

import static io.cradle.acs.api.ApiFixtures.as;
import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.user;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Webhook subscriptions through the API, and deliveries to a real receiver on 127.0.0.1. */
@QuarkusTest
class WebhookApiTest {

  private static JsonPath create(String url, String... types) {
    return asAdmin()
        .contentType("application/json")
        .body(Map.of("url", url, "eventTypes", List.of(types), "description", "test"))
        .post("/api/v1/webhooks")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  @Test
  void theSecretIsShownOnceAndSignsEveryDelivery() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      JsonPath created = create(receiver.url(), "alarm.raised");
      String secret = created.getString("secret");
      long id = created.getLong("subscription.id");
      assertTrue(secret.startsWith("whsec_") && secret.length() > 40, secret);
      receiver.secret(secret);

      asAdmin()
          .get("/api/v1/webhooks/" + id)
          .then()
          .statusCode(200)
          .body("url", equalTo(receiver.url()))
          .body("enabled", equalTo(true))
          .body(not(containsString(secret)));
      asAdmin().get("/api/v1/webhooks").then().statusCode(200).body(not(containsString(secret)));

      String eventId =
          asAdmin()
              .post("/api/v1/webhooks/" + id + "/test")
              .then()
              .statusCode(202)
              .extract()
              .path("event");
      WebhookReceiver.Received got =
          receiver.awaitAccepted(r -> eventId.equals(r.eventId()), Duration.ofSeconds(20));
      assertTrue(got.signedOk(), "the receiver verified the signature with the secret");
      assertEquals("webhook.test", got.event());
      JsonPath body = JsonPath.from(got.body());
      assertEquals(eventId, body.getString("id"), "the body carries the event id to dedupe by");
      assertEquals("webhook.test", body.getString("type"));
      assertEquals(id, body.getLong("data.subscription"));
      assertFalse(
          Signatures.verify(
              got.signature(),
              "whsec_wrong",
              got.body().getBytes(),
              Instant.now().getEpochSecond(),
              300),
          "another secret does not verify");

      String log =
          asAdmin().get("/api/v1/audit?action=webhook").then().statusCode(200).extract().asString();
      assertTrue(log.contains("webhook.create") && log.contains("webhook.test"), log);
      assertFalse(log.contains(secret), "the secret is never audited");
    }
  }

  @Test
  void aFailingReceiverIsRetriedWithBackOffUntilItAccepts() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(2)) {
      JsonPath created = create(receiver.url(), "task.done");
      long id = created.getLong("subscription.id");
      receiver.secret(created.getString("secret"));

      asAdmin().post("/api/v1/webhooks/" + id + "/test").then().statusCode(202);
      receiver.awaitAccepted(r -> true, Duration.ofSeconds(30));

      List<WebhookReceiver.Received> all = receiver.received();
      assertEquals(3, all.size(), "two refusals, then accepted: " + all);
      assertEquals(503, all.get(0).answered());
      assertEquals(503, all.get(1).answered());
      assertEquals(
          all.get(0).eventId(), all.get(2).eventId(), "a retry is the same event, same id");
      asAdmin()
          .get("/api/v1/webhooks/" + id + "/deliveries")
          .then()
          .statusCode(200)
          .body("[0].status", equalTo("DELIVERED"))
          .body("[0].attempts", equalTo(3))
          .body("[0].lastStatus", equalTo(204))
          .body("[0].eventType", equalTo("webhook.test"));
    }
  }

  @Test
  void aReceiverThatNeverAcceptsIsGivenUpAfterMaxAttemptsAndRecorded() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(Integer.MAX_VALUE)) {
      JsonPath created = create(receiver.url(), "task.failed");
      long id = created.getLong("subscription.id");
      receiver.secret(created.getString("secret"));
      asAdmin().post("/api/v1/webhooks/" + id + "/test").then().statusCode(202);

      // %test: 4 attempts, 0.5 s doubling: about 3.5 s.
      Instant deadline = Instant.now().plusSeconds(30);
      String status = "";
      while (Instant.now().isBefore(deadline) && !status.equals("FAILED")) {
        Thread.sleep(200);
        status =
            asAdmin()
                .get("/api/v1/webhooks/" + id + "/deliveries")
                .then()
                .extract()
                .path("[0].status");
      }
      assertEquals("FAILED", status);
      Thread.sleep(1500);
      assertEquals(4, receiver.received().size(), "no attempt after giving up");
      asAdmin()
          .get("/api/v1/webhooks/" + id + "/deliveries")
          .then()
          .body("[0].attempts", equalTo(4))
          .body("[0].lastStatus", equalTo(503))
          .body("[0].lastError", containsString("503"));
    }
  }

  @Test
  void badSubscriptionsGetAClearErrorAndNothingIsStored() {
    int before = asAdmin().get("/api/v1/webhooks").then().extract().jsonPath().getList("$").size();
    for (String url :
        List.of(
            "ftp://example.org/x",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "not a url",
            "http:///nohost")) {
      asAdmin()
          .contentType("application/json")
          .body(Map.of("url", url, "eventTypes", List.of("alarm.raised")))
          .post("/api/v1/webhooks")
          .then()
          .statusCode(400)
          .body("error", containsString("url"));
    }
    asAdmin()
        .contentType("application/json")
        .body(Map.of("url", "https://soc.example.org/in", "eventTypes", List.of("alarm.exploded")))
        .post("/api/v1/webhooks")
        .then()
        .statusCode(400)
        .body("error", containsString("alarm.exploded"))
        .body("error", containsString("alarm.raised"));
    asAdmin()
        .contentType("application/json")
        .body(Map.of("url", "https://soc.example.org/in", "eventTypes", List.of()))
        .post("/api/v1/webhooks")
        .then()
        .statusCode(400);
    asAdmin()
        .contentType("application/json")
        .body("{\"url\": ")
        .post("/api/v1/webhooks")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/json"));
    assertEquals(
        before, asAdmin().get("/api/v1/webhooks").then().extract().jsonPath().getList("$").size());
    asAdmin().post("/api/v1/webhooks/999999999/test").then().statusCode(404);
    asAdmin().get("/api/v1/webhooks/999999999/deliveries").then().statusCode(404);
  }

  @Test
  void onlyAdminsManageWebhooks() {
    String operator = user("hookop", "operator");
    as(operator).get("/api/v1/webhooks").then().statusCode(403);
    as(operator)
        .contentType("application/json")
        .body(Map.of("url", "https://soc.example.org/in", "eventTypes", List.of("alarm.raised")))
        .post("/api/v1/webhooks")
        .then()
        .statusCode(403);
  }

  @Test
  void aSubscriptionIsDisabledChangedAndDeleted() {
    long id = create("https://soc.example.org/a", "alarm.raised").getLong("subscription.id");
    asAdmin()
        .contentType("application/json")
        .body(Map.of("enabled", false, "eventTypes", List.of("alarm.raised", "alarm.cleared")))
        .patch("/api/v1/webhooks/" + id)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("eventTypes", hasItem("alarm.cleared"))
        .body("url", equalTo("https://soc.example.org/a"));
    asAdmin()
        .contentType("application/json")
        .body(Map.of("url", "gopher://x"))
        .patch("/api/v1/webhooks/" + id)
        .then()
        .statusCode(400);
    asAdmin().delete("/api/v1/webhooks/" + id).then().statusCode(204);
    asAdmin().get("/api/v1/webhooks/" + id).then().statusCode(404);
  }
}
