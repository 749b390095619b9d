package io.cradle.cpe.safe;

import io.cradle.cpe.config.PValueListener;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The SAFE state machine of one phone (admin guide "SAFE/Panic Call"), on the phone's scheduler.
 *
 * <pre>
 *   DISABLED ⇄ MONITORING ──detector held for its timeout──► WARNING ──warning timeout──► ALARM
 *                 ▲   ▲                                         │ cancel / snooze          │
 *                 │   └──────────────── cancel ─────────────────┴──────────────────────────┤
 *                 └──── snooze timeout ◄── SNOOZED ◄──────── snooze ───────────────────────┘
 *   panic() (multi-function button held in SAFE/Panic mode): any state but ALARM ──► ALARM
 * </pre>
 *
 * <p>While monitoring, the {@link MotionSensor} is sampled every {@link #SAMPLE_PERIOD}; a sample
 * describes the second before it. A detector's condition holds from the start of the first second
 * that shows it, and the warning comes when it has held for the detector's timeout, so with the
 * condition present from the start the warning is exactly one timeout after it, never before. Any
 * second without the condition restarts that detector's timing. Detectors are checked in the order
 * no movement, tilt, running; the first one due wins.
 *
 * <p>The warning plays the warning tone and, unless the wearer cancels or snoozes, turns into the
 * alarm after the warning timeout (0: at once). Only the wearer ends a warning, as the guide says
 * ("if the phone keeps warning and not be canceled"); moving again does not. The alarm plays the
 * alarm tone (not for a panic alarm with Panic Call Silent Alarm), places the emergency call if
 * enabled and a number is set, calls the SAFE/Panic event URL hook, and counts itself. Snooze stops
 * all detection for the snooze timeout. The panic button works even with monitoring off.
 *
 * <p>Settings are read from the P-value store and re-read, on the scheduler, whenever one of them
 * changes; a change restarts every detector's timing. All methods but the getters are meant for the
 * phone's scheduler thread; the getters may be read from any thread (the TR-069 session).
 */
public final class SafeMonitor {

  /** One motion sample per second. */
  public static final Duration SAMPLE_PERIOD = Duration.ofSeconds(1);

  private static final List<Detector> DETECTORS =
      List.of(new NoMovementDetector(), new TiltDetector(), new RunningDetector());

  private final Scheduler scheduler;
  private final PValueStore store;
  private final MotionSensor sensor;
  private final SafeOutputs outputs;
  private final List<SafeListener> listeners = new CopyOnWriteArrayList<>();
  private final Instant[] onsets = new Instant[DETECTORS.size()];
  private final PValueListener storeListener = this::onPValuesChanged;

  private volatile SafeSettings settings;
  private volatile SafeState state = SafeState.DISABLED;
  private volatile AlarmKind activeKind;
  private volatile AlarmKind lastAlarmKind;
  private volatile Instant lastAlarmTime;
  private volatile long alarmCount;
  private boolean started;
  private boolean tonePlaying;
  private Cancellable sampling;
  private Cancellable timer;

  /** A stopped monitor; {@link #start()} begins monitoring if the settings enable it. */
  public SafeMonitor(
      Scheduler scheduler, PValueStore store, MotionSensor sensor, SafeOutputs outputs) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.store = Objects.requireNonNull(store, "store");
    this.sensor = Objects.requireNonNull(sensor, "sensor");
    this.outputs = Objects.requireNonNull(outputs, "outputs");
    this.settings = SafeSettings.read(store);
  }

  public void addListener(SafeListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(SafeListener listener) {
    listeners.remove(listener);
  }

  /** Starts following the settings: monitoring if enabled. Called when the phone powers on. */
  public void start() {
    if (started) {
      return;
    }
    started = true;
    store.addListener(storeListener);
    settings = SafeSettings.read(store);
    if (settings.monitoringEnabled()) {
      startSampling();
      if (state != SafeState.ALARM) {
        // A panic pressed while the phone was still booting stands.
        changeState(SafeState.MONITORING, l -> {});
      }
    }
  }

  /** Stops everything (power off): no tone, no timers, state {@code DISABLED}. */
  public void stop() {
    if (!started) {
      return;
    }
    started = false;
    store.removeListener(storeListener);
    stopSampling();
    cancelTimer();
    stopTone();
    activeKind = null;
    changeState(SafeState.DISABLED, l -> {});
  }

  public SafeState state() {
    return state;
  }

  /** The settings in force. */
  public SafeSettings settings() {
    return settings;
  }

  /** What the current warning, alarm or snooze is about; empty while monitoring or disabled. */
  public Optional<AlarmKind> activeKind() {
    return Optional.ofNullable(activeKind);
  }

  /** What raised the last alarm since the phone was built. */
  public Optional<AlarmKind> lastAlarmKind() {
    return Optional.ofNullable(lastAlarmKind);
  }

  public Optional<Instant> lastAlarmTime() {
    return Optional.ofNullable(lastAlarmTime);
  }

  /** Alarms raised since the phone was built. */
  public long alarmCount() {
    return alarmCount;
  }

  /**
   * The multi-function button was held long enough in SAFE/Panic Call mode: the alarm at once,
   * silent if Panic Call Silent Alarm is on. Ignored while an alarm is already raised.
   */
  public void panic() {
    if (state == SafeState.ALARM) {
      return;
    }
    raiseAlarm(AlarmKind.PANIC, settings.panicSilentAlarm());
  }

  /**
   * The wearer cancels the warning or alarm: tone off, back to monitoring (or disabled).
   *
   * @return false if there was nothing to cancel
   */
  public boolean cancel() {
    if (state != SafeState.WARNING && state != SafeState.ALARM) {
      return false;
    }
    AlarmKind kind = activeKind;
    cancelTimer();
    stopTone();
    resume(l -> l.cancelled(kind));
    return true;
  }

  /**
   * The wearer snoozes the warning or alarm: tone off, no detection until the snooze timeout has
   * passed.
   *
   * @return false if there was nothing to snooze
   */
  public boolean snooze() {
    if (state != SafeState.WARNING && state != SafeState.ALARM) {
      return false;
    }
    AlarmKind kind = activeKind;
    cancelTimer();
    stopTone();
    Instant until = scheduler.now().plus(settings.snoozeTimeout());
    timer =
        scheduler.scheduleAt(
            until,
            () -> {
              timer = null;
              resume(l -> {});
            });
    changeState(SafeState.SNOOZED, l -> l.snoozed(kind, until));
    return true;
  }

  private void onPValuesChanged(Map<String, String> changed) {
    if (!Collections.disjoint(changed.keySet(), SafeSettings.PVALUES)) {
      // Store events come on whichever thread set the value; the monitor lives on the scheduler.
      scheduler.schedule(Duration.ZERO, this::applySettings);
    }
  }

  private void applySettings() {
    if (!started) {
      return;
    }
    settings = SafeSettings.read(store);
    resetOnsets();
    if (state == SafeState.DISABLED && settings.monitoringEnabled()) {
      startSampling();
      changeState(SafeState.MONITORING, l -> {});
    } else if (state == SafeState.MONITORING && !settings.monitoringEnabled()) {
      stopSampling();
      changeState(SafeState.DISABLED, l -> {});
    }
  }

  private void tick() {
    MotionSample sample = sensor.sample();
    Instant now = scheduler.now();
    SafeSettings s = settings;
    for (int i = 0; i < DETECTORS.size(); i++) {
      Detector detector = DETECTORS.get(i);
      if (!detector.detects(sample, s.sensitivity(detector.kind()))) {
        onsets[i] = null;
        continue;
      }
      if (onsets[i] == null) {
        onsets[i] = now.minus(SAMPLE_PERIOD);
      }
      if (!now.isBefore(onsets[i].plus(s.timeout(detector.kind())))) {
        warn(detector.kind());
        return;
      }
    }
  }

  private void warn(AlarmKind kind) {
    stopSampling();
    activeKind = kind;
    outputs.tones().playWarning(settings.warningTone());
    tonePlaying = true;
    timer =
        scheduler.schedule(
            settings.warningTimeout(),
            () -> {
              timer = null;
              raiseAlarm(kind, false);
            });
    changeState(SafeState.WARNING, l -> l.warning(kind));
  }

  private void raiseAlarm(AlarmKind kind, boolean silent) {
    stopSampling();
    cancelTimer();
    stopTone();
    SafeSettings s = settings;
    activeKind = kind;
    lastAlarmKind = kind;
    lastAlarmTime = scheduler.now();
    alarmCount++;
    state = SafeState.ALARM;
    if (!silent) {
      outputs.tones().playAlarm(s.alarmTone());
      tonePlaying = true;
    }
    if (s.emergencyCallEnabled() && !s.emergencyDialNumber().isBlank()) {
      outputs
          .emergencyCall()
          .placeCall(s.emergencyAccount(), s.emergencyDialNumber(), s.emergencyForceSpeaker());
    }
    outputs.eventUrl().alarmRaised(kind);
    changeState(SafeState.ALARM, l -> l.alarm(kind, silent));
  }

  /** Back to monitoring (or disabled, if monitoring was turned off meanwhile). */
  private void resume(Consumer<SafeListener> event) {
    activeKind = null;
    if (started && settings.monitoringEnabled()) {
      startSampling();
      changeState(SafeState.MONITORING, event);
    } else {
      changeState(SafeState.DISABLED, event);
    }
  }

  private void changeState(SafeState next, Consumer<SafeListener> event) {
    state = next;
    listeners.forEach(event);
    listeners.forEach(l -> l.stateChanged(next));
  }

  private void startSampling() {
    stopSampling();
    resetOnsets();
    sampling = scheduler.every(SAMPLE_PERIOD, this::tick);
  }

  private void stopSampling() {
    if (sampling != null) {
      sampling.cancel();
      sampling = null;
    }
    resetOnsets();
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  private void stopTone() {
    if (tonePlaying) {
      outputs.tones().stop();
      tonePlaying = false;
    }
  }

  private void resetOnsets() {
    Arrays.fill(onsets, null);
  }
}
