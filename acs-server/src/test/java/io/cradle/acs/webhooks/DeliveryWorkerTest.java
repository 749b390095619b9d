package io.cradle.acs.webhooks;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The outbox under competing workers, as with several ACS nodes: every event is delivered, none
 * twice, and an event written in a transaction that rolls back is never sent.
 */
@QuarkusTest
class DeliveryWorkerTest {

  private static final Logger LOG = Logger.getLogger(DeliveryWorkerTest.class);

  @Inject Webhooks webhooks;
  @Inject DeliveryWorker worker;
  @Inject Clock clock;

  private static long subscribe(WebhookReceiver receiver) {
    JsonPath created =
        asAdmin()
            .contentType("application/json")
            .body(Map.of("url", receiver.url(), "eventTypes", List.of("task.done")))
            .post("/api/v1/webhooks")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    receiver.secret(created.getString("secret"));
    return created.getLong("subscription.id");
  }

  @Test
  void competingWorkersDeliverEveryEventExactlyOnce() throws Exception {
    int events = 400;
    String run = UUID.randomUUID().toString();
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      long id = subscribe(receiver);
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                for (int i = 0; i < events; i++) {
                  webhooks.publish(
                      EventType.TASK_DONE, Map.of("run", run, "n", i), clock.instant());
                }
              });
      long start = System.nanoTime();
      ExecutorService nodes = Executors.newFixedThreadPool(3);
      try {
        Callable<Integer> node =
            () -> {
              int sent = 0;
              for (int n; (n = worker.deliverDue()) > 0; ) {
                sent += n;
              }
              return sent;
            };
        List<Future<Integer>> results = nodes.invokeAll(List.of(node, node, node));
        for (Future<Integer> r : results) {
          r.get();
        }
      } finally {
        nodes.shutdown();
      }
      awaitCount(receiver, run, events, Duration.ofSeconds(60));
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Long> perEvent =
          receiver.received().stream()
              .filter(r -> r.body().contains(run))
              .collect(
                  Collectors.groupingBy(WebhookReceiver.Received::eventId, Collectors.counting()));
      assertEquals(events, perEvent.size(), "every event arrived");
      // Exactly once holds while the receiver answers within the timeout; past it an attempt
      // counts as failed and is sent again (at least once), which is why events carry ids.
      assertTrue(perEvent.values().stream().allMatch(n -> n == 1), "none twice: " + perEvent);
      assertTrue(receiver.received().stream().allMatch(WebhookReceiver.Received::signedOk));
      LOG.infof(
          "webhooks: %d events delivered by 3 competing workers in %.2f s (%.0f/s)",
          events, seconds, events / seconds);
      asAdmin().delete("/api/v1/webhooks/" + id).then().statusCode(204);
    }
  }

  private static void awaitCount(WebhookReceiver receiver, String run, int events, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (countOf(receiver, run) < events && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private static long countOf(WebhookReceiver receiver, String run) {
    return receiver.received().stream()
        .filter(r -> r.body().contains(run))
        .map(WebhookReceiver.Received::eventId)
        .distinct()
        .count();
  }

  @Test
  void anEventOfARolledBackChangeIsNeverSent() throws Exception {
    String run = UUID.randomUUID().toString();
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      long id = subscribe(receiver);
      try {
        QuarkusTransaction.requiringNew()
            .run(
                () -> {
                  webhooks.publish(EventType.TASK_DONE, Map.of("run", run), clock.instant());
                  throw new IllegalStateException("the change failed");
                });
      } catch (IllegalStateException expected) {
        // The change and its event rolled back together.
      }
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  webhooks.publish(
                      EventType.TASK_DONE, Map.of("run", run, "ok", true), clock.instant()));
      WebhookReceiver.Received got =
          receiver.awaitAccepted(r -> r.body().contains(run), Duration.ofSeconds(20));
      assertTrue(got.body().contains("\"ok\":true"), got.body());
      Thread.sleep(1000);
      assertEquals(1, countOf(receiver, run), "only the committed event");
      asAdmin().delete("/api/v1/webhooks/" + id).then().statusCode(204);
    }
  }

  @Test
  void oldSentEventsArePurgedWithTheirLogButPendingOnesAreKept() throws Exception {
    String run = UUID.randomUUID().toString();
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      long id = subscribe(receiver);
      QuarkusTransaction.requiringNew()
          .run(() -> webhooks.publish(EventType.TASK_DONE, Map.of("run", run), clock.instant()));
      receiver.awaitAccepted(r -> r.body().contains(run), Duration.ofSeconds(20));
      awaitStatus(id, "DELIVERED");
      asAdmin()
          .contentType("application/json")
          .body(Map.of("enabled", false))
          .patch("/api/v1/webhooks/" + id)
          .then()
          .statusCode(200);
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  webhooks.publish(
                      EventType.TASK_DONE, Map.of("run", run, "paused", true), clock.instant()));
      // A disabled subscription gets no new events (the log below has no "paused" entry), but a
      // test event goes to it and waits, pending, until it is enabled again.
      asAdmin().post("/api/v1/webhooks/" + id + "/test").then().statusCode(202);

      assertEquals(0, worker.purge(clock.instant().minus(Duration.ofDays(1))), "nothing that old");
      worker.purge(clock.instant().plusSeconds(1));
      List<Map<String, Object>> log =
          asAdmin()
              .get("/api/v1/webhooks/" + id + "/deliveries")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("$");
      assertEquals(1, log.size(), "the delivered one purged, the pending test kept: " + log);
      assertEquals("PENDING", log.get(0).get("status"));
      asAdmin().delete("/api/v1/webhooks/" + id).then().statusCode(204);
    }
  }

  private static void awaitStatus(long subscription, String status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      String now =
          asAdmin()
              .get("/api/v1/webhooks/" + subscription + "/deliveries")
              .then()
              .extract()
              .path("[0].status");
      if (status.equals(now)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("delivery never reached " + status);
  }
}
