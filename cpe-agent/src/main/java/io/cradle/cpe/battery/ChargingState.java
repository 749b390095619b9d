package io.cradle.cpe.battery;

/** Whether the battery is being drained, charged, or held full in the cradle. */
public enum ChargingState {
  /** Out of the cradle: the phone runs on the battery (or is off and draws nothing). */
  DISCHARGING("Discharging"),
  /** In the cradle and not yet full: constant current, then constant voltage. */
  CHARGING("Charging"),
  /** In the cradle, charge terminated: the adapter powers the phone, the cell stays full. */
  FULL("Full");

  private final String cwmpName;

  ChargingState(String cwmpName) {
    this.cwmpName = cwmpName;
  }

  /** The value of {@code Device.X_GRANDSTREAM_Battery.ChargingState}. */
  public String cwmpName() {
    return cwmpName;
  }
}
