package io.cradle.acs.api;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.serial;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Creating, validating, reading and cancelling tasks over the API. */
@QuarkusTest
class TaskApiTest {

  @Inject Clock clock;

  private ValidatableResponse postTask(String deviceKey, String json) {
    return asAdmin()
        .contentType("application/json")
        .body(json)
        .post("/api/v1/devices/{key}/tasks", deviceKey)
        .then();
  }

  private ValidatableResponse postBatch(String json) {
    return asAdmin().contentType("application/json").body(json).post("/api/v1/tasks").then();
  }

  @Test
  void aTaskIsQueuedAndCanBeReadBack() {
    Device d = device(serial("TASK"), clock.instant());

    var created =
        postTask(
                d.deviceKey,
                """
                {"kind": "GetParameterValues",
                 "request": {"names": ["Device.DeviceInfo.", "Device.LAN.IPAddress"]},
                 "maxAttempts": 2}
                """)
            .statusCode(201)
            .body("deviceKey", equalTo(d.deviceKey))
            .body("kind", equalTo("GetParameterValues"))
            .body("status", equalTo("QUEUED"))
            .body("maxAttempts", equalTo(2))
            .body("request.names", contains("Device.DeviceInfo.", "Device.LAN.IPAddress"))
            .body("commandKey", not(nullValue()))
            .extract();
    int id = created.path("id");
    assertTrue(
        created.header("Location").endsWith("/api/v1/tasks/" + id), created.header("Location"));

    asAdmin()
        .get("/api/v1/tasks/{id}", id)
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("status", equalTo("QUEUED"))
        .body("request.names[1]", equalTo("Device.LAN.IPAddress"));
    Task stored = QuarkusTransaction.requiringNew().call(() -> Task.findById((long) id));
    assertEquals(d.id, stored.deviceId);
  }

  @Test
  void setParameterValuesIsCheckedAgainstTheValueType() {
    Device d = device(serial("SPV"), clock.instant());

    postTask(
            d.deviceKey,
            """
            {"kind": "SetParameterValues", "request": {"parameters": [
              {"name": "Device.ManagementServer.PeriodicInformInterval",
               "value": "600", "type": "UNSIGNED_INT"}]}}
            """)
        .statusCode(201)
        .body("request.parameters[0].value", equalTo("600"));
    postTask(
            d.deviceKey,
            """
            {"kind": "SetParameterValues", "request": {"parameters": [
              {"name": "Device.ManagementServer.PeriodicInformInterval",
               "value": "soon", "type": "UNSIGNED_INT"}]}}
            """)
        .statusCode(400)
        .body("error", containsString("Device.ManagementServer.PeriodicInformInterval"))
        .body("error", containsString("unsignedInt"));
  }

  @Test
  void badTasksGetA400ThatSaysWhatIsWrong() {
    Device d = device(serial("BAD"), clock.instant());

    postTask(d.deviceKey, "{\"kind\": \"Explode\"}")
        .statusCode(400)
        .body("error", containsString("unknown kind 'Explode'"))
        .body("error", containsString("GetParameterValues"));
    postTask(d.deviceKey, "{\"request\": {}}")
        .statusCode(400)
        .body("error", containsString("kind"));
    postTask(d.deviceKey, "{\"kind\": \"GetParameterValues\", \"request\": {\"nmes\": []}}")
        .statusCode(400)
        .body("error", containsString("nmes"))
        .body("error", containsString("names"));
    postTask(
            d.deviceKey,
            "{\"kind\": \"Download\", \"request\": {\"fileType\": \"1 Firmware Upgrade Image\"}}")
        .statusCode(400)
        .body("error", containsString("Download"))
        .body("error", containsString("url"));
    postTask(d.deviceKey, "{\"kind\": \"Reboot\", \"request\": [1]}")
        .statusCode(400)
        .body("error", containsString("JSON object"));
    postTask(d.deviceKey, "{\"kind\": \"Reboot\", \"maxAttempts\": 0}")
        .statusCode(400)
        .body("error", containsString("maxAttempts"));
    postTask(d.deviceKey, "{\"kind\": \"Reboot\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}")
        .statusCode(400)
        .body("error", containsString("expiresAt"));
    postTask(d.deviceKey, "{\"kind\": \"Reboot\", \"expiresAt\": \"tomorrow\"}")
        .statusCode(400)
        .body("error", containsString("field 'expiresAt'"));
    String unreadable =
        postTask(d.deviceKey, "{\"kind\": ")
            .statusCode(400)
            .body("error", containsString("not valid JSON"))
            .extract()
            .asString();
    assertFalse(unreadable.contains("at io.") || unreadable.contains("Exception"), unreadable);
    postTask("000B82-WP820-NOSUCH", "{\"kind\": \"Reboot\"}").statusCode(404);

    long stored = QuarkusTransaction.requiringNew().call(() -> Task.count("deviceId", d.id));
    assertEquals(0, stored, "no refused request left a task behind");
  }

