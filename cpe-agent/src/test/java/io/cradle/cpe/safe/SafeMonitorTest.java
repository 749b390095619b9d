package io.cradle.cpe.safe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.time.RandomStreams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SAFE state machine: cancel, snooze, panic, silent alarm, emergency call, the accelerometer.
 */
class SafeMonitorTest {

  static final MotionSample STILL = new MotionSample(0.001, 5, 0);

  static SafeFixture still(String... overrides) {
    return new SafeFixture(() -> STILL, SafeFixture.settings(overrides));
  }

  static SafeFixture noMovement(String... more) {
    List<String> all =
        new ArrayList<>(
            List.of(
                SafeSettings.NO_MOVEMENT_SENSITIVITY, "4",
                SafeSettings.NO_MOVEMENT_TIMEOUT, "30",
                SafeSettings.WARNING_TIMEOUT, "10",
                SafeSettings.SNOOZE_TIMEOUT, "120"));
    all.addAll(List.of(more));
    return still(all.toArray(String[]::new));
  }

  @Test
  void aPanicPressedWhileThePhoneBootsStandsWhenMonitoringStarts() {
    SafeFixture f = noMovement();
    f.monitor.panic();
    f.monitor.start();
    assertEquals(SafeState.ALARM, f.monitor.state());
  }

  @Test
  void monitoringOffSamplesNothingAndNeverWarns() {
    SafeFixture f = still(SafeSettings.MONITORING_ENABLE, "0");
    f.monitor.start();
    assertEquals(SafeState.DISABLED, f.monitor.state());
    assertEquals(0, f.scheduler.pendingCount());
    f.runToSeconds(3600);
    assertEquals(List.of(), f.events());
  }

  @Test
  void turningMonitoringOnStartsDetectionFromThatMoment() {
    SafeFixture f = noMovement(SafeSettings.MONITORING_ENABLE, "0");
    f.monitor.start();
    f.runToSeconds(100);
    f.store.set(SafeSettings.MONITORING_ENABLE, "1"); // e.g. the ACS or a config file
    f.runToSeconds(100);
    assertEquals(SafeState.MONITORING, f.monitor.state());
    f.runToMillis(129_999);
    assertEquals(List.of(), f.events());
    f.runToSeconds(130);
    assertEquals(List.of("130s warning NO_MOVEMENT"), f.events());

    f.store.set(SafeSettings.MONITORING_ENABLE, "0");
    f.monitor.cancel();
    f.runToSeconds(1000);
    assertEquals(SafeState.DISABLED, f.monitor.state());
    assertEquals(List.of("130s warning NO_MOVEMENT", "130s cancelled NO_MOVEMENT"), f.events());
  }

  @Test
  void cancelDuringWarningPreventsTheAlarmAndDetectionStartsOver() {
    SafeFixture f = noMovement();
    f.monitor.start();
    f.runToSeconds(35); // warning at 30 s
    assertTrue(f.monitor.cancel());
    assertEquals(SafeState.MONITORING, f.monitor.state());
    f.runToSeconds(64);
    assertEquals(List.of("30s warning NO_MOVEMENT", "35s cancelled NO_MOVEMENT"), f.events());
    assertEquals(0, f.monitor.alarmCount());
    assertEquals(List.of("30s warning tone 1", "35s stop"), f.tones);
    f.runToSeconds(65); // still not moving: 30 s after the cancel
    assertEquals(SafeState.WARNING, f.monitor.state());
    assertFalse(new SafeFixture(() -> STILL, SafeFixture.settings()).monitor.cancel());
  }

  @Test
  void cancelEndsAnAlarm() {
    SafeFixture f = noMovement();
    f.monitor.start();
    f.runToSeconds(45);
    assertEquals(SafeState.ALARM, f.monitor.state());
    assertTrue(f.monitor.cancel());
    assertEquals(SafeState.MONITORING, f.monitor.state());
    assertEquals(
        List.of("30s warning tone 1", "40s stop", "40s alarm tone 1", "45s stop"), f.tones);
  }

