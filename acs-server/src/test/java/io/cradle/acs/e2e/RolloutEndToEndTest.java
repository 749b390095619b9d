package io.cradle.acs.e2e;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.cwmp.LeaseReleases;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.rollouts.Rollouts;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.acs.testing.LabPhones;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rollouts over real phones (cpe-agent) and the real ACS: an image uploaded through the API goes
 * out wave by wave and every phone reports it; a rollout whose image some phones refuse, and in
 * which a phone never comes back, trips the failure gate and the failed phones are rolled back to
 * the image they ran before.
 */
@QuarkusTest
class RolloutEndToEndTest {

  private static final String OLD = LabPhones.FIRMWARE;

  @TestHTTPResource("/")
  URI acs;

  @Inject Rollouts rollouts;
  @Inject LeaseReleases leases;
  @Inject Clock clock;

  /** A phone on its own virtual clock, so the test decides when (and whether) it talks. */
  private record TestPhone(Phone phone, VirtualScheduler scheduler, String deviceKey) {}

  private TestPhone phone(String prefix, String model) {
    LabPhones.Unit unit = LabPhones.next(prefix);
    VirtualScheduler scheduler = new VirtualScheduler(clock.instant());
    Phone phone =
        LabPhones.builder(unit, model, scheduler, LabPhones.factory(acs, Map.of()))
            // A loopback address of its own: the ACS's Connection Requests find nobody there.
            .ipAddress("127.91." + (unit.number() >> 8 & 0xff) + "." + (unit.number() & 0xff))
            .build();
    TestPhone p = new TestPhone(phone, scheduler, unit.deviceKey(model));
    phone.boot();
    talk(p);
    return p;
  }

  /** The phone opens a session (as a Connection Request would make it) and runs it to the end. */
  private void talk(TestPhone p) {
    p.phone().connectionRequest();
    LabPhones.runSessions(p.scheduler(), leases);
  }

  private static long upload(String model, String version) {
    byte[] image = FirmwareImage.build(model, FirmwareVersion.parse(version), new byte[32 * 1024]);
    return asAdmin()
        .contentType("application/octet-stream")
        .body(image)
        .post("/api/v1/firmware")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  private static JsonPath create(String body) {
    return asAdmin()
        .contentType("application/json")
        .body(body)
        .post("/api/v1/rollouts")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static JsonPath act(long id, String action) {
    return asAdmin()
        .post("/api/v1/rollouts/" + id + "/" + action)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath get(long id) {
    return asAdmin().get("/api/v1/rollouts/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static String reported(TestPhone p) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Device.findByKey(p.deviceKey()).orElseThrow().softwareVersion);
  }

  private static List<Task> tasksOf(TestPhone p) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Task.ofDevice(Device.findByKey(p.deviceKey()).orElseThrow().id, 20));
  }

  /** Moves the start of a device's upgrade back past the gate timeout, rather than sleeping. */
  private static void tenMinutesPass(long rolloutId, TestPhone p) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                Device.getEntityManager()
                    .createNativeQuery(
                        "update rollout_device set started_at = started_at - interval '10 minutes'"
                            + " where rollout_id = ?1 and device_id = ?2")
                    .setParameter(1, rolloutId)
                    .setParameter(2, Device.findByKey(p.deviceKey()).orElseThrow().id)
                    .executeUpdate());
  }

  private static String step(JsonPath rollout, TestPhone p) {
    return rollout.getString("devices.find { it.deviceKey == '" + p.deviceKey() + "' }.step");
  }

