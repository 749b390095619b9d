package io.cradle.cpe.wifi;

/**
 * A Wi-Fi frequency band with its indoor propagation constants.
 *
 * <p>Reference loss is free-space loss at 1 m, 20·log10(4π·f/c), at the band's middle (2437 MHz:
 * 40.2 dB; 5250 MHz: 46.8 dB). Exponents are ITU-R P.1238's office distance power loss coefficients
 * (N = 30 at 2.4 GHz, 31 at 5.2 GHz, divided by 10). Shadowing sigmas are lower than P.1238's
 * whole-building figures (10 and 12 dB) because our layouts are single floors with the walls left
 * out; 5 GHz gets the larger one since it suffers more from walls and bodies.
 */
public enum Band {
  GHZ_2_4("2.4GHz", 40.2, 3.0, 6.0),
  GHZ_5("5GHz", 46.8, 3.1, 7.0);

  private final String cwmpName;
  private final double referenceLossDb;
  private final double exponent;
  private final double shadowingSigmaDb;

  Band(String cwmpName, double referenceLossDb, double exponent, double shadowingSigmaDb) {
    this.cwmpName = cwmpName;
    this.referenceLossDb = referenceLossDb;
    this.exponent = exponent;
    this.shadowingSigmaDb = shadowingSigmaDb;
  }

  /** TR-181 {@code OperatingFrequencyBand} spelling: {@code 2.4GHz} or {@code 5GHz}. */
  public String cwmpName() {
    return cwmpName;
  }

  /** Path loss at the 1 m reference distance (dB). */
  public double referenceLossDb() {
    return referenceLossDb;
  }

  /** Log-distance path-loss exponent. */
  public double exponent() {
    return exponent;
  }

  /** Standard deviation of the log-normal shadowing (dB). */
  public double shadowingSigmaDb() {
    return shadowingSigmaDb;
  }

  /** Whether {@code channel} is a channel of this band (2.4 GHz: 1-14; 5 GHz: 32-177). */
  public boolean hasChannel(int channel) {
    return this == GHZ_2_4 ? channel >= 1 && channel <= 14 : channel >= 32 && channel <= 177;
  }

  /** The centre frequency of {@code channel} in MHz (IEEE 802.11 channel numbering). */
  public int frequencyMhz(int channel) {
    if (!hasChannel(channel)) {
      throw new IllegalArgumentException(
          "channel " + channel + " is not in the " + cwmpName + " band");
    }
    if (this == GHZ_2_4) {
      return channel == 14 ? 2484 : 2407 + 5 * channel;
    }
    return 5000 + 5 * channel;
  }
}
