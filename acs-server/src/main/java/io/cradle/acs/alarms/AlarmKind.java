package io.cradle.acs.alarms;

/** What an alarm is about, and how loud it is. */
public enum AlarmKind {
  /** The phone's SAFE monitor raised an alarm (man down, no movement, running, panic button). */
  SAFE_ALARM("critical"),
  /** The battery is at or below 15 % and the phone is out of its cradle. */
  LOW_BATTERY("major"),
  /** No Inform for two periodic intervals (an hour each when the interval is unknown). */
  OFFLINE("major");

  private final String severity;

  AlarmKind(String severity) {
    this.severity = severity;
  }

  public String severity() {
    return severity;
  }
}