  @Test
  void snoozeSuppressesDetectionForTheSnoozeTimeoutThenRearms() {
    SafeFixture f = noMovement();
    f.monitor.start();
    f.runToSeconds(32);
    assertTrue(f.monitor.snooze());
    assertEquals(SafeState.SNOOZED, f.monitor.state());
    f.runToMillis(151_999); // snoozed until 152 s, though the wearer still lies still
    assertEquals(SafeState.SNOOZED, f.monitor.state());
    f.runToSeconds(152);
    assertEquals(SafeState.MONITORING, f.monitor.state());
    f.runToMillis(181_999);
    assertEquals(SafeState.MONITORING, f.monitor.state());
    f.runToSeconds(192);
    assertEquals(
        List.of(
            "30s warning NO_MOVEMENT",
            "32s snoozed NO_MOVEMENT until 152s",
            "182s warning NO_MOVEMENT",
            "192s alarm NO_MOVEMENT"),
        f.events());
  }

  @Test
  void snoozeDuringAnAlarmSilencesIt() {
    SafeFixture f = noMovement();
    f.monitor.start();
    f.runToSeconds(50);
    assertTrue(f.monitor.snooze());
    assertEquals(
        List.of("30s warning tone 1", "40s stop", "40s alarm tone 1", "50s stop"), f.tones);
    assertEquals(SafeState.SNOOZED, f.monitor.state());
    assertFalse(f.monitor.snooze());
  }

  @Test
  void zeroWarningTimeoutAlarmsAtOnce() {
    SafeFixture f = noMovement(SafeSettings.WARNING_TIMEOUT, "0");
    f.monitor.start();
    f.runToSeconds(30);
    assertEquals(List.of("30s warning NO_MOVEMENT", "30s alarm NO_MOVEMENT"), f.events());
  }

  @Test
  void panicRaisesTheAlarmDirectlyWithToneCallAndEventUrl() {
    SafeFixture f =
        still(
            SafeSettings.MONITORING_ENABLE, "0",
            SafeSettings.EMERGENCY_CALL_ENABLE, "1",
            SafeSettings.EMERGENCY_ACCOUNT, "2",
            SafeSettings.EMERGENCY_DIAL_NUMBER, "911",
            SafeSettings.EMERGENCY_FORCE_SPEAKER, "1",
            SafeSettings.ALARM_TONE, "4");
    f.monitor.start();
    f.runToSeconds(5);
    f.monitor.panic();
    assertEquals(SafeState.ALARM, f.monitor.state());
    assertEquals(List.of("5s alarm PANIC"), f.events());
    assertEquals(List.of("5s alarm tone 4"), f.tones);
    assertEquals(List.of("5s account 2 911 speaker"), f.calls);
    assertEquals(List.of(AlarmKind.PANIC), f.eventUrls);
    assertEquals(AlarmKind.PANIC, f.monitor.lastAlarmKind().orElseThrow());
    assertEquals(f.scheduler.now(), f.monitor.lastAlarmTime().orElseThrow());
    f.monitor.panic(); // already alarming: nothing new
    assertEquals(1, f.monitor.alarmCount());
    f.monitor.cancel();
    assertEquals(SafeState.DISABLED, f.monitor.state());
  }

  @Test
  void silentPanicAlarmPlaysNoToneButStillCalls() {
    SafeFixture f =
        still(
            SafeSettings.PANIC_SILENT_ALARM, "1",
            SafeSettings.EMERGENCY_CALL_ENABLE, "1",
            SafeSettings.EMERGENCY_DIAL_NUMBER, "5555");
    f.monitor.start();
    f.monitor.panic();
    assertEquals(List.of("0s alarm PANIC silent"), f.events());
    assertEquals(List.of(), f.tones);
    assertEquals(List.of("0s account 1 5555"), f.calls);
    f.monitor.cancel();
    assertEquals(List.of(), f.tones);
  }

  @Test
  void silentAlarmIsOnlyForThePanicButton() {
    SafeFixture f = noMovement(SafeSettings.PANIC_SILENT_ALARM, "1");
    f.monitor.start();
    f.runToSeconds(40);
    assertEquals(List.of("30s warning tone 1", "40s stop", "40s alarm tone 1"), f.tones);
  }

