package io.cradle.cpe.safe;

/** What raised a SAFE warning or alarm. */
public enum AlarmKind {
  NO_MOVEMENT("NoMovement"),
  TILT("Tilt"),
  RUNNING("Running"),
  /** The multi-function button held in SAFE/Panic Call mode: straight to alarm, no warning. */
  PANIC("Panic");

  private final String cwmpName;

  AlarmKind(String cwmpName) {
    this.cwmpName = cwmpName;
  }

  /** The word reported in {@code Device.X_GRANDSTREAM_Safe.LastAlarmType}. */
  public String cwmpName() {
    return cwmpName;
  }
}
