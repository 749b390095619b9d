package io.cradle.cpe.battery;

/**
 * The rest voltage of a 4.35 V ("high-voltage") LiCoO2/graphite cell against its state of charge,
 * at room temperature: the usual shape — a steep knee below 10 %, a long plateau around the 3.8 V
 * nominal, a steeper climb above 60 %. Linear between these points:
 *
 * <pre>
 * SoC %   0    5    10   15   20   30   40   50   60   70   80   90   100
 * OCV V  3.40 3.60 3.68 3.71 3.74 3.78 3.82 3.87 3.94 4.04 4.15 4.24 4.33
 * </pre>
 *
 * Typical published curves for such cells, rounded; not measured on a WP820 battery.
 */
public final class OpenCircuitVoltage {

  private static final double[] SOC = {
    0, 0.05, 0.10, 0.15, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80, 0.90, 1.00
  };
  private static final double[] VOLTS = {
    3.40, 3.60, 3.68, 3.71, 3.74, 3.78, 3.82, 3.87, 3.94, 4.04, 4.15, 4.24, 4.33
  };

  private OpenCircuitVoltage() {}

  /** The open-circuit voltage at {@code stateOfCharge} (0..1, clamped). */
  public static double at(double stateOfCharge) {
    double s = Math.max(0, Math.min(1, stateOfCharge));
    for (int i = 1; i < SOC.length; i++) {
      if (s <= SOC[i]) {
        double f = (s - SOC[i - 1]) / (SOC[i] - SOC[i - 1]);
        return VOLTS[i - 1] + f * (VOLTS[i] - VOLTS[i - 1]);
      }
    }
    return VOLTS[VOLTS.length - 1];
  }
}
