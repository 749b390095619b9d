package io.cradle.cpe.wifi;

/**
 * What a signal strength buys: the PHY rate the phone's 1×1 802.11n radio reaches, and the packet
 * error rate at that strength.
 *
 * <p>Rates step down the MCS ladder at the 802.11n minimum receiver sensitivities for 20 MHz (−64
 * dBm MCS7 … −82 dBm MCS0; long guard interval: 65 … 6.5 Mbit/s). On 5 GHz the phone uses 40 MHz
 * channels: twice-odd rates (135 … 13.5 Mbit/s), each needing 3 dB more signal.
 */
public final class LinkRate {

  private static final double[] SENSITIVITY_20MHZ = {-64, -65, -66, -70, -74, -77, -79, -82};
  private static final int[] KBPS_20MHZ = {
    65_000, 58_500, 52_000, 39_000, 26_000, 19_500, 13_000, 6_500
  };
  private static final int[] KBPS_40MHZ = {
    135_000, 121_500, 108_000, 81_000, 54_000, 40_500, 27_000, 13_500
  };

  private LinkRate() {}

  /** The PHY rate in kbit/s at {@code rssiDbm} on {@code band}; 0 below MCS0 sensitivity. */
  public static int phyRateKbps(Band band, double rssiDbm) {
    boolean wide = band == Band.GHZ_5;
    double margin = wide ? 3 : 0;
    for (int mcs = 0; mcs < SENSITIVITY_20MHZ.length; mcs++) {
      if (rssiDbm >= SENSITIVITY_20MHZ[mcs] + margin) {
        return wide ? KBPS_40MHZ[mcs] : KBPS_20MHZ[mcs];
      }
    }
    return 0;
  }

  /**
   * The share of packets lost at {@code rssiDbm}: a 0.1% floor (collisions, interference), 10% at
   * MCS0 sensitivity (−82 dBm), ten times more per 10 dB below it, capped at 50%. A rough curve:
   * enough to make error counters move with the signal as on a real phone.
   */
  public static double packetErrorRate(double rssiDbm) {
    if (Double.isNaN(rssiDbm)) {
      return 0.5;
    }
    return Math.min(0.5, 0.001 + 0.1 * Math.pow(10, (-82 - rssiDbm) / 10));
  }
}
