package io.cradle.cpe.battery;

/**
 * The cell and charger of one phone model.
 *
 * <p>{@link #WP820}: the admin guide's 1500 mAh Li-ion cell, nominal 3.8 V, charge limited at 4.35
 * V, charged in the cradle from the 5 V / 1 A adapter with a CC/CV charger:
 *
 * <ul>
 *   <li><b>CC at 800 mA</b> (0.53 C) up to 80 % state of charge: 1200 mAh / 800 mA = <b>1.5 h</b>.
 *       800 mA leaves room in the 5 W adapter for the phone itself (0.8 A × 4.35 V = 3.5 W, plus up
 *       to 0.8 W for a call), and a little over 0.5 C is the usual rate for a phone cell.
 *   <li><b>CV at 4.35 V</b> from 80 %: the current falls as the cell fills. We take it linear in
 *       the state of charge, from 800 mA at 80 % down to the termination current of 75 mA (C/20) at
 *       100 %, which is exponential in time: {@code du/dt = −(a + b·u)} with {@code u = 1 − SoC},
 *       {@code a = 75/1500 h⁻¹}, {@code b = (800 − 75)/(0.2 × 1500) h⁻¹}, so the CV phase takes
 *       {@code ln(800/75)/b} = 0.98 h.
 *   <li>So a full charge from 0 % takes <b>2.48 h</b> (about 2.5 h, which is what phones of this
 *       size take).
 * </ul>
 *
 * The internal resistance (cell, protection FETs, cradle contacts) of 0.25 Ω makes the terminal
 * voltage reach the 4.35 V limit at 80 % under 800 mA, where CV begins: {@code OCV(80 %) + 0.8 A ×
 * 0.25 Ω = 4.15 + 0.20 = 4.35 V} (see {@link OpenCircuitVoltage}).
 *
 * <p>Cells of one batch differ: each battery's capacity is drawn once, uniformly within ± {@code
 * capacityTolerance} of nominal, from the phone's own random stream. ±1 % keeps the 150 h / 7.5 h
 * figures within 2 %; {@link #exact()} sets it to 0.
 *
 * @param capacityMah nominal capacity
 * @param capacityTolerance relative spread of the capacity of one cell (0.01 = ±1 %)
 * @param chargeCurrentMa constant-current phase
 * @param cvStartFraction state of charge where constant voltage begins
 * @param terminationCurrentMa charging stops (full) when the CV current falls to this
 * @param internalResistanceOhm between cell and phone, for the IR drop
 * @param chargeVoltageLimit the CV voltage
 */
public record BatterySpec(
    double capacityMah,
    double capacityTolerance,
    double chargeCurrentMa,
    double cvStartFraction,
    double terminationCurrentMa,
    double internalResistanceOhm,
    double chargeVoltageLimit) {

  /** The WP820's cell and cradle; see the class comment for the arithmetic. */
  public static final BatterySpec WP820 = new BatterySpec(1500, 0.01, 800, 0.80, 75, 0.25, 4.35);

  public BatterySpec {
    if (!(capacityMah > 0)) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacityMah);
    }
    if (!(capacityTolerance >= 0 && capacityTolerance < 0.5)) {
      throw new IllegalArgumentException("capacity tolerance must be in [0, 0.5)");
    }
    if (!(cvStartFraction > 0 && cvStartFraction < 1)) {
      throw new IllegalArgumentException("CV must start strictly between 0 and 100 %");
    }
    if (!(terminationCurrentMa > 0 && terminationCurrentMa < chargeCurrentMa)) {
      throw new IllegalArgumentException("termination current must be in (0, charge current)");
    }
  }

  /** The same cell with no capacity spread: every battery has exactly the nominal capacity. */
  public BatterySpec exact() {
    return new BatterySpec(
        capacityMah,
        0,
        chargeCurrentMa,
        cvStartFraction,
        terminationCurrentMa,
        internalResistanceOhm,
        chargeVoltageLimit);
  }
}