  @Test
  void panicDuringWarningOrSnoozeAlarmsAtOnce() {
    SafeFixture f = noMovement();
    f.monitor.start();
    f.runToSeconds(33);
    f.monitor.panic();
    f.runToSeconds(60); // the no-movement warning's own alarm (40 s) must not come on top
    assertEquals(List.of("30s warning NO_MOVEMENT", "33s alarm PANIC"), f.events());
    f.monitor.snooze();
    f.runToSeconds(70);
    f.monitor.panic();
    assertEquals(SafeState.ALARM, f.monitor.state());
    assertEquals(2, f.monitor.alarmCount());
  }

  @Test
  void noEmergencyCallWhenDisabledOrWithoutNumber() {
    SafeFixture off = still(SafeSettings.EMERGENCY_DIAL_NUMBER, "911");
    off.monitor.start();
    off.monitor.panic();
    assertEquals(List.of(), off.calls);
    SafeFixture noNumber = still(SafeSettings.EMERGENCY_CALL_ENABLE, "1");
    noNumber.monitor.start();
    noNumber.monitor.panic();
    assertEquals(List.of(), noNumber.calls);
  }

  @Test
  void detectorAlarmPlacesTheConfiguredEmergencyCall() {
    SafeFixture f =
        noMovement(
            SafeSettings.EMERGENCY_CALL_ENABLE, "1",
            SafeSettings.EMERGENCY_DIAL_NUMBER, "*55");
    f.monitor.start();
    f.runToSeconds(39);
    assertEquals(List.of(), f.calls);
    f.runToSeconds(40);
    assertEquals(List.of("40s account 1 *55"), f.calls);
  }

  @Test
  void stopSilencesEverything() {
    SafeFixture f = noMovement();
    f.monitor.start();
    f.runToSeconds(31);
    f.monitor.stop();
    assertEquals(SafeState.DISABLED, f.monitor.state());
    assertEquals(0, f.scheduler.pendingCount());
    assertEquals(List.of("30s warning tone 1", "31s stop"), f.tones);
  }

  // The accelerometer model against the detectors.

  static SafeFixture withAccelerometer(Accelerometer a, String... overrides) {
    return new SafeFixture(a, SafeFixture.settings(overrides));
  }

  static Accelerometer accelerometer(long seed) {
    return new Accelerometer(RandomStreams.of(seed).forPhone("C0:74:AD:00:00:01").stream("safe"));
  }

  @Test
  void runningIsDetectedAtLevel1AndWalkingNotEvenAtLevel7() {
    Accelerometer walking = accelerometer(1);
    walking.setActivity(Activity.WALKING);
    SafeFixture w =
        withAccelerometer(
            walking, SafeSettings.RUNNING_SENSITIVITY, "7", SafeSettings.RUNNING_TIMEOUT, "5");
    w.monitor.start();
    w.runToSeconds(4 * 3600);
    assertEquals(List.of(), w.events());

    Accelerometer running = accelerometer(1);
    running.setActivity(Activity.RUNNING);
    SafeFixture r =
        withAccelerometer(
            running, SafeSettings.RUNNING_SENSITIVITY, "1", SafeSettings.RUNNING_TIMEOUT, "20");
    r.monitor.start();
    r.runToSeconds(20);
    assertEquals(List.of("20s warning RUNNING"), r.events());
  }

  @Test
  void noActivityOtherThanItsOwnTriggersADetectorAtAnyLevel() {
    // Standing, walking and running for an hour each, every detector at Level 7: no movement only
    // while lying still, tilt only when lying or fallen, running only when running.
    for (Activity activity : List.of(Activity.STANDING, Activity.WALKING)) {
      Accelerometer a = accelerometer(2);
      a.setActivity(activity);
      SafeFixture f =
          withAccelerometer(
              a,
              SafeSettings.NO_MOVEMENT_SENSITIVITY,
              "7",
              SafeSettings.TILT_SENSITIVITY,
              "7",
              SafeSettings.RUNNING_SENSITIVITY,
              "7",
              SafeSettings.NO_MOVEMENT_TIMEOUT,
              "5",
              SafeSettings.TILT_TIMEOUT,
              "5",
              SafeSettings.RUNNING_TIMEOUT,
              "5");
      f.monitor.start();
      f.runToSeconds(3600);
      assertEquals(List.of(), f.events(), activity.toString());
    }
  }

