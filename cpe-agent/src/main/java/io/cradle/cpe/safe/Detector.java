package io.cradle.cpe.safe;

/**
 * One SAFE detector: whether a second of motion shows its condition at a sensitivity. The {@link
 * SafeMonitor} times how long the condition holds; the detector's configured timeout (5-300 s) is
 * how long it must hold before the warning.
 *
 * <p>Sensitivity moves the threshold, not the time: at a higher level a weaker sign counts (Level 7
 * is the most sensitive). Each level's threshold is a table in the implementing class.
 */
public sealed interface Detector permits NoMovementDetector, TiltDetector, RunningDetector {

  AlarmKind kind();

  /** Whether {@code sample} shows the condition at {@code level}; never for {@code DISABLED}. */
  boolean detects(MotionSample sample, Sensitivity level);
}
