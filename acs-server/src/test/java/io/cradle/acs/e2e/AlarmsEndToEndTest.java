package io.cradle.acs.e2e;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.alarms.AlarmKind;
import io.cradle.acs.alarms.Alarms;
import io.cradle.acs.cwmp.LeaseReleases;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskOptions;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.acs.testing.LabPhones;
import io.cradle.acs.webhooks.WebhookReceiver;
import io.cradle.cpe.battery.Battery;
import io.cradle.cpe.battery.BatterySpec;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.safe.Accelerometer;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.cradle.cwmp.message.Download;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Alarms from real phones: a panic button, a draining battery and a silent phone reach the ACS's
 * alarm list the moment the phone reports them (or stops reporting).
 */
@QuarkusTest
class AlarmsEndToEndTest {

  @TestHTTPResource("/")
  URI acs;

  @Inject Alarms alarms;
  @Inject LeaseReleases leases;
  @Inject Clock clock;
  @Inject EntityManager entities;
  @Inject TaskQueue tasks;

  @ConfigProperty(name = "cradle.data-dir")
  String dataDir;

  private record Fixture(VirtualScheduler scheduler, Phone phone, String deviceKey) {}

  private Fixture phone(VirtualScheduler scheduler, Battery battery, boolean withSafe) {
    LabPhones.Unit unit = LabPhones.next("ALARM");
    // No boot-time provisioning: these phones keep the settings the test gives them.
    Map<String, String> factory =
        LabPhones.factory(acs, Map.of("P237", "", "P192", "", "P99810", "1"));
    Phone.Builder b = LabPhones.wp820(unit, scheduler, factory);
    if (battery != null) {
      b.battery(battery);
    }
    if (withSafe) {
      b.motion(new Accelerometer(unit.random()));
    }
    return new Fixture(scheduler, b.build(), unit.deviceKey());
  }

  private Fixture phone(boolean withSafe) {
    return phone(new VirtualScheduler(clock.instant()), null, withSafe);
  }

  private void run(VirtualScheduler scheduler, Duration d) {
    scheduler.runFor(d);
    leases.flush();
  }

