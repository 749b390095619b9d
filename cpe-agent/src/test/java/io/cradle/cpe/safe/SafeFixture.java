package io.cradle.cpe.safe;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One phone's SAFE parts on virtual time, with every output recorded as a trace line. */
final class SafeFixture implements SafeListener, TonePlayer, EmergencyCall, SafeEventUrl {

  static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

  final VirtualScheduler scheduler = new VirtualScheduler(T0);
  final PValueStore store = new PValueStore(PValueCatalog.wp820());
  final List<String> trace = new ArrayList<>();
  final List<String> tones = new ArrayList<>();
  final List<String> calls = new ArrayList<>();
  final List<AlarmKind> eventUrls = new ArrayList<>();
  final SafeMonitor monitor;

  SafeFixture(MotionSensor sensor, Map<String, String> settings) {
    store.setAll(settings);
    monitor = new SafeMonitor(scheduler, store, sensor, new SafeOutputs(this, this, this));
    monitor.addListener(this);
  }

  /** Monitoring on, every detector disabled, then {@code overrides}. */
  static Map<String, String> settings(String... overrides) {
    Map<String, String> m = new java.util.HashMap<>();
    m.put(SafeSettings.MONITORING_ENABLE, "1");
    m.put(SafeSettings.NO_MOVEMENT_SENSITIVITY, "0");
    m.put(SafeSettings.TILT_SENSITIVITY, "0");
    m.put(SafeSettings.RUNNING_SENSITIVITY, "0");
    for (int i = 0; i < overrides.length; i += 2) {
      m.put(overrides[i], overrides[i + 1]);
    }
    return m;
  }

  /** Seconds since T0, to the millisecond. */
  String at() {
    Duration d = Duration.between(T0, scheduler.now());
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  void runTo(Duration sinceT0) {
    scheduler.runUntil(T0.plus(sinceT0));
  }

  void runToSeconds(long seconds) {
    runTo(Duration.ofSeconds(seconds));
  }

  void runToMillis(long millis) {
    runTo(Duration.ofMillis(millis));
  }

  @Override
  public void warning(AlarmKind kind) {
    trace.add(at() + " warning " + kind);
  }

  @Override
  public void alarm(AlarmKind kind, boolean silent) {
    trace.add(at() + " alarm " + kind + (silent ? " silent" : ""));
  }

  @Override
  public void cancelled(AlarmKind kind) {
    trace.add(at() + " cancelled " + kind);
  }

  @Override
  public void snoozed(AlarmKind kind, Instant until) {
    trace.add(
        at() + " snoozed " + kind + " until " + Duration.between(T0, until).toSeconds() + "s");
  }

  @Override
  public void stateChanged(SafeState state) {
    trace.add(at() + " state " + state);
  }

  @Override
  public void playWarning(int tone) {
    tones.add(at() + " warning tone " + tone);
  }

  @Override
  public void playAlarm(int tone) {
    tones.add(at() + " alarm tone " + tone);
  }

  @Override
  public void stop() {
    tones.add(at() + " stop");
  }

  @Override
  public void placeCall(int account, String number, boolean forceSpeaker) {
    calls.add(at() + " account " + account + " " + number + (forceSpeaker ? " speaker" : ""));
  }

  @Override
  public void alarmRaised(AlarmKind kind) {
    eventUrls.add(kind);
  }

  /** The trace lines that are not plain state changes. */
  List<String> events() {
    return trace.stream().filter(l -> !l.contains(" state ")).toList();
  }
}
