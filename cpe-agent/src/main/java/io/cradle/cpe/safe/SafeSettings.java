package io.cradle.cpe.safe;

import io.cradle.cpe.config.PValueStore;
import java.time.Duration;
import java.util.Set;

/**
 * The SAFE/Panic Call settings of the admin guide, read from the P-value store.
 *
 * <p>The WP820 numbers of these settings are unknown (grandstream-notes §5: the WP8x6 aliases
 * {@code safepanic.*} exist, no P-numbers in any source we hold), so P99810-P99828 are Cradle's
 * PLACEHOLDERS in an unused range (see pvalues.csv), to be replaced if real numbers turn up.
 */
public record SafeSettings(
    boolean monitoringEnabled,
    Sensitivity noMovementSensitivity,
    Duration noMovementTimeout,
    Sensitivity tiltSensitivity,
    Duration tiltTimeout,
    Sensitivity runningSensitivity,
    Duration runningTimeout,
    Duration snoozeTimeout,
    Duration warningTimeout,
    boolean panicSilentAlarm,
    boolean emergencyCallEnabled,
    int emergencyAccount,
    boolean emergencyForceSpeaker,
    String emergencyDialNumber,
    int warningTone,
    int alarmTone) {

  public static final String MONITORING_ENABLE = "P99810";
  public static final String NO_MOVEMENT_SENSITIVITY = "P99811";
  public static final String NO_MOVEMENT_TIMEOUT = "P99812";
  public static final String TILT_SENSITIVITY = "P99813";
  public static final String TILT_TIMEOUT = "P99814";
  public static final String RUNNING_SENSITIVITY = "P99815";
  public static final String RUNNING_TIMEOUT = "P99816";
  public static final String SNOOZE_TIMEOUT = "P99817";
  public static final String WARNING_TIMEOUT = "P99818";
  public static final String PANIC_SILENT_ALARM = "P99819";
  public static final String EMERGENCY_CALL_ENABLE = "P99820";
  public static final String EMERGENCY_ACCOUNT = "P99821";
  public static final String EMERGENCY_FORCE_SPEAKER = "P99822";
  public static final String EMERGENCY_DIAL_NUMBER = "P99823";
  public static final String WARNING_TONE = "P99824";
  public static final String ALARM_TONE = "P99825";

  /** Every P-value this record reads, to tell which store changes matter. */
  public static final Set<String> PVALUES =
      Set.of(
          MONITORING_ENABLE,
          NO_MOVEMENT_SENSITIVITY,
          NO_MOVEMENT_TIMEOUT,
          TILT_SENSITIVITY,
          TILT_TIMEOUT,
          RUNNING_SENSITIVITY,
          RUNNING_TIMEOUT,
          SNOOZE_TIMEOUT,
          WARNING_TIMEOUT,
          PANIC_SILENT_ALARM,
          EMERGENCY_CALL_ENABLE,
          EMERGENCY_ACCOUNT,
          EMERGENCY_FORCE_SPEAKER,
          EMERGENCY_DIAL_NUMBER,
          WARNING_TONE,
          ALARM_TONE);

  /** The current settings in {@code store}. */
  public static SafeSettings read(PValueStore store) {
    return new SafeSettings(
        flag(store, MONITORING_ENABLE),
        Sensitivity.fromPValue(text(store, NO_MOVEMENT_SENSITIVITY)),
        seconds(store, NO_MOVEMENT_TIMEOUT),
        Sensitivity.fromPValue(text(store, TILT_SENSITIVITY)),
        seconds(store, TILT_TIMEOUT),
        Sensitivity.fromPValue(text(store, RUNNING_SENSITIVITY)),
        seconds(store, RUNNING_TIMEOUT),
        seconds(store, SNOOZE_TIMEOUT),
        seconds(store, WARNING_TIMEOUT),
        flag(store, PANIC_SILENT_ALARM),
        flag(store, EMERGENCY_CALL_ENABLE),
        number(store, EMERGENCY_ACCOUNT),
        flag(store, EMERGENCY_FORCE_SPEAKER),
        text(store, EMERGENCY_DIAL_NUMBER),
        number(store, WARNING_TONE),
        number(store, ALARM_TONE));
  }

  /** The sensitivity configured for {@code kind}'s detector. */
  public Sensitivity sensitivity(AlarmKind kind) {
    switch (kind) {
      case NO_MOVEMENT:
        return noMovementSensitivity;
      case TILT:
        return tiltSensitivity;
      case RUNNING:
        return runningSensitivity;
      default:
        return Sensitivity.DISABLED;
    }
  }

  /** How long {@code kind}'s condition must hold before the warning. */
  public Duration timeout(AlarmKind kind) {
    switch (kind) {
      case NO_MOVEMENT:
        return noMovementTimeout;
      case TILT:
        return tiltTimeout;
      case RUNNING:
        return runningTimeout;
      default:
        return Duration.ZERO;
    }
  }

  private static String text(PValueStore store, String number) {
    return store
        .get(number)
        .orElseThrow(() -> new IllegalStateException(number + " missing from the P-value catalog"));
  }

  private static boolean flag(PValueStore store, String number) {
    return "1".equals(text(store, number));
  }

  private static int number(PValueStore store, String number) {
    return Integer.parseInt(text(store, number));
  }

  private static Duration seconds(PValueStore store, String number) {
    return Duration.ofSeconds(number(store, number));
  }
}
