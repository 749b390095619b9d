package io.cradle.cpe.safe;

/** Where the {@link SafeMonitor} is; reported as {@code Device.X_GRANDSTREAM_Safe.State}. */
public enum SafeState {
  /** SAFE monitoring is off; the panic button still works. */
  DISABLED("Disabled"),
  /** Sampling the accelerometer and timing each enabled detector. */
  MONITORING("Monitoring"),
  /** A detector held for its timeout: warning tone, alarm after the warning timeout. */
  WARNING("Warning"),
  /** Alarm: alarm tone (unless silent), emergency call, event URL; until cancelled or snoozed. */
  ALARM("Alarm"),
  /** The wearer chose snooze: no detection until the snooze timeout has passed. */
  SNOOZED("Snoozed");

  private final String cwmpName;

  SafeState(String cwmpName) {
    this.cwmpName = cwmpName;
  }

  public String cwmpName() {
    return cwmpName;
  }
}
