package io.cradle.acs.fleet;

import io.cradle.acs.api.DeviceService;
import io.cradle.acs.security.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the overview page shows about the whole fleet. The counts over every device (online,
 * firmware, models, tags, battery) cost a pass over 100,000 rows, so the page reads them from a
 * copy the {@link FleetSampler} refreshes each minute, the resolution of the page's chart and its
 * own reload; the alarms and the chart are read live, as they are small and an alarm must show at
 * once.
 */
@ApplicationScoped
public class FleetOverview {

  /** Past this the copy is not trusted (the sampler stopped): the page counts for itself. */
  static final Duration MAX_AGE = Duration.ofMinutes(3);

  /** The parameter the WP820 reports its charge in, 0-100 (cpe-agent's BatteryParameters). */
  public static final String BATTERY_LEVEL = "Device.X_GRANDSTREAM_Battery.Level";

  /** How many firmware versions, models and tags the overview lists, most devices first. */
  public static final int TOP = 12;

  /** A value and how many devices have it. */
  public record Count(String name, long devices) {}

  /** Open alarms of one kind. */
  public record AlarmCount(String kind, String severity, long open, long unacknowledged) {}

  /** Devices whose battery is in [from, from + 10) percent (the last bucket includes 100). */
  public record BatteryBucket(int from, long devices) {}

  public record Snapshot(
      Instant at,
      long online,
      long offline,
      List<Count> firmware,
      List<Count> models,
      List<Count> tags,
      List<AlarmCount> alarms,
      List<BatteryBucket> battery,
      List<FleetSample> history) {

    public long devices() {
      return online + offline;
    }

    public long openAlarms() {
      return alarms.stream().mapToLong(AlarmCount::open).sum();
    }

    public long batteryReported() {
      return battery.stream().mapToLong(BatteryBucket::devices).sum();
    }
  }

  private final DeviceService devices;
  private final EntityManager em;
  private final Clock clock;

  @Inject
  public FleetOverview(DeviceService devices, EntityManager em, Clock clock) {
    this.devices = devices;
    this.em = em;
    this.clock = clock;
  }

  /** The counts over every device, as of {@code at}. */
  private record Tally(
      Instant at,
      long online,
      long offline,
      List<Count> firmware,
      List<Count> models,
      List<Count> tags,
      List<BatteryBucket> battery) {}

  private volatile Tally latest;

  /** The fleet now, and its samples over the last {@code history}. */
  @Transactional
  public Snapshot snapshot(Duration history) {
    return snapshot(history, clock.instant());
  }

  /**
   * The fleet as it is judged at {@code now}: two snapshots at one instant differ only by what
   * changed in the database, not by devices that went offline in between.
   */
  @Transactional
  public Snapshot snapshot(Duration history, Instant now) {
    return snapshot(tally(now), history, now);
  }

  /**
   * What the page shows: the counts as the sampler last took them (taken now if there are none or
   * they are older than {@link #MAX_AGE}), with the alarms and chart as they are now.
   */
  @Transactional
  public Snapshot latest(Duration history) {
    Instant now = clock.instant();
    Tally tally = latest;
    if (tally == null || tally.at().plus(MAX_AGE).isBefore(now)) {
      tally = tally(now);
      latest = tally;
    }
    return snapshot(tally, history, now);
  }

  /** Takes the counts the page shows anew; the sampler calls it each minute. */
  @Transactional
  public void refresh() {
    latest = tally(clock.instant());
  }

  private Snapshot snapshot(Tally t, Duration history, Instant now) {
    return new Snapshot(
        t.at(),
        t.online(),
        t.offline(),
        t.firmware(),
        t.models(),
        t.tags(),
        alarms(),
        t.battery(),
        history(now.minus(history)));
  }

  private Tally tally(Instant now) {
    DeviceService.FleetCounts counts = devices.counts(now);
    return new Tally(
        now,
        counts.online(),
        counts.offline(),
        counts(
            "select coalesce(software_version, 'unknown'), count(*) from device"
                + " group by 1 order by 2 desc, 1 limit "
                + TOP),
        counts(
            "select product_class, count(*) from device group by 1 order by 2 desc, 1 limit "
                + TOP),
        counts(
            "select t, count(*) from device, unnest(tags) t group by t order by 2 desc, 1 limit "
                + TOP),
        battery());
  }

  private List<Count> counts(String sql) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery(sql).getResultList();
    return rows.stream().map(r -> new Count((String) r[0], ((Number) r[1]).longValue())).toList();
  }

  private List<AlarmCount> alarms() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select kind, severity, count(*), count(*) filter (where acknowledged_at is null)"
                    + " from alarm where cleared_at is null group by kind, severity"
                    + " order by case severity when 'critical' then 0 when 'major' then 1 else 2"
                    + " end, kind")
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new AlarmCount(
                    (String) r[0],
                    (String) r[1],
                    ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue()))
        .toList();
  }

  private List<BatteryBucket> battery() {
    long[] buckets = new long[10];
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                // The case keeps the cast away from values that are not numbers at all.
                "select least(floor(level / 10), 9), count(*) from (select case when value ~"
                    + " '^[0-9]{1,3}(\\.[0-9]+)?$' then cast(value as numeric) end as level"
                    // A literal, not a parameter, so the planner can use the partial index on it.
                    + " from device_parameter where name = '"
                    + BATTERY_LEVEL
                    + "') reported where level <= 100 group by 1")
            .getResultList();
    for (Object[] r : rows) {
      buckets[((Number) r[0]).intValue()] = ((Number) r[1]).longValue();
    }
    List<BatteryBucket> out = new java.util.ArrayList<>();
    for (int i = 0; i < buckets.length; i++) {
      out.add(new BatteryBucket(i * 10, buckets[i]));
    }
    return out;
  }

  private List<FleetSample> history(Instant since) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select at, online, offline, sessions from fleet_sample where at >= ?1 order by at")
            .setParameter(1, since)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new FleetSample(
                    Times.instant(r[0]),
                    ((Number) r[1]).intValue(),
                    ((Number) r[2]).intValue(),
                    ((Number) r[3]).intValue()))
        .toList();
  }
}