  @Test
  void lyingStillTriggersNoMovementAndFallingTriggersTilt() {
    Accelerometer lying = accelerometer(3);
    SafeFixture f =
        withAccelerometer(
            lying,
            SafeSettings.NO_MOVEMENT_SENSITIVITY,
            "1",
            SafeSettings.NO_MOVEMENT_TIMEOUT,
            "60",
            SafeSettings.TILT_SENSITIVITY,
            "1",
            SafeSettings.TILT_TIMEOUT,
            "90");
    f.monitor.start();
    f.runToSeconds(600); // standing: nothing
    lying.setActivity(Activity.LYING_STILL);
    f.runToSeconds(660);
    assertEquals(List.of("660s warning NO_MOVEMENT"), f.events());

    Accelerometer fallen = accelerometer(3);
    SafeFixture g =
        withAccelerometer(
            fallen,
            SafeSettings.NO_MOVEMENT_SENSITIVITY,
            "0",
            SafeSettings.TILT_SENSITIVITY,
            "1",
            SafeSettings.TILT_TIMEOUT,
            "15");
    g.monitor.start();
    g.runToSeconds(100);
    fallen.setActivity(Activity.FALLEN);
    g.runToSeconds(115);
    assertEquals(List.of("115s warning TILT"), g.events());
  }

  /** A shift: walking, a run, standing, a fall with stirs, cancelled, lying still, snoozed. */
  static List<String> shift(long seed) {
    Accelerometer a = accelerometer(seed);
    List<MotionSample> samples = new ArrayList<>();
    SafeFixture f =
        new SafeFixture(
            () -> {
              MotionSample s = a.sample();
              samples.add(s);
              return s;
            },
            SafeFixture.settings(
                SafeSettings.NO_MOVEMENT_SENSITIVITY, "3",
                SafeSettings.NO_MOVEMENT_TIMEOUT, "20",
                SafeSettings.TILT_SENSITIVITY, "2",
                SafeSettings.TILT_TIMEOUT, "120",
                SafeSettings.RUNNING_SENSITIVITY, "4",
                SafeSettings.RUNNING_TIMEOUT, "30",
                SafeSettings.WARNING_TIMEOUT, "15",
                SafeSettings.SNOOZE_TIMEOUT, "60"));
    f.monitor.start();
    a.setActivity(Activity.WALKING);
    f.runToSeconds(300);
    a.setActivity(Activity.RUNNING);
    f.runToSeconds(340);
    f.monitor.cancel();
    a.setActivity(Activity.STANDING);
    f.runToSeconds(400);
    a.setActivity(Activity.FALLEN);
    f.runToSeconds(700);
    f.monitor.cancel();
    a.setActivity(Activity.LYING_STILL);
    f.runToSeconds(760);
    f.monitor.snooze();
    f.runToSeconds(900);
    List<String> trace = new ArrayList<>(f.trace);
    trace.addAll(f.tones);
    samples.forEach(s -> trace.add(s.toString()));
    return trace;
  }

  static List<String> withoutSamples(List<String> trace) {
    return trace.stream().filter(l -> !l.startsWith("MotionSample")).toList();
  }

  @Test
  void sameSeedSameTrace() {
    List<String> first = shift(42);
    assertEquals(first, shift(42));
    List<String> other = shift(43);
    assertNotEquals(first, other);
    // Not only the samples: when the fallen wearer's stirs leave 20 s of stillness differs too.
    assertNotEquals(withoutSamples(first), withoutSamples(other));
    assertTrue(first.contains("330s warning RUNNING"), first.toString());
  }
}
