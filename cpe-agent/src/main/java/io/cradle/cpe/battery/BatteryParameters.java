package io.cradle.cpe.battery;

import io.cradle.cpe.model.DataModel;
import io.cradle.cpe.model.Parameter;
import io.cradle.cwmp.param.ParameterType;

/**
 * The battery in the TR-069 tree, as live read-only parameters under {@code
 * Device.X_GRANDSTREAM_Battery.} (a vendor object: Device:1 has no battery object):
 *
 * <table>
 *   <caption>Device.X_GRANDSTREAM_Battery.</caption>
 *   <tr><th>name</th><th>type</th><th>value</th></tr>
 *   <tr><td>Level</td><td>unsignedInt</td><td>0..100 %, rounded up ({@link Battery#level()})</td></tr>
 *   <tr><td>ChargingState</td><td>string</td><td>Discharging, Charging, Full</td></tr>
 *   <tr><td>Voltage</td><td>unsignedInt</td><td>terminal voltage in mV</td></tr>
 *   <tr><td>RemainingTime</td><td>unsignedInt</td><td>seconds left at the current load</td></tr>
 *   <tr><td>TimeToFull</td><td>unsignedInt</td><td>seconds until full while charging, else 0</td></tr>
 *   <tr><td>Led</td><td>string</td><td>Off, GreenBlinking, GreenSolid</td></tr>
 *   <tr><td>LowBattery</td><td>boolean</td><td>level ≤ 15 % out of the cradle</td></tr>
 * </table>
 *
 * <p><b>LowBattery is the one meant for active notification</b>: its default notification is 2, so
 * the phone's value-change polling raises "4 VALUE CHANGE" when the battery becomes low (and again
 * when it is put on the charger) with no SetParameterAttributes from the ACS. Level stays passive
 * by default (it changes every 1.5 h at idle, every few minutes in a call; an ACS may still make it
 * active). Voltage, RemainingTime and TimeToFull change continuously, so they refuse active
 * notification (9009), as counters do.
 */
public final class BatteryParameters {

  /** The object all battery parameters live under. */
  public static final String PREFIX = "Device.X_GRANDSTREAM_Battery.";

  private BatteryParameters() {}

  /** Adds the battery's parameters, bound live to {@code battery}. */
  public static DataModel.Builder addTo(DataModel.Builder b, Battery battery) {
    b.add(
        Parameter.live(
            PREFIX + "Level", ParameterType.UNSIGNED_INT, () -> Integer.toString(battery.level())));
    b.add(
        Parameter.live(
            PREFIX + "ChargingState",
            ParameterType.STRING,
            () -> battery.chargingState().cwmpName()));
    b.add(
        Parameter.live(
                PREFIX + "Voltage",
                ParameterType.UNSIGNED_INT,
                () -> Long.toString(Math.round(battery.voltage() * 1000)))
            .denyActiveNotify());
    b.add(
        Parameter.live(
                PREFIX + "RemainingTime",
                ParameterType.UNSIGNED_INT,
                () -> Long.toString(battery.remainingTime().toSeconds()))
            .denyActiveNotify());
    b.add(
        Parameter.live(
                PREFIX + "TimeToFull",
                ParameterType.UNSIGNED_INT,
                () -> Long.toString(battery.timeToFull().map(d -> d.toSeconds()).orElse(0L)))
            .denyActiveNotify());
    b.add(Parameter.live(PREFIX + "Led", ParameterType.STRING, () -> battery.led().cwmpName()));
    b.add(
        Parameter.live(
                PREFIX + "LowBattery",
                ParameterType.BOOLEAN,
                () -> Boolean.toString(battery.lowBattery()))
            .withDefaultNotification(2));
    return b;
  }
}