  @Test
  void aRolloutGoesOutInWavesAndEveryPhoneReportsTheNewVersion() {
    String prefix = LabPhones.next("ROLLOK").serial() + "X";
    List<TestPhone> phones = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      phones.add(phone(prefix, "WP820"));
    }
    long image = upload("WP820", "1.0.9.3");
    String body =
        """
        {"name": "e2e upgrade", "firmwareId": %d, "selector": {"query": "%s"},
         "waves": [50, 100], "maxConcurrent": 10, "failureThreshold": 0.2,
         "gateTimeoutSeconds": 60}"""
            .formatted(image, prefix);
    assertEquals(
        6,
        asAdmin()
            .contentType("application/json")
            .body(body.replace("60}", "60, \"dryRun\": true}"))
            .post("/api/v1/rollouts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getInt("targets"));
    long id = create(body).getLong("id");

    JsonPath started = act(id, "start");
    assertEquals("RUNNING", started.getString("state"));
    assertEquals(3, started.getInt("progress[0].upgrading"), "the first wave is half the phones");
    assertEquals(3, started.getInt("progress[1].pending"), "the second waits for the first");

    phones.forEach(this::talk);
    rollouts.tick(id);
    JsonPath afterFirst = get(id);
    assertEquals(3, afterFirst.getInt("progress[0].passed"), afterFirst.prettify());
    assertEquals(3, afterFirst.getInt("progress[1].upgrading"), "the gate passed: wave 2 started");

    phones.forEach(this::talk);
    rollouts.tick(id);
    JsonPath done = get(id);
    assertEquals("COMPLETED", done.getString("state"), done.prettify());
    assertEquals("all 6 devices judged: 6 passed, 0 failed", done.getString("stateReason"));
    for (TestPhone p : phones) {
      assertEquals("1.0.9.3", p.phone().softwareVersion().toString());
      assertEquals("1.0.9.3", reported(p));
      Task upgrade = tasksOf(p).get(0);
      assertEquals("rollout-" + id, upgrade.commandKey);
      assertEquals(TaskStatus.DONE, upgrade.status);
    }
  }

  @Test
  void refusedImagesAndASilentPhoneTripTheGateAndTheFailedPhonesAreRolledBack() {
    String prefix = LabPhones.next("ROLLBAD").serial() + "X";
    // Created first, so by device id they make up the first wave.
    TestPhone wp810a = phone(prefix, "WP810");
    TestPhone wp810b = phone(prefix, "WP810");
    TestPhone silent = phone(prefix, "WP820");
    List<TestPhone> secondWave =
        List.of(phone(prefix, "WP820"), phone(prefix, "WP820"), phone(prefix, "WP820"));
    long image = upload("WP820", "1.0.9.4");
    // What the failed phones ran before, for their rollback.
    upload("WP820", OLD);
    upload("WP810", OLD);

    long id =
        create(
                """
                {"name": "e2e bad image", "firmwareId": %d, "selector": {"query": "%s"},
                 "waves": [50, 100], "maxConcurrent": 10, "failureThreshold": 0.5,
                 "gateTimeoutSeconds": 600, "autoRollback": true}"""
                    .formatted(image, prefix))
            .getLong("id");
    assertEquals(3, act(id, "start").getInt("progress[0].upgrading"));

    talk(wp810a);
    talk(wp810b);
    // The silent phone does not talk: its Download stays queued.
    rollouts.tick(id);
    JsonPath tripped = get(id);
    assertEquals("ROLLING_BACK", tripped.getString("state"), tripped.prettify());
    assertEquals(
        "failure gate: 2 of 2 devices judged failed (100.0 % > 50.0 %)",
        tripped.getString("stateReason"));
    assertEquals("ROLLING_BACK", step(tripped, wp810a));
    assertTrue(
        tripped
            .getString("devices.find { it.deviceKey == '" + wp810a.deviceKey() + "' }.reason")
            .contains("fault 9010"),
        tripped.prettify());

    talk(wp810a);
    talk(wp810b);
    tenMinutesPass(id, silent);
    rollouts.tick(id);
    JsonPath rolling = get(id);
    assertEquals("ROLLED_BACK", step(rolling, wp810a), rolling.prettify());
    assertEquals("ROLLED_BACK", step(rolling, wp810b));
    assertEquals("ROLLING_BACK", step(rolling, silent), "timed out, then sent its old image");

    // It turns up at last: its cancelled upgrade must not run, only the rollback.
    talk(silent);
    rollouts.tick(id);
    JsonPath paused = get(id);
    assertEquals("PAUSED", paused.getString("state"), paused.prettify());
    assertEquals("rollback done: 3 rolled back, 0 could not be", paused.getString("stateReason"));
    assertEquals(OLD, silent.phone().softwareVersion().toString());
    assertEquals(OLD, reported(silent));
    List<TaskStatus> silentTasks = tasksOf(silent).stream().map(t -> t.status).toList();
    assertEquals(List.of(TaskStatus.DONE, TaskStatus.CANCELLED), silentTasks);
    for (TestPhone p : List.of(wp810a, wp810b)) {
      assertEquals(OLD, p.phone().softwareVersion().toString());
      assertEquals("rollout-" + id + "-rollback", tasksOf(p).get(0).commandKey);
      assertEquals(TaskStatus.DONE, tasksOf(p).get(0).status);
    }
    for (TestPhone p : secondWave) {
      assertEquals("PENDING", step(paused, p), "the second wave never started");
      assertEquals(List.of(), tasksOf(p));
      assertEquals(OLD, reported(p));
    }
    List<String> actions =
        asAdmin()
            .queryParam("action", "rollout")
            .get("/api/v1/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.findAll { it.targetIds == ['" + id + "'] }.action");
    assertTrue(
        actions.containsAll(
            List.of("rollout.create", "rollout.start", "rollout.rolling-back", "rollout.paused")),
        actions.toString());
  }
}
