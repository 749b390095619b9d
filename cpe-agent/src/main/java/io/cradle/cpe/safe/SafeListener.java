package io.cradle.cpe.safe;

import java.time.Instant;

/**
 * Told of the {@link SafeMonitor}'s transitions, on the phone's scheduler. Every method has a no-op
 * default so a listener implements only what it needs.
 */
public interface SafeListener {

  /**
   * A detector held for its timeout: the warning tone plays, the alarm follows unless cancelled.
   */
  default void warning(AlarmKind kind) {}

  /** The alarm is raised; {@code silent} when no alarm tone plays (Panic Call Silent Alarm). */
  default void alarm(AlarmKind kind, boolean silent) {}

  /** The wearer cancelled the warning or alarm of {@code kind}. */
  default void cancelled(AlarmKind kind) {}

  /**
   * The wearer snoozed the warning or alarm of {@code kind}; detection resumes at {@code until}.
   */
  default void snoozed(AlarmKind kind, Instant until) {}

  /** Any change of {@link SafeMonitor#state()}, after the specific call above. */
  default void stateChanged(SafeState state) {}
}
