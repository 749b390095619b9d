package io.cradle.acs.rollouts;

import io.cradle.acs.connreq.ConnectionRequests;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Steps every active rollout on a timer ({@code cradle.rollouts.tick}, {@code off} to stop), then
 * knocks on the devices that got a new Download so they fetch it now rather than at their next
 * periodic Inform. Safe on several ACS nodes: each rollout is stepped under its row lock.
 */
@ApplicationScoped
public class RolloutJob {

  private static final Logger LOG = Logger.getLogger(RolloutJob.class);

  @Inject Rollouts rollouts;
  @Inject ConnectionRequests connectionRequests;

  @Scheduled(
      identity = "rollouts",
      every = "${cradle.rollouts.tick:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public void tickAll() {
    for (long id : rollouts.active()) {
      step(id);
    }
  }

  /** One step of one rollout, outside any transaction so the knocks follow its commit. */
  public void step(long id) {
    try {
      List<Long> started = rollouts.tick(id);
      if (!started.isEmpty()) {
        connectionRequests.sendLater(started);
      }
    } catch (RuntimeException e) {
      // One broken rollout must not stop the others; it is tried again at the next tick.
      LOG.errorf(e, "rollout %d: step failed", id);
    }
  }
}
