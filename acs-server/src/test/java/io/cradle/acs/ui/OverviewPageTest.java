package io.cradle.acs.ui;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.serial;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.fleet.FleetOverview;
import io.cradle.acs.fleet.FleetSample;
import io.cradle.acs.fleet.FleetSampler;
import io.cradle.acs.inventory.Device;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet overview and the minute samples behind its chart. */
@QuarkusTest
class OverviewPageTest {

  @Inject Clock clock;
  @Inject FleetOverview overview;
  @Inject FleetSampler sampler;
  @Inject EntityManager em;

  @Test
  void countsFirmwareModelsTagsAlarmsAndBatteryComeFromTheFleet() {
    Instant judgedAt = clock.instant();
    FleetOverview.Snapshot before = overview.snapshot(Duration.ofHours(1), judgedAt);
    String prefix = serial("OVERVIEW");
    Device up =
        device(
            prefix + "-up",
            clock.instant(),
            d -> {
              d.softwareVersion = "9.9.9.1";
              d.productClass = "WP825";
              d.tags = new String[] {"overview-site"};
            });
    Device down = device(prefix + "-down", clock.instant().minus(Duration.ofDays(1)));
    battery(up, "95");
    battery(down, "7");
    battery(device(prefix + "-odd", clock.instant()), "charging"); // not a number: not counted
    alarm(down, "SAFE_ALARM", "critical");

    FleetOverview.Snapshot after = overview.snapshot(Duration.ofHours(1), judgedAt);
    assertEquals(before.online() + 2, after.online());
    assertEquals(before.offline() + 1, after.offline());
    assertEquals(before.openAlarms() + 1, after.openAlarms());
    assertEquals("SAFE_ALARM", after.alarms().get(0).kind(), "critical first");
    assertEquals(bucket(before, 90) + 1, bucket(after, 90));
    assertEquals(bucket(before, 0) + 1, bucket(after, 0));
    assertEquals(before.batteryReported() + 2, after.batteryReported());
    assertListed(after.firmware(), new FleetOverview.Count("9.9.9.1", 1));
    assertListed(after.tags(), new FleetOverview.Count("overview-site", 1));

    overview.refresh();
    asAdmin()
        .get("/ui")
        .then()
        .statusCode(200)
        .body(containsString("<h1>Fleet overview</h1>"))
        .body(containsString("id=\"devices-online\">" + after.online() + "<"))
        .body(containsString("href=\"/ui/devices?model=WP825\""))
        .body(containsString("<svg"))
        .body(not(containsString("<script src")));
  }

  @Test
  void aSampleAMinuteFeedsTheChart() {
    FleetSample sample = sampler.sample();
    sampler.sample();
    long rows =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ((Number)
                            em.createNativeQuery("select count(*) from fleet_sample where at = ?1")
                                .setParameter(1, sample.at())
                                .getSingleResult())
                        .longValue());
    assertEquals(1, rows, "a minute is written once");
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "insert into fleet_sample values (?1, 1, 2, 3) on conflict do nothing")
                    .setParameter(1, sample.at().minus(Duration.ofMinutes(5)))
                    .executeUpdate());
    FleetOverview.Snapshot snapshot = overview.snapshot(Duration.ofHours(1));
    var times = snapshot.history().stream().map(FleetSample::at).toList();
    assertTrue(times.contains(sample.at()), times.toString());
    assertTrue(times.contains(sample.at().minus(Duration.ofMinutes(5))), times.toString());
    asAdmin().get("/ui").then().body(containsString("class=\"line-online\""));
  }

  @Test
  void thePageCountsAsOfTheLastRefreshButShowsANewAlarmAtOnce() {
    overview.refresh();
    FleetOverview.Snapshot shown = overview.latest(Duration.ofHours(1));
    Device late = device(serial("OVERVIEW") + "-late", clock.instant());
    alarm(late, "SAFE_ALARM", "critical");

    FleetOverview.Snapshot cached = overview.latest(Duration.ofHours(1));
    assertEquals(shown.devices(), cached.devices(), "counted at the next refresh, not per view");
    assertEquals(shown.openAlarms() + 1, cached.openAlarms(), "a panic must not wait a minute");

    overview.refresh();
    assertEquals(shown.devices() + 1, overview.latest(Duration.ofHours(1)).devices());
  }

  /** Listed, or crowded out of the top by values that more devices share. */
  private static void assertListed(List<FleetOverview.Count> top, FleetOverview.Count expected) {
    assertTrue(
        top.contains(expected)
            || (top.size() == FleetOverview.TOP
                && top.get(top.size() - 1).devices() >= expected.devices()),
        expected + " in " + top);
  }

  private static long bucket(FleetOverview.Snapshot s, int from) {
    return s.battery().stream().filter(b -> b.from() == from).findFirst().orElseThrow().devices();
  }

  private void battery(Device d, String level) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "insert into device_parameter (device_id, name, value, type, changed_at)"
                            + " values (?1, ?2, ?3, 'unsignedInt', now())")
                    .setParameter(1, d.id)
                    .setParameter(2, FleetOverview.BATTERY_LEVEL)
                    .setParameter(3, level)
                    .executeUpdate());
  }

  private void alarm(Device d, String kind, String severity) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "insert into alarm (device_id, kind, severity, raised_at)"
                            + " values (?1, ?2, ?3, now())")
                    .setParameter(1, d.id)
                    .setParameter(2, kind)
                    .setParameter(3, severity)
                    .executeUpdate());
  }
}
