package io.cradle.acs.fleet;

import io.cradle.acs.api.DeviceService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Once a minute, writes how many devices are online and how many informed in the minute into {@code
 * fleet_sample}, the overview chart's data, and refreshes the overview's counts. Samples older than
 * {@link #KEEP} are dropped. On several ACS nodes each writes the same minute; the first one wins.
 */
@ApplicationScoped
public class FleetSampler {

  static final Duration KEEP = Duration.ofDays(7);

  private final DeviceService devices;
  private final FleetOverview overview;
  private final EntityManager em;
  private final Clock clock;

  @Inject
  public FleetSampler(
      DeviceService devices, FleetOverview overview, EntityManager em, Clock clock) {
    this.devices = devices;
    this.overview = overview;
    this.em = em;
    this.clock = clock;
  }

  @Scheduled(
      every = "60s",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void everyMinute() {
    sample();
  }

  /** Takes the sample of the current minute and the overview's counts; returns the sample. */
  @Transactional
  public FleetSample sample() {
    Instant at = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    DeviceService.FleetCounts counts = devices.counts(at.minus(Duration.ofMinutes(1)));
    FleetSample sample =
        new FleetSample(
            at, (int) counts.online(), (int) counts.offline(), (int) counts.informedSince());
    em.createNativeQuery(
            "insert into fleet_sample (at, online, offline, sessions) values (?1, ?2, ?3, ?4)"
                + " on conflict (at) do nothing")
        .setParameter(1, sample.at())
        .setParameter(2, sample.online())
        .setParameter(3, sample.offline())
        .setParameter(4, sample.sessions())
        .executeUpdate();
    em.createNativeQuery("delete from fleet_sample where at < ?1")
        .setParameter(1, at.minus(KEEP))
        .executeUpdate();
    overview.refresh();
    return sample;
  }
}
