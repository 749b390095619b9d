package io.cradle.cpe.safe;

/**
 * The SAFE/Panic Call event notification URL hook: called once per alarm. The phone wires it to
 * {@code EventNotifier.notify(PhoneEvent.SAFE_PANIC_CALL, …)}; this package does not depend on it.
 */
@FunctionalInterface
public interface SafeEventUrl {

  /** Sends nothing. */
  SafeEventUrl NONE = kind -> {};

  void alarmRaised(AlarmKind kind);
}
