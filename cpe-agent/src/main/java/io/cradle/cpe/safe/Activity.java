package io.cradle.cpe.safe;

/**
 * What the wearer is doing, as the {@link Accelerometer} sees it from a phone clipped upright to
 * the belt. Each activity is a band of per-second motion features; the fleet's scenario sets it.
 *
 * <p>The bands are Cradle's own model, not measurements of a WP820: intensity is the standard
 * deviation of the acceleration magnitude over one second (g), tilt the angle of the phone's long
 * axis from vertical (degrees), cadence the step rate (steps per second). They are chosen so that
 * no activity straddles a detector threshold of {@link NoMovementDetector}, {@link TiltDetector} or
 * {@link RunningDetector}: an activity either triggers a detector at a level or it does not.
 */
public enum Activity {
  /** Upright and still apart from body sway and breathing. */
  STANDING(0.05, 0.08, 0, 10, 0, 0, 0),
  /** Walking at an ordinary pace. */
  WALKING(0.20, 0.35, 5, 20, 1.6, 2.0, 0),
  /** Running: strong impacts, fast cadence, leaning forward. */
  RUNNING(0.90, 1.30, 10, 25, 2.7, 3.1, 0),
  /** Lying down without moving: no movement and tilted. */
  LYING_STILL(0.001, 0.003, 85, 90, 0, 0, 0),
  /**
   * Fallen or tilted (man down): lying on the floor, now and then stirring (a second of 0.15-0.40 g
   * with probability 5 %), which restarts no-movement timing but not tilt.
   */
  FALLEN(0.001, 0.003, 82, 90, 0, 0, 0.05);

  /** Intensity of a stir while fallen (g). */
  static final double STIR_LOW = 0.15;

  static final double STIR_HIGH = 0.40;

  final double intensityLow;
  final double intensityHigh;
  final double tiltLow;
  final double tiltHigh;
  final double cadenceLow;
  final double cadenceHigh;
  final double stirProbability;

  Activity(
      double intensityLow,
      double intensityHigh,
      double tiltLow,
      double tiltHigh,
      double cadenceLow,
      double cadenceHigh,
      double stirProbability) {
    this.intensityLow = intensityLow;
    this.intensityHigh = intensityHigh;
    this.tiltLow = tiltLow;
    this.tiltHigh = tiltHigh;
    this.cadenceLow = cadenceLow;
    this.cadenceHigh = cadenceHigh;
    this.stirProbability = stirProbability;
  }
}