  @Test
  void aQueuedTaskCanBeCancelledOnce() {
    Device d = device(serial("CANCEL"), clock.instant());
    int id = postTask(d.deviceKey, "{\"kind\": \"Reboot\"}").statusCode(201).extract().path("id");

    asAdmin()
        .delete("/api/v1/tasks/{id}", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("CANCELLED"))
        .body("completedAt", not(nullValue()));
    asAdmin()
        .delete("/api/v1/tasks/{id}", id)
        .then()
        .statusCode(409)
        .body("error", containsString("CANCELLED"));
    asAdmin().get("/api/v1/tasks/{id}", id).then().body("status", equalTo("CANCELLED"));
    asAdmin().delete("/api/v1/tasks/{id}", 987654321).then().statusCode(404);
    asAdmin().get("/api/v1/tasks/{id}", 987654321).then().statusCode(404);
  }

  @Test
  void aTaskAlreadySentCannotBeCancelled() {
    Device d = device(serial("SENT"), clock.instant());
    int id = postTask(d.deviceKey, "{\"kind\": \"Reboot\"}").statusCode(201).extract().path("id");
    QuarkusTransaction.requiringNew()
        .run(() -> Task.update("status = ?1 where id = ?2", TaskStatus.SENT, (long) id));

    asAdmin()
        .delete("/api/v1/tasks/{id}", id)
        .then()
        .statusCode(409)
        .body("error", containsString("SENT"));
  }

