package io.cradle.acs.alarms;

import io.cradle.acs.inventory.Device;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Once a minute: devices that missed two periodic Informs get an OFFLINE alarm. */
@ApplicationScoped
public class OfflineSweep {

  private static final Logger LOG = Logger.getLogger(OfflineSweep.class);

  @Inject Alarms alarms;
  @Inject Clock clock;

  @Scheduled(
      every = "${cradle.alarms.offline-sweep:60s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    try {
      int raised =
          alarms.sweepOffline(
              clock.instant(),
              Device.MISSED_INFORMS_BEFORE_OFFLINE,
              Device.DEFAULT_INFORM_INTERVAL.toSeconds());
      if (raised > 0) {
        LOG.infof("%d device(s) went offline", raised);
      }
    } catch (SQLException e) {
      // The database is down: the next sweep catches up, nothing is lost by waiting.
      LOG.warnf("offline sweep failed: %s", e.getMessage());
    }
  }
}
