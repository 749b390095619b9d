package io.cradle.acs.alarms;

/** What an alarm is about, and how loud it is. */
public enum AlarmKind {
  /** The phone's SAFE monitor raised an alarm (man down, no movement, running, panic button). */
  SAFE_ALARM("critical"),
  /** The battery is at or below 15 % and the phone is out of its cradle. */
  LOW_BATTERY("major"),
  /** No Inform for two periodic intervals (an hour each when the interval is unknown). */
  OFFLINE("major"),
  /** The device is online but an enabled SIP line has not been registered for a grace period. */
  SIP_UNREGISTERED("major"),
  /** The firmware Download failed, or the device reported a fault transferring it. */
  FIRMWARE_FAILED("major"),
  /** The Wi-Fi signal has stayed below the threshold for a while. */
  POOR_WIFI("minor"),
  /** Several of the device's tasks failed within a short window. */
  REPEATED_FAULTS("minor");

  private final String severity;

  AlarmKind(String severity) {
    this.severity = severity;
  }

  public String severity() {
    return severity;
  }
}
