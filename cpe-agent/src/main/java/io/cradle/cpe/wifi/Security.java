package io.cradle.cpe.wifi;

/**
 * A network's security mode, numbered as P7814: 0 none, 1 WEP, 2 WPA/WPA2 PSK, 3 802.1x EAP (WPA
 * Enterprise, modelled as a credential check, not as an EAP exchange).
 */
public enum Security {
  OPEN("None"),
  WEP("WEP-128"),
  WPA_PSK("WPA-WPA2-Personal"),
  WPA_ENTERPRISE("WPA-WPA2-Enterprise");

  private final String cwmpName;

  Security(String cwmpName) {
    this.cwmpName = cwmpName;
  }

  /** TR-181 {@code Security.ModeEnabled} spelling. */
  public String cwmpName() {
    return cwmpName;
  }

  /** The P7814 value. */
  public String pvalue() {
    return Integer.toString(ordinal());
  }

  /** The mode for a P7814 value; unknown values read as {@link #OPEN}. */
  public static Security fromPValue(String value) {
    return switch (value.trim()) {
      case "1" -> WEP;
      case "2" -> WPA_PSK;
      case "3" -> WPA_ENTERPRISE;
      default -> OPEN;
    };
  }
}
