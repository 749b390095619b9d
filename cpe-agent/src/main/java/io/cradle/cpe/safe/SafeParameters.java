package io.cradle.cpe.safe;

import io.cradle.cpe.model.DataModel;
import io.cradle.cpe.model.Parameter;
import io.cradle.cpe.model.Translation;
import io.cradle.cwmp.param.DateTimes;
import io.cradle.cwmp.param.ParameterType;

/**
 * SAFE's part of the TR-069 tree, {@code Device.X_GRANDSTREAM_Safe.} (a Cradle extension: no
 * Grandstream data model for SAFE is known).
 *
 * <p>Live, read-only: {@code State} (Disabled, Monitoring, Warning, Alarm, Snoozed), {@code
 * LastAlarmType} (NoMovement, Tilt, Running, Panic; empty before the first alarm), {@code
 * LastAlarmTime} (the unknown time 0001-01-01T00:00:00Z before the first alarm) and {@code
 * AlarmCount}. {@code State} has active notification by default: the ACS hears of a warning or an
 * alarm through a {@code 4 VALUE CHANGE} Inform without first asking for it. For that Inform to go
 * at once, the phone calls {@code Notifications.checkLiveValues()} from a {@link
 * SafeListener#stateChanged} (the phone otherwise compares live values only every 60 s).
 *
 * <p>Writable, bound to the P-values (one source of truth): MonitoringEnable, the three
 * sensitivities (Disabled, Level1-Level7) and timeouts, SnoozeTimeout, WarningTimeout,
 * PanicSilentAlarm, EmergencyCallEnable, EmergencyAccount, EmergencyForceSpeaker,
 * EmergencyDialNumber and MultiFunctionButton (PTT/Paging, SAFE/Panic Call, Mute, Speed Dial,
 * Disabled).
 */
public final class SafeParameters {

  /** The object holding SAFE's parameters. */
  public static final String PREFIX = "Device.X_GRANDSTREAM_Safe.";

  private static final Translation SENSITIVITY =
      Translation.words(
          "Disabled",
          "0",
          "Level1",
          "1",
          "Level2",
          "2",
          "Level3",
          "3",
          "Level4",
          "4",
          "Level5",
          "5",
          "Level6",
          "6",
          "Level7",
          "7");

  private static final Translation BUTTON =
      Translation.words(
          "PTT/Paging",
          "0",
          "SAFE/Panic Call",
          "1",
          "Mute",
          "2",
          "Speed Dial",
          "3",
          "Disabled",
          "4");

  private SafeParameters() {}

  /** Adds SAFE's parameters, the live ones read from {@code monitor}. */
  public static DataModel.Builder addTo(DataModel.Builder b, SafeMonitor monitor) {
    b.add(
        Parameter.live(PREFIX + "State", ParameterType.STRING, () -> monitor.state().cwmpName())
            .withDefaultNotification(2));
    b.add(
        Parameter.live(
                PREFIX + "LastAlarmType",
                ParameterType.STRING,
                () -> monitor.lastAlarmKind().map(AlarmKind::cwmpName).orElse(""))
            // Passive: it rides along in the Inform that State's active change opens, so the ACS
            // knows at once whether it was a fall, a man-down or the panic button.
            .withDefaultNotification(1));
    b.add(
        Parameter.live(
            PREFIX + "LastAlarmTime",
            ParameterType.DATE_TIME,
            () -> DateTimes.format(monitor.lastAlarmTime().orElse(DateTimes.UNKNOWN))));
    b.add(
        Parameter.live(
                PREFIX + "AlarmCount",
                ParameterType.UNSIGNED_INT,
                () -> Long.toString(monitor.alarmCount()))
            .denyActiveNotify());

    b.add(Parameter.pvalueBoolean(PREFIX + "MonitoringEnable", SafeSettings.MONITORING_ENABLE));
    sensitivity(b, "NoMovement", SafeSettings.NO_MOVEMENT_SENSITIVITY);
    seconds(b, "NoMovementTimeout", SafeSettings.NO_MOVEMENT_TIMEOUT);
    sensitivity(b, "Tilt", SafeSettings.TILT_SENSITIVITY);
    seconds(b, "TiltTimeout", SafeSettings.TILT_TIMEOUT);
    sensitivity(b, "Running", SafeSettings.RUNNING_SENSITIVITY);
    seconds(b, "RunningTimeout", SafeSettings.RUNNING_TIMEOUT);
    seconds(b, "SnoozeTimeout", SafeSettings.SNOOZE_TIMEOUT);
    seconds(b, "WarningTimeout", SafeSettings.WARNING_TIMEOUT);
    b.add(Parameter.pvalueBoolean(PREFIX + "PanicSilentAlarm", SafeSettings.PANIC_SILENT_ALARM));
    b.add(
        Parameter.pvalueBoolean(
            PREFIX + "EmergencyCallEnable", SafeSettings.EMERGENCY_CALL_ENABLE));
    b.add(
        Parameter.pvalue(
            PREFIX + "EmergencyAccount",
            ParameterType.UNSIGNED_INT,
            SafeSettings.EMERGENCY_ACCOUNT));
    b.add(
        Parameter.pvalueBoolean(
            PREFIX + "EmergencyForceSpeaker", SafeSettings.EMERGENCY_FORCE_SPEAKER));
    b.add(
        Parameter.pvalue(
            PREFIX + "EmergencyDialNumber",
            ParameterType.STRING,
            SafeSettings.EMERGENCY_DIAL_NUMBER));
    b.add(
        Parameter.pvalue(
            PREFIX + "MultiFunctionButton",
            ParameterType.STRING,
            MultiFunctionButton.MODE,
            BUTTON));
    return b;
  }

  private static void sensitivity(DataModel.Builder b, String detector, String number) {
    b.add(
        Parameter.pvalue(
            PREFIX + detector + "Sensitivity", ParameterType.STRING, number, SENSITIVITY));
  }

  private static void seconds(DataModel.Builder b, String name, String number) {
    b.add(Parameter.pvalue(PREFIX + name, ParameterType.UNSIGNED_INT, number));
  }
}
