package io.cradle.cpe.safe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each detector at each of the 7 levels: a motion just inside the level's threshold (and outside
 * the next less sensitive level's) warns exactly one detector timeout after it began and alarms
 * exactly one warning timeout later, never earlier; one level less sensitive never fires.
 */
class DetectorLevelsTest {

  static final long WARNING_TIMEOUT = 10;

  static Stream<Arguments> detectorsAndLevels() {
    return Stream.of(AlarmKind.NO_MOVEMENT, AlarmKind.TILT, AlarmKind.RUNNING)
        .flatMap(k -> Stream.of(1, 2, 3, 4, 5, 6, 7).map(l -> Arguments.of(k, l)));
  }

  /** A sample detected at {@code level} and not at {@code level - 1}. */
  static MotionSample justInside(AlarmKind kind, int level) {
    Sensitivity at = Sensitivity.level(level);
    switch (kind) {
      case NO_MOVEMENT:
        {
          double t = NoMovementDetector.threshold(at);
          double below =
              level == 1 ? 0 : NoMovementDetector.threshold(Sensitivity.level(level - 1));
          return new MotionSample((t + below) / 2, 0, 0);
        }
      case TILT:
        {
          double t = TiltDetector.threshold(at);
          double above = level == 1 ? 90 : TiltDetector.threshold(Sensitivity.level(level - 1));
          return new MotionSample(0.5, (t + above) / 2, 0);
        }
      case RUNNING:
        {
          double c = RunningDetector.cadenceThreshold(at);
          double g = RunningDetector.intensityThreshold(at);
          Sensitivity less = level == 1 ? null : Sensitivity.level(level - 1);
          double cAbove = less == null ? 3.0 : RunningDetector.cadenceThreshold(less);
          double gAbove = less == null ? 1.2 : RunningDetector.intensityThreshold(less);
          return new MotionSample((g + gAbove) / 2, 10, (c + cAbove) / 2);
        }
      default:
        throw new IllegalArgumentException(kind.toString());
    }
  }

  static String sensitivityPValue(AlarmKind kind) {
    switch (kind) {
      case NO_MOVEMENT:
        return SafeSettings.NO_MOVEMENT_SENSITIVITY;
      case TILT:
        return SafeSettings.TILT_SENSITIVITY;
      default:
        return SafeSettings.RUNNING_SENSITIVITY;
    }
  }

  static String timeoutPValue(AlarmKind kind) {
    switch (kind) {
      case NO_MOVEMENT:
        return SafeSettings.NO_MOVEMENT_TIMEOUT;
      case TILT:
        return SafeSettings.TILT_TIMEOUT;
      default:
        return SafeSettings.RUNNING_TIMEOUT;
    }
  }

  /** A different timeout per level, so timing is not confused with the threshold. */
  static long timeoutFor(int level) {
    return 5 + 13L * level;
  }

  @ParameterizedTest(name = "{0} level {1}")
  @MethodSource("detectorsAndLevels")
  void warnsAtTheTimeoutThenAlarmsAtTheWarningTimeout(AlarmKind kind, int level) {
    MotionSample sample = justInside(kind, level);
    long timeout = timeoutFor(level);
    SafeFixture f =
        new SafeFixture(
            () -> sample,
            SafeFixture.settings(
                sensitivityPValue(kind),
                Integer.toString(level),
                timeoutPValue(kind),
                Long.toString(timeout),
                SafeSettings.WARNING_TIMEOUT,
                Long.toString(WARNING_TIMEOUT)));
    f.monitor.start();

    f.runToMillis(timeout * 1000 - 1);
    assertEquals(SafeState.MONITORING, f.monitor.state());
    assertEquals(List.of(), f.events());

    f.runToSeconds(timeout);
    assertEquals(SafeState.WARNING, f.monitor.state());
    assertEquals(List.of(timeout + "s warning " + kind), f.events());
    assertEquals(List.of(timeout + "s warning tone 1"), f.tones);

    f.runToMillis((timeout + WARNING_TIMEOUT) * 1000 - 1);
    assertEquals(SafeState.WARNING, f.monitor.state());

    f.runToSeconds(timeout + WARNING_TIMEOUT);
    assertEquals(SafeState.ALARM, f.monitor.state());
    assertEquals(
        List.of(timeout + "s warning " + kind, (timeout + WARNING_TIMEOUT) + "s alarm " + kind),
        f.events());
    assertEquals(List.of(kind), f.eventUrls);
    assertEquals(1, f.monitor.alarmCount());
  }

  @ParameterizedTest(name = "{0} level {1}")
  @MethodSource("detectorsAndLevels")
  void aLessSensitiveLevelIgnoresTheSameMotion(AlarmKind kind, int level) {
    if (level == 1) {
      return; // nothing is less sensitive than Level 1; Disabled is tested below
    }
    MotionSample sample = justInside(kind, level);
    SafeFixture f =
        new SafeFixture(
            () -> sample,
            SafeFixture.settings(
                sensitivityPValue(kind), Integer.toString(level - 1), timeoutPValue(kind), "5"));
    f.monitor.start();
    f.runToSeconds(3600);
    assertEquals(SafeState.MONITORING, f.monitor.state());
    assertEquals(List.of(), f.events());
  }

  @ParameterizedTest(name = "{0} level {1}")
  @MethodSource("detectorsAndLevels")
  void disabledNeverFires(AlarmKind kind, int level) {
    MotionSample sample = justInside(kind, level);
    SafeFixture f =
        new SafeFixture(
            () -> sample,
            SafeFixture.settings(sensitivityPValue(kind), "0", timeoutPValue(kind), "5"));
    f.monitor.start();
    f.runToSeconds(3600);
    assertEquals(SafeState.MONITORING, f.monitor.state());
    assertEquals(List.of(), f.events());
  }
}
