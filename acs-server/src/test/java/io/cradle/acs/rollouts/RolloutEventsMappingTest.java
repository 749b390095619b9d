package io.cradle.acs.rollouts;

import static io.cradle.acs.rollouts.RolloutState.ABORTED;
import static io.cradle.acs.rollouts.RolloutState.COMPLETED;
import static io.cradle.acs.rollouts.RolloutState.DRAFT;
import static io.cradle.acs.rollouts.RolloutState.PAUSED;
import static io.cradle.acs.rollouts.RolloutState.ROLLING_BACK;
import static io.cradle.acs.rollouts.RolloutState.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cradle.acs.webhooks.EventType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which event each state change of a rollout is. */
class RolloutEventsMappingTest {

  private static void told(RolloutState from, RolloutState to, EventType event) {
    assertEquals(Optional.ofNullable(event), RolloutEvents.of(from, to), from + " -> " + to);
  }

  @Test
  void everyTurnIsToldOnceAndAnOperatorsRollbackWhenItIsDone() {
    told(DRAFT, RUNNING, EventType.ROLLOUT_STARTED);
    told(PAUSED, RUNNING, EventType.ROLLOUT_RESUMED);
    told(RUNNING, PAUSED, EventType.ROLLOUT_PAUSED);
    told(RUNNING, ROLLING_BACK, EventType.ROLLOUT_PAUSED);
    told(ROLLING_BACK, PAUSED, EventType.ROLLOUT_ROLLED_BACK);
    told(ROLLING_BACK, COMPLETED, EventType.ROLLOUT_ROLLED_BACK);
    told(RUNNING, COMPLETED, EventType.ROLLOUT_COMPLETED);
    told(DRAFT, ABORTED, EventType.ROLLOUT_ABORTED);
    told(ROLLING_BACK, ABORTED, EventType.ROLLOUT_ABORTED);
    told(PAUSED, ROLLING_BACK, null);
    told(COMPLETED, ROLLING_BACK, null);
  }
}