  private long deviceId(Fixture f) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Device.findByKey(f.deviceKey()).orElseThrow().id);
  }

  private List<Alarms.Alarm> alarmsOf(Fixture f, Alarms.Filter filter) throws Exception {
    return alarms.list(filter, Optional.of(deviceId(f)), 10);
  }

  @Test
  void aPanicIsACriticalAlarmAtOnceAndAcknowledgedByName() throws Exception {
    Fixture f = phone(true);
    f.phone().boot();
    run(f.scheduler(), Duration.ofSeconds(1));
    assertTrue(alarmsOf(f, Alarms.Filter.ALL).isEmpty());

    f.phone().safe().orElseThrow().panic();
    run(f.scheduler(), Duration.ofSeconds(1));

    List<Alarms.Alarm> open = alarmsOf(f, Alarms.Filter.OPEN);
    assertEquals(1, open.size());
    Alarms.Alarm alarm = open.get(0);
    assertEquals(AlarmKind.SAFE_ALARM, alarm.kind());
    assertEquals("critical", alarm.severity());
    assertEquals("Panic", alarm.detail(), "the kind of alarm travels with it");

    asAdmin()
        .post("/api/v1/alarms/" + alarm.id() + "/acknowledge")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("acknowledgedBy", equalTo("admin"));
    String log =
        asAdmin().get("/api/v1/audit?action=alarm").then().statusCode(200).extract().asString();
    assertTrue(log.contains("alarm.acknowledge") && log.contains(f.deviceKey()), log);
    asAdmin().post("/api/v1/alarms/999999999/acknowledge").then().statusCode(404);
    asAdmin().get("/api/v1/alarms?state=nonsense").then().statusCode(400);

    f.phone().safe().orElseThrow().cancel();
    run(f.scheduler(), Duration.ofSeconds(1));
    Alarms.Alarm after = alarmsOf(f, Alarms.Filter.ALL).get(0);
    assertNotNull(after.clearedAt(), "the wearer cancelled: the condition ended");
    assertNotNull(after.acknowledgedAt());
  }

  @Test
  void aLowBatteryIsRaisedWhenReportedAndClearedInTheCradle() throws Exception {
    VirtualScheduler scheduler = new VirtualScheduler(clock.instant());
    // 16 %: the warning comes after 1.5 h at the idle draw.
    Battery battery =
        new Battery(scheduler, new SplittableRandom(1), BatterySpec.WP820.exact(), 0.16);
    Fixture withBattery = phone(scheduler, battery, false);
    withBattery.phone().boot();
    run(scheduler, Duration.ofSeconds(1));
    assertTrue(alarmsOf(withBattery, Alarms.Filter.ALL).isEmpty());

    run(scheduler, Duration.ofMinutes(95));
    List<Alarms.Alarm> open = alarmsOf(withBattery, Alarms.Filter.OPEN);
    assertEquals(1, open.size());
    assertEquals(AlarmKind.LOW_BATTERY, open.get(0).kind());

    battery.placeInCradle();
    run(scheduler, Duration.ofSeconds(1));
    assertTrue(alarmsOf(withBattery, Alarms.Filter.OPEN).isEmpty(), "charging clears it");
  }

  @Test
  void aSilentPhoneGoesOfflineAndItsNextInformClearsIt() throws Exception {
    Fixture f = phone(false);
    f.phone().boot();
    run(f.scheduler(), Duration.ofSeconds(1));
    long id = deviceId(f);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                entities
                    .createNativeQuery("update device set last_inform = ?1 where id = ?2")
                    .setParameter(1, clock.instant().minus(Duration.ofHours(3)))
                    .setParameter(2, id)
                    .executeUpdate());

    alarms.sweepOffline(clock.instant(), 2, 3600);
    alarms.sweepOffline(clock.instant(), 2, 3600);
    List<Alarms.Alarm> open = alarmsOf(f, Alarms.Filter.OPEN);
    assertEquals(1, open.size(), "one OFFLINE alarm however often the sweep runs");
    assertEquals(AlarmKind.OFFLINE, open.get(0).kind());
    assertNull(open.get(0).clearedAt());

    f.phone().connectionRequest();
    run(f.scheduler(), Duration.ofSeconds(1));
    assertTrue(alarmsOf(f, Alarms.Filter.OPEN).isEmpty());
    assertEquals(1, alarmsOf(f, Alarms.Filter.ALL).size(), "kept as history");
    Instant cleared = alarmsOf(f, Alarms.Filter.ALL).get(0).clearedAt();
    assertNotNull(cleared);
  }

  @Test
  void aPanicReachesTheWebhookReceiverSignedThenItsAcknowledgementAndClearing() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      JsonPath created =
          asAdmin()
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "url",
                      receiver.url(),
                      "eventTypes",
                      List.of("alarm.raised", "alarm.acknowledged", "alarm.cleared")))
              .post("/api/v1/webhooks")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath();
      receiver.secret(created.getString("secret"));
      Fixture f = phone(true);
      f.phone().boot();
      run(f.scheduler(), Duration.ofSeconds(1));

      f.phone().safe().orElseThrow().panic();
      run(f.scheduler(), Duration.ofSeconds(1));
      WebhookReceiver.Received raised =
          receiver.awaitAccepted(
              r -> "alarm.raised".equals(r.event()) && r.body().contains(f.deviceKey()),
              Duration.ofSeconds(20));
      assertTrue(raised.signedOk());
      JsonPath body = JsonPath.from(raised.body());
      assertEquals("SAFE_ALARM", body.getString("data.kind"));
      assertEquals("critical", body.getString("data.severity"));
      assertEquals("Panic", body.getString("data.detail"));

      long alarmId = body.getLong("data.id");
      asAdmin().post("/api/v1/alarms/" + alarmId + "/acknowledge").then().statusCode(200);
      WebhookReceiver.Received acknowledged =
          receiver.awaitAccepted(
              r -> "alarm.acknowledged".equals(r.event()) && r.body().contains(f.deviceKey()),
              Duration.ofSeconds(20));
      assertEquals("admin", JsonPath.from(acknowledged.body()).getString("data.acknowledgedBy"));

      f.phone().safe().orElseThrow().cancel();
      run(f.scheduler(), Duration.ofSeconds(1));
      WebhookReceiver.Received cleared =
          receiver.awaitAccepted(
              r -> "alarm.cleared".equals(r.event()) && r.body().contains(f.deviceKey()),
              Duration.ofSeconds(20));
      assertNotNull(JsonPath.from(cleared.body()).getString("data.clearedAt"));
      asAdmin()
          .delete("/api/v1/webhooks/" + created.getLong("subscription.id"))
          .then()
          .statusCode(204);
    }
  }

  @Test
  void aFailedFirmwareUpgradeAlarmsAndASuccessfulOneClearsIt() throws Exception {
    Fixture f = phone(false);
    f.phone().boot();
    run(f.scheduler(), Duration.ofSeconds(1));
    long id = deviceId(f);
    byte[] image =
        FirmwareImage.build("WP820", FirmwareVersion.parse("1.0.9.3"), new byte[64 * 1024]);
    byte[] corrupt = image.clone();
    corrupt[corrupt.length - 10] ^= 0x5a;
    Path dir = Path.of(dataDir, "firmware");
    Files.createDirectories(dir);
    Files.write(dir.resolve("alarm-corrupt-" + id + ".bin"), corrupt);
    Files.write(dir.resolve("alarm-good-" + id + ".bin"), image);

    Task bad =
        tasks.enqueue(
            id,
            firmware("firmware/alarm-corrupt-" + id + ".bin"),
            TaskOptions.defaults(),
            clock.instant());
    f.phone().connectionRequest();
    for (int i = 0; i < 4; i++) {
      run(f.scheduler(), Duration.ofSeconds(1));
    }
    assertEquals(TaskStatus.FAILED, reload(bad).status);
    List<Alarms.Alarm> open = alarmsOf(f, Alarms.Filter.OPEN);
    assertEquals(1, open.size(), open.toString());
    assertEquals(AlarmKind.FIRMWARE_FAILED, open.get(0).kind());
    assertTrue(open.get(0).detail().contains("fault 9018"), open.get(0).detail());

    Task good =
        tasks.enqueue(
            id,
            firmware("firmware/alarm-good-" + id + ".bin"),
            TaskOptions.defaults(),
            clock.instant());
    f.phone().connectionRequest();
    for (int i = 0; i < 4; i++) {
      run(f.scheduler(), Duration.ofSeconds(1));
    }
    assertEquals(TaskStatus.DONE, reload(good).status);
    assertTrue(alarmsOf(f, Alarms.Filter.OPEN).isEmpty(), "the upgrade went through: cleared");
  }

  private Download firmware(String path) {
    return new Download(
        "",
        Download.FIRMWARE_UPGRADE_IMAGE,
        acs.resolve("/" + path).toString(),
        "",
        "",
        0,
        "",
        0,
        "",
        "");
  }

  private static Task reload(Task task) {
    return QuarkusTransaction.requiringNew().call(() -> Task.<Task>findById(task.id));
  }
}
