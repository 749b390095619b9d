package io.cradle.acs.rollouts;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.serial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.acs.webhooks.WebhookReceiver;
import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A rollout's turns reach a webhook subscriber, signed, from the outbox: started, each wave
 * completed, paused by the failure gate with its ratio, rolled back, resumed, completed; and
 * aborted.
 */
@QuarkusTest
class RolloutEventsTest {

  private static final AtomicInteger VERSIONS = new AtomicInteger(1);
  private static final List<String> ROLLOUT_EVENTS =
      List.of(
          "rollout.started",
          "rollout.wave_completed",
          "rollout.paused",
          "rollout.resumed",
          "rollout.completed",
          "rollout.aborted",
          "rollout.rolled_back");

  @Inject Rollouts rollouts;
  @Inject Clock clock;

  private static long upload(String version) {
    return asAdmin()
        .contentType("application/octet-stream")
        .body(FirmwareImage.build("WP820", FirmwareVersion.parse(version), new byte[1024]))
        .post("/api/v1/firmware")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private static long subscribe(WebhookReceiver receiver) {
    JsonPath created =
        asAdmin()
            .contentType("application/json")
            .body(Map.of("url", receiver.url(), "eventTypes", ROLLOUT_EVENTS))
            .post("/api/v1/webhooks")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    receiver.secret(created.getString("secret"));
    return created.getLong("subscription.id");
  }

  private String devices(int count, String version) {
    String prefix = serial("REVT") + "X";
    for (int i = 0; i < count; i++) {
      device(prefix + i, clock.instant(), d -> d.softwareVersion = version);
    }
    return prefix;
  }

  private static long create(long image, String prefix) {
    return asAdmin()
        .contentType("application/json")
        .body(
            "{\"name\":\"events\",\"firmwareId\":"
                + image
                + ",\"selector\":{\"query\":\""
                + prefix
                + "\"},\"waves\":[25,100],\"maxConcurrent\":10,\"failureThreshold\":0.3,"
                + "\"gateTimeoutSeconds\":3600,\"autoRollback\":true}")
        .post("/api/v1/rollouts")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  /** The device's latest Download ends as {@code status}; a device that took it reports it. */
  private void finish(String deviceKey, TaskStatus status, String reports) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Device d = Device.findByKey(deviceKey).orElseThrow();
              Task t = Task.<Task>find("deviceId = ?1 order by id desc", d.id).firstResult();
              t.status = status;
              t.completedAt = clock.instant();
              if (status == TaskStatus.FAILED) {
                t.faultCode = 9010;
                t.faultString = "Download failure";
              } else {
                d.softwareVersion = reports;
                d.lastInform = clock.instant();
              }
            });
  }

  private static List<String> atStep(long id, String step) {
    return asAdmin()
        .get("/api/v1/rollouts/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("devices.findAll { it.step == '" + step + "' }.deviceKey");
  }

  /** The accepted, correctly signed delivery of the rollout's event of this type. */
  private static JsonPath await(WebhookReceiver receiver, long id, String type, String also)
      throws InterruptedException {
    WebhookReceiver.Received got =
        receiver.awaitAccepted(
            r ->
                type.equals(r.event())
                    && r.body().contains("\"rolloutId\":" + id + ",")
                    && r.body().contains(also),
            Duration.ofSeconds(20));
    assertTrue(got.signedOk(), "signed with the subscription's secret");
    return JsonPath.from(got.body());
  }

  @Test
  void aRolloutTellsItsSubscribersEveryTurnItTakes() throws Exception {
    int n = VERSIONS.getAndIncrement();
    String old = "4.3.0." + n;
    String next = "4.3.1." + n;
    upload(old);
    long image = upload(next);
    String prefix = devices(4, old);
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      long subscription = subscribe(receiver);
      long id = create(image, prefix);

      asAdmin().post("/api/v1/rollouts/" + id + "/start").then().statusCode(200);
      JsonPath started = await(receiver, id, "rollout.started", "");
      assertEquals("RUNNING", started.getString("data.state"));
      assertEquals("DRAFT", started.getString("data.previousState"));
      assertEquals("WP820 " + next, started.getString("data.firmware"));

      String canary = atStep(id, "UPGRADING").get(0);
      finish(canary, TaskStatus.DONE, next);
      rollouts.tick(id);
      JsonPath wave1 = await(receiver, id, "rollout.wave_completed", "\"wave\":1,");
      assertEquals(1, wave1.getInt("data.wave.passed"));
      assertEquals(0, wave1.getInt("data.wave.failed"));

      List<String> wave2 = atStep(id, "UPGRADING");
      assertEquals(3, wave2.size(), "the second wave started after the gate");
      finish(wave2.get(0), TaskStatus.DONE, next);
      finish(wave2.get(1), TaskStatus.FAILED, null);
      finish(wave2.get(2), TaskStatus.FAILED, null);
      rollouts.tick(id);
      JsonPath wave2Done = await(receiver, id, "rollout.wave_completed", "\"wave\":2,");
      assertEquals(2, wave2Done.getInt("data.wave.failed"));
      JsonPath paused = await(receiver, id, "rollout.paused", "");
      assertEquals("ROLLING_BACK", paused.getString("data.state"));
      assertTrue(
          paused.getString("data.reason").startsWith("failure gate: 2 of 4 devices judged failed"),
          paused.getString("data.reason"));

      for (String key : atStep(id, "ROLLING_BACK")) {
        finish(key, TaskStatus.DONE, old);
      }
      rollouts.tick(id);
      JsonPath rolledBack = await(receiver, id, "rollout.rolled_back", "");
      assertEquals("PAUSED", rolledBack.getString("data.state"));
      assertEquals(2, rolledBack.getInt("data.devices.ROLLED_BACK"));
      assertTrue(rolledBack.getString("data.reason").startsWith("rollback done: 2 rolled back"));

      asAdmin().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(200);
      assertEquals(
          "resume by admin", await(receiver, id, "rollout.resumed", "").getString("data.reason"));
      // Resuming steps the rollout at once; every device is judged, so it is done.
      JsonPath completed = await(receiver, id, "rollout.completed", "");
      assertEquals("COMPLETED", completed.getString("data.state"));
      assertEquals(2, completed.getInt("data.devices.PASSED"));

      long abortedId = create(image, devices(2, old));
      asAdmin().post("/api/v1/rollouts/" + abortedId + "/abort").then().statusCode(200);
      assertEquals(
          "DRAFT",
          await(receiver, abortedId, "rollout.aborted", "").getString("data.previousState"));

      long perType =
          receiver.received().stream()
              .filter(r -> r.body().contains("\"rolloutId\":" + id + ","))
              .filter(r -> "rollout.wave_completed".equals(r.event()))
              .count();
      assertEquals(2, perType, "each wave told once");
      asAdmin().delete("/api/v1/webhooks/" + subscription).then().statusCode(204);
    }
  }
}
