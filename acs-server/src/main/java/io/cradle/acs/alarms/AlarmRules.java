package io.cradle.acs.alarms;

import io.cradle.cwmp.message.ParameterValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an Inform's parameters say about alarms. The WP820 reports these parameters by active
 * notification, so they travel in the Inform the moment they change; an Inform without them says
 * nothing about the alarm.
 */
final class AlarmRules {

  static final String SAFE_STATE = "Device.X_GRANDSTREAM_Safe.State";
  static final String SAFE_LAST_ALARM = "Device.X_GRANDSTREAM_Safe.LastAlarmType";
  static final String LOW_BATTERY = "Device.X_GRANDSTREAM_Battery.LowBattery";
  static final String BATTERY_LEVEL = "Device.X_GRANDSTREAM_Battery.Level";

  /** Raise (or keep raised, with new detail) or clear one kind of alarm. */
  record Change(AlarmKind kind, boolean raise, String detail) {}

  private AlarmRules() {}

  static List<Change> of(List<ParameterValue> parameters) {
    if (parameters.stream().noneMatch(p -> relevant(p.name()))) {
      return List.of();
    }
    Map<String, String> values =
        parameters.stream()
            .filter(p -> relevant(p.name()))
            .collect(Collectors.toMap(ParameterValue::name, ParameterValue::value, (a, b) -> b));
    List<Change> changes = new ArrayList<>();
    String safe = values.get(SAFE_STATE);
    if ("Alarm".equals(safe)) {
      String kind = values.getOrDefault(SAFE_LAST_ALARM, "");
      changes.add(new Change(AlarmKind.SAFE_ALARM, true, kind.isEmpty() ? "SAFE alarm" : kind));
    } else if ("Monitoring".equals(safe) || "Disabled".equals(safe)) {
      // Warning and Snoozed leave an alarm as it is: the wearer has not been seen to be safe.
      changes.add(new Change(AlarmKind.SAFE_ALARM, false, ""));
    }
    String low = values.get(LOW_BATTERY);
    if (low != null) {
      boolean isLow = low.equals("true") || low.equals("1");
      String level = values.get(BATTERY_LEVEL);
      changes.add(
          new Change(
              AlarmKind.LOW_BATTERY,
              isLow,
              level == null ? "battery low" : "battery " + level + " %"));
    }
    return changes;
  }

  private static boolean relevant(String name) {
    return name.startsWith("Device.X_GRANDSTREAM_Safe.")
        || name.startsWith("Device.X_GRANDSTREAM_Battery.");
  }
}
