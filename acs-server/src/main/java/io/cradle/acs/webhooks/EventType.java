package io.cradle.acs.webhooks;

import java.util.Arrays;
import java.util.Optional;

/** What a webhook can be told about, by the name receivers see in {@code type}. */
public enum EventType {
  ALARM_RAISED("alarm.raised"),
  ALARM_ACKNOWLEDGED("alarm.acknowledged"),
  ALARM_CLEARED("alarm.cleared"),
  TASK_DONE("task.done"),
  TASK_FAILED("task.failed"),
  ROLLOUT_STARTED("rollout.started"),
  /** Every device of a wave has its verdict from the health gate. */
  ROLLOUT_WAVE_COMPLETED("rollout.wave_completed"),
  /** By an operator, or by the failure gate (then possibly while rolling the failures back). */
  ROLLOUT_PAUSED("rollout.paused"),
  ROLLOUT_RESUMED("rollout.resumed"),
  ROLLOUT_COMPLETED("rollout.completed"),
  ROLLOUT_ABORTED("rollout.aborted"),
  /** A rollback of the failed devices is done (each rolled back or not). */
  ROLLOUT_ROLLED_BACK("rollout.rolled_back"),
  /** Sent only by "send test event", to that one subscription, whatever it subscribed to. */
  TEST("webhook.test");

  private final String wire;

  EventType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The type a subscription may ask for by this name (never {@link #TEST}). */
  public static Optional<EventType> subscribable(String wire) {
    return Arrays.stream(values()).filter(t -> t != TEST && t.wire.equals(wire)).findFirst();
  }
}
