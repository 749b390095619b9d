package io.cradle.acs.cwmp;

import io.cradle.acs.session.SessionEngine;
import io.cradle.acs.session.SessionState;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Ends sessions whose device went quiet: in-flight tasks go back to the queue, the lease is freed.
 */
@ApplicationScoped
public class SessionSweeper {

  private static final Logger LOG = Logger.getLogger(SessionSweeper.class);

  @Inject SessionStore sessions;
  @Inject SessionRecorder recorder;
  @Inject CwmpConfig config;
  @Inject Clock clock;

  @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    Instant now = clock.instant();
    for (SessionState s : sessions.takeExpired(now, config.sessionIdleTimeout())) {
      LOG.debugf("session of %s expired in phase %s", s.deviceKey(), s.phase());
      try {
        recorder.record(s, SessionEngine.abandon(s), now);
      } catch (RuntimeException e) {
        LOG.warnf(e, "could not close the expired session of %s", s.deviceKey());
      }
    }
  }
}