  @Test
  void aBatchMakesOneTaskPerMatchingDeviceUnderOneBatchId() {
    String tag = "batch-" + serial("T");
    List<Device> tagged =
        List.of(
            device(serial("BATCH"), clock.instant(), x -> x.tags = new String[] {tag, "other"}),
            device(serial("BATCH"), clock.instant(), x -> x.tags = new String[] {tag}),
            device(serial("BATCH"), clock.instant(), x -> x.tags = new String[] {tag}));
    device(serial("BATCH"), clock.instant(), x -> x.tags = new String[] {"other"});
    device(
        serial("BATCH"),
        clock.instant(),
        x -> {
          x.tags = new String[] {tag};
          x.softwareVersion = "1.0.1.15";
        });

    String batchId =
        postBatch(
                """
                {"selector": {"tag": "%s", "softwareVersion": "1.0.7.81"},
                 "kind": "Reboot", "request": {}}
                """
                    .formatted(tag))
            .statusCode(201)
            .body("count", equalTo(3))
            .extract()
            .path("batchId");

    UUID batch = UUID.fromString(batchId);
    Set<Long> devices =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    Task.<Task>list("batchId", batch).stream()
                        .map(t -> t.deviceId)
                        .collect(Collectors.toSet()));
    assertEquals(tagged.stream().map(x -> x.id).collect(Collectors.toSet()), devices);
  }

  @Test
  void aBatchCanSelectBySerialOrMacSubstring() {
    String prefix = serial("SUBSTR");
    device(prefix + "-a", clock.instant());
    device(prefix + "-b", clock.instant());

    postBatch(
            """
            {"selector": {"query": "%s", "productClass": "WP820"}, "kind": "GetRPCMethods"}
            """
                .formatted(prefix))
        .statusCode(201)
        .body("count", equalTo(2));
  }

  @Test
  void aBatchMustSelectSomethingOnPurpose() {
    postBatch("{\"selector\": {}, \"kind\": \"Reboot\"}")
        .statusCode(400)
        .body("error", containsString("every device"));
    postBatch("{\"kind\": \"Reboot\"}").statusCode(400).body("error", containsString("selector"));
    postBatch("{\"selector\": {\"tag\": \"x\"}, \"kind\": \"Nope\"}").statusCode(400);
  }

  @Test
  void aDryRunCountsTheDevicesAndQueuesNothing() {
    String tag = "dry-" + serial("T");
    List<Device> tagged =
        List.of(
            device(serial("DRY"), clock.instant(), x -> x.tags = new String[] {tag}),
            device(serial("DRY"), clock.instant(), x -> x.tags = new String[] {tag}));

    postBatch(
            """
            {"selector": {"tag": "%s"}, "kind": "Reboot", "dryRun": true}
            """
                .formatted(tag))
        .statusCode(200)
        .body("dryRun", equalTo(true))
        .body("devices", equalTo(2));
    postBatch(
            """
            {"selector": {"tag": "%s"}, "kind": "Explode", "dryRun": true}
            """
                .formatted(tag))
        .statusCode(400)
        .body("error", containsString("Explode"));

    for (Device d : tagged) {
      long stored = QuarkusTransaction.requiringNew().call(() -> Task.count("deviceId", d.id));
      assertEquals(0, stored, "a dry run queues nothing");
    }
  }

  @Test
  void aRetriedBatchWithTheSameIdempotencyKeyIsQueuedOnce() {
    String tag = "idem-" + serial("T");
    Device d = device(serial("IDEM"), clock.instant(), x -> x.tags = new String[] {tag});
    String key = UUID.randomUUID().toString();
    String body =
        """
        {"selector": {"tag": "%s"}, "kind": "Reboot"}
        """
            .formatted(tag);

    var first =
        asAdmin()
            .header("Idempotency-Key", key)
            .contentType("application/json")
            .body(body)
            .post("/api/v1/tasks")
            .then()
            .statusCode(201)
            .header("Idempotent-Replayed", nullValue())
            .extract();
    var retry =
        asAdmin()
            .header("Idempotency-Key", key)
            .contentType("application/json")
            .body(body)
            .post("/api/v1/tasks")
            .then()
            .statusCode(201)
            .header("Idempotent-Replayed", equalTo("true"))
            .extract();
    assertEquals(first.<String>path("batchId"), retry.<String>path("batchId"));
    assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Task.count("deviceId", d.id)));

    // The same key for another request is a client bug, not a replay.
    asAdmin()
        .header("Idempotency-Key", key)
        .contentType("application/json")
        .body(body.replace("Reboot", "FactoryReset"))
        .post("/api/v1/tasks")
        .then()
        .statusCode(422)
        .body("error", containsString("another request"));
    // A new key is a new batch.
    asAdmin()
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .contentType("application/json")
        .body(body)
        .post("/api/v1/tasks")
        .then()
        .statusCode(201);
    assertEquals(2L, QuarkusTransaction.requiringNew().call(() -> Task.count("deviceId", d.id)));
  }

  @Test
  void aRetriedSingleTaskReplaysItsAnswerAndLocation() {
    Device d = device(serial("IDEM1"), clock.instant());
    String key = "retry-" + UUID.randomUUID();
    var first =
        asAdmin()
            .header("Idempotency-Key", key)
            .contentType("application/json")
            .body("{\"kind\": \"Reboot\"}")
            .post("/api/v1/devices/{key}/tasks", d.deviceKey)
            .then()
            .statusCode(201)
            .extract();
    var retry =
        asAdmin()
            .header("Idempotency-Key", key)
            .contentType("application/json")
            .body("{\"kind\": \"Reboot\"}")
            .post("/api/v1/devices/{key}/tasks", d.deviceKey)
            .then()
            .statusCode(201)
            .header("Idempotent-Replayed", equalTo("true"))
            .extract();
    assertEquals(first.<Integer>path("id"), retry.<Integer>path("id"));
    assertEquals(first.header("Location"), retry.header("Location"));
    assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Task.count("deviceId", d.id)));
    asAdmin()
        .header("Idempotency-Key", "x".repeat(300))
        .contentType("application/json")
        .body("{\"kind\": \"Reboot\"}")
        .post("/api/v1/devices/{key}/tasks", d.deviceKey)
        .then()
        .statusCode(400)
        .body("error", containsString("Idempotency-Key"));
  }

  @Test
  void racingRetriesWithOneKeyQueueOneBatch() throws Exception {
    Device d = device(serial("RACE"), clock.instant());
    String key = UUID.randomUUID().toString();
    String body = "{\"selector\": {\"devices\": [\"" + d.deviceKey + "\"]}, \"kind\": \"Reboot\"}";
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(
            clients.submit(
                () ->
                    asAdmin()
                        .header("Idempotency-Key", key)
                        .contentType("application/json")
                        .body(body)
                        .post("/api/v1/tasks")
                        .then()
                        .statusCode(201)
                        .extract()
                        .<String>path("batchId")));
      }
      Set<String> batches = new java.util.HashSet<>();
      for (Future<String> answer : answers) {
        batches.add(answer.get(60, TimeUnit.SECONDS));
      }
      assertEquals(1, batches.size(), batches.toString());
    } finally {
      clients.shutdownNow();
    }
    assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Task.count("deviceId", d.id)));
  }
}
