package io.cradle.acs.alarms;

import io.cradle.acs.inventory.Device;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Once a minute: devices that missed two periodic Informs get an OFFLINE alarm, conditions that
 * lasted their grace period (an unregistered line, a poor signal) become alarms, and
 * REPEATED_FAULTS whose failures left the window clear. Each node may run it: the inserts conflict
 * on the one-open-alarm index, so an alarm is raised once.
 */
@ApplicationScoped
public class AlarmSweep {

  private static final Logger LOG = Logger.getLogger(AlarmSweep.class);

  @Inject Alarms alarms;
  @Inject Clock clock;

  @Scheduled(
      every = "${cradle.alarms.sweep-every:60s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    try {
      long interval = Device.DEFAULT_INFORM_INTERVAL.toSeconds();
      int offline =
          alarms.sweepOffline(clock.instant(), Device.MISSED_INFORMS_BEFORE_OFFLINE, interval);
      if (offline > 0) {
        LOG.infof("%d device(s) went offline", offline);
      }
      int changed =
          alarms.sweepConditions(clock.instant(), Device.MISSED_INFORMS_BEFORE_OFFLINE, interval);
      if (changed > 0) {
        LOG.infof("%d lasting condition alarm(s) raised or cleared", changed);
      }
    } catch (SQLException e) {
      // The database is down: the next sweep catches up, nothing is lost by waiting.
      LOG.warnf("alarm sweep failed: %s", e.getMessage());
    }
  }
}
