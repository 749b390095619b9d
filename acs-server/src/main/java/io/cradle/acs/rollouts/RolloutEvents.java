package io.cradle.acs.rollouts;

import io.cradle.acs.webhooks.EventType;
import java.util.Map;
import java.util.Optional;

/** Which webhook event a rollout's state change is, and what the event says. */
final class RolloutEvents {

  private RolloutEvents() {}

  /**
   * The body's {@code data} of a rollout event.
   *
   * @param reason why the state changed, e.g. the failure gate's ratio
   * @param wave the completed wave; only in {@code rollout.wave_completed}
   * @param devices how many target devices are at each step
   */
  record RolloutData(
      long rolloutId,
      String name,
      String firmware,
      RolloutState state,
      RolloutState previousState,
      String reason,
      RolloutPlanner.WaveResult wave,
      Map<DeviceStep, Long> devices) {}

  /**
   * The event of a move from {@code from} to {@code to}, by an operator or by the planner; empty
   * for an operator's rollback, which is told when it is done. A failure gate that starts a
   * rollback stops the rollout advancing, so it is a pause.
   */
  static Optional<EventType> of(RolloutState from, RolloutState to) {
    if (to == RolloutState.ABORTED) {
      return Optional.of(EventType.ROLLOUT_ABORTED);
    }
    if (from == RolloutState.ROLLING_BACK) {
      return Optional.of(EventType.ROLLOUT_ROLLED_BACK);
    }
    return switch (to) {
      case RUNNING ->
          Optional.of(
              from == RolloutState.DRAFT ? EventType.ROLLOUT_STARTED : EventType.ROLLOUT_RESUMED);
      case PAUSED -> Optional.of(EventType.ROLLOUT_PAUSED);
      case ROLLING_BACK ->
          from == RolloutState.RUNNING ? Optional.of(EventType.ROLLOUT_PAUSED) : Optional.empty();
      case COMPLETED -> Optional.of(EventType.ROLLOUT_COMPLETED);
      default -> Optional.empty();
    };
  }
}
