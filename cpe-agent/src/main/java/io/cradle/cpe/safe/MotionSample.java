package io.cradle.cpe.safe;

/**
 * One second of accelerometer data reduced to the features the SAFE detectors read.
 *
 * @param intensity standard deviation of the acceleration magnitude over the second, in g
 * @param tiltDegrees angle of the phone's long axis from vertical, 0 upright to 90 lying flat
 * @param cadence steps per second (0 when no gait is seen)
 */
public record MotionSample(double intensity, double tiltDegrees, double cadence) {

  public MotionSample {
    if (intensity < 0 || tiltDegrees < 0 || tiltDegrees > 180 || cadence < 0) {
      throw new IllegalArgumentException(
          "impossible motion sample: intensity "
              + intensity
              + " g, tilt "
              + tiltDegrees
              + "°, cadence "
              + cadence
              + "/s");
    }
  }
}
