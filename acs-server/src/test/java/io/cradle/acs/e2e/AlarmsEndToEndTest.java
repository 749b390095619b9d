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
import io.cradle.cpe.battery.Battery;
import io.cradle.cpe.battery.BatterySpec;
import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.safe.Accelerometer;
import io.cradle.cpe.time.VirtualScheduler;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Alarms from real phones: a panic button, a draining battery and a silent phone reach the ACS's
 * alarm list the moment the phone reports them (or stops reporting).
 */
@QuarkusTest
class AlarmsEndToEndTest {

  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() % 1_000_000);

  @TestHTTPResource("/cwmp")
  URI cwmp;

  @Inject Alarms alarms;
  @Inject LeaseReleases leases;
  @Inject Clock clock;
  @Inject EntityManager entities;

  private record Fixture(VirtualScheduler scheduler, Phone phone, String deviceKey) {}

  private Fixture phone(VirtualScheduler scheduler, Battery battery, boolean withSafe) {
    long n = SERIALS.incrementAndGet();
    Phone.Builder b =
        Phone.builder(
                DeviceIdentity.wp820(
                    "ALARM" + n,
                    "V1.0A",
                    "1.0.7.81",
                    String.format("00:0B:82:A1:%02X:%02X", (n >> 8) & 0xff, n & 0xff)),
                scheduler)
            .store(new PValueStore(PValueCatalog.wp820()))
            .factorySettings(
                Map.of(
                    "P4503",
                    cwmp.toString(),
                    "P4504",
                    "cpe",
                    "P4505",
                    "cpe",
                    "P237",
                    "",
                    "P192",
                    "",
                    "P99810",
                    "1"))
            .random(new SplittableRandom(n));
    if (battery != null) {
      b.battery(battery);
    }
    if (withSafe) {
      b.motion(new Accelerometer(new SplittableRandom(n)));
    }
    return new Fixture(scheduler, b.build(), "000B82-WP820-ALARM" + n);
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
}
