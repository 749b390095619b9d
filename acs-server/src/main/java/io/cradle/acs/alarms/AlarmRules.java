package io.cradle.acs.alarms;

import io.cradle.cwmp.message.ParameterValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** TR-104 {@code ….VoiceProfile.{i}.Line.{i}.Status|Enable}, under any root. */
  static final Pattern LINE =
      Pattern.compile(
          "^.*\\.VoiceService\\.\\d+\\.VoiceProfile\\.(\\d+)\\.Line\\.(\\d+)\\.(Status|Enable)$");

  /** TR-181 {@code Device.WiFi.EndPoint.{i}.Stats.SignalStrength}, in dBm. */
  static final Pattern SIGNAL =
      Pattern.compile("^.*\\.WiFi\\.EndPoint\\.\\d+\\.Stats\\.SignalStrength$");

  /**
   * Above the threshold by this much before POOR_WIFI clears, so a signal at the edge does not
   * flap.
   */
  static final int POOR_WIFI_HYSTERESIS_DB = 3;

  /** A phone's own POOR_WIFI threshold lies in the WP820's roaming threshold range (P22232). */
  static final int POOR_WIFI_MIN_DBM = -100;

  static final int POOR_WIFI_MAX_DBM = -30;

  /** Raise (or keep raised, with new detail) or clear one kind of alarm. */
  record Change(AlarmKind kind, boolean raise, String detail) {}

  /**
   * A condition that alarms only once it has lasted (SIP_UNREGISTERED, POOR_WIFI): {@code holds}
   * starts or continues it, otherwise it is over.
   */
  record Condition(AlarmKind kind, boolean holds, String detail) {}

  private AlarmRules() {}

  static List<Change> of(Collection<ParameterValue> parameters) {
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

  /** Whether these parameters say anything about lasting conditions (lines, Wi-Fi signal). */
  static boolean touchesConditions(Iterable<ParameterValue> parameters) {
    for (ParameterValue p : parameters) {
      if (isConditionParameter(p.name())) {
        return true;
      }
    }
    return false;
  }

  static boolean isConditionParameter(String name) {
    return LINE.matcher(name).matches() || SIGNAL.matcher(name).matches();
  }

  /**
   * The lasting conditions as the device's latest values (every line's Status and Enable, the
   * signal) show them. A line is unregistered when its Status is known and neither Up nor Disabled
   * (the WP820 says Disabled for an account that does not register) and it is not switched off. A
   * signal of 0 means not associated: nothing to say about its strength.
   */
  static List<Condition> conditions(Map<String, String> latest, int poorWifiDbm) {
    Map<String, String[]> lines = new TreeMap<>();
    Integer signal = null;
    for (Map.Entry<String, String> e : latest.entrySet()) {
      Matcher line = LINE.matcher(e.getKey());
      if (line.matches()) {
        String[] statusEnable =
            lines.computeIfAbsent(
                "VoiceProfile " + line.group(1) + " Line " + line.group(2), k -> new String[2]);
        statusEnable[line.group(3).equals("Status") ? 0 : 1] = e.getValue();
      } else if (SIGNAL.matcher(e.getKey()).matches()) {
        signal = integer(e.getValue());
      }
    }
    List<Condition> out = new ArrayList<>();
    if (!lines.isEmpty()) {
      List<String> down = new ArrayList<>();
      lines.forEach(
          (line, statusEnable) -> {
            String status = statusEnable[0];
            String enable = statusEnable[1];
            boolean off = "Disabled".equals(enable) || "false".equals(enable) || "0".equals(enable);
            if (status != null
                && !status.isBlank()
                && !status.equals("Up")
                && !status.equals("Disabled")
                && !off) {
              down.add(line + " " + status);
            }
          });
      out.add(
          new Condition(
              AlarmKind.SIP_UNREGISTERED,
              !down.isEmpty(),
              down.isEmpty() ? "" : "not registered: " + String.join(", ", down)));
    }
    if (signal != null) {
      if (signal != 0 && signal < poorWifiDbm) {
        out.add(
            new Condition(
                AlarmKind.POOR_WIFI,
                true,
                "signal " + signal + " dBm, below " + poorWifiDbm + " dBm"));
      } else if (signal == 0 || signal >= poorWifiDbm + POOR_WIFI_HYSTERESIS_DB) {
        out.add(new Condition(AlarmKind.POOR_WIFI, false, ""));
      }
    }
    return out;
  }

  private static Integer integer(String value) {
    try {
      return value == null ? null : Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean relevant(String name) {
    return name.startsWith("Device.X_GRANDSTREAM_Safe.")
        || name.startsWith("Device.X_GRANDSTREAM_Battery.");
  }
}
