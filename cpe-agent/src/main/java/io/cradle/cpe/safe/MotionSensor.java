package io.cradle.cpe.safe;

/** Where the {@link SafeMonitor} reads motion: the {@link Accelerometer}, or a test's script. */
@FunctionalInterface
public interface MotionSensor {

  /**
   * The features of the second that has just passed; called once per {@link
   * SafeMonitor#SAMPLE_PERIOD}.
   */
  MotionSample sample();
}
