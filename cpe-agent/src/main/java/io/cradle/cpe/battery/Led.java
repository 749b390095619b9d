package io.cradle.cpe.battery;

/**
 * The battery's share of the WP820's dual-colour LED, from the admin guide's "WP820 LED Status"
 * table: "Green Blinking — Charging but not full", "Green Solid — Charging (full)", "LED OFF —
 * Normal".
 *
 * <p>The guide lists no LED state for a low battery (low battery is announced by a warning tone at
 * 15 % and 5 %), so there is none here. The other rows of the table (upgrading, incoming call,
 * missed call, network disconnected) belong to other parts of the phone, which decides how they
 * combine with this one.
 */
public enum Led {
  /** "LED OFF — Normal": not in the cradle, or the phone has nothing battery-related to show. */
  OFF("Off"),
  /** "Green Blinking — Charging but not full". */
  GREEN_BLINKING("GreenBlinking"),
  /** "Green Solid — Charging (full)". */
  GREEN_SOLID("GreenSolid");

  private final String cwmpName;

  Led(String cwmpName) {
    this.cwmpName = cwmpName;
  }

  /** The value of {@code Device.X_GRANDSTREAM_Battery.Led}. */
  public String cwmpName() {
    return cwmpName;
  }
}
