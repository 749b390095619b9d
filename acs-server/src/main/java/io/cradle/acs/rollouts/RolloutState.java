package io.cradle.acs.rollouts;

/** Where a rollout is in its life. */
public enum RolloutState {
  /** Created, targets chosen, nothing sent yet. */
  DRAFT,
  /** Upgrading wave by wave. */
  RUNNING,
  /** Stopped by an operator or by the failure gate; devices already upgrading are still judged. */
  PAUSED,
  /** Every target judged. */
  COMPLETED,
  /** Stopped for good by an operator; queued upgrades were cancelled. */
  ABORTED,
  /** Sending the failed devices their previous image; then back to the state it came from. */
  ROLLING_BACK;

  /** COMPLETED and ABORTED: the planner has nothing more to do unless a rollback is asked for. */
  public boolean finished() {
    return this == COMPLETED || this == ABORTED;
  }
}
