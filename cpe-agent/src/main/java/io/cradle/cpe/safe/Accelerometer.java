package io.cradle.cpe.safe;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The phone's accelerometer as per-second features drawn from the current {@link Activity}'s band
 * with the phone's own seeded random stream: the same seed and the same activity changes give the
 * same samples. Aggregated features rather than raw 3-axis samples at 25 Hz keep a fleet of
 * thousands of phones cheap (one event per phone per second, and only while SAFE monitoring runs).
 *
 * <p>Not thread-safe: used on the phone's scheduler. {@link #setActivity} is what a scenario calls.
 */
public final class Accelerometer implements MotionSensor {

  private final RandomGenerator random;
  private Activity activity = Activity.STANDING;

  /** An accelerometer on a standing wearer, drawing from {@code random} (e.g. stream "safe"). */
  public Accelerometer(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  public Activity activity() {
    return activity;
  }

  /** The wearer starts doing {@code activity}; samples from the next one on reflect it. */
  public void setActivity(Activity activity) {
    this.activity = Objects.requireNonNull(activity, "activity");
  }

  @Override
  public MotionSample sample() {
    Activity a = activity;
    // Always the same number of draws per sample, so one activity's draws never shift another's.
    double intensity = between(a.intensityLow, a.intensityHigh);
    double tilt = between(a.tiltLow, a.tiltHigh);
    double cadence = between(a.cadenceLow, a.cadenceHigh);
    double stirDraw = random.nextDouble();
    double stir = between(Activity.STIR_LOW, Activity.STIR_HIGH);
    if (stirDraw < a.stirProbability) {
      intensity = stir;
    }
    return new MotionSample(intensity, tilt, cadence);
  }

  private double between(double low, double high) {
    double u = random.nextDouble();
    return low + (high - low) * u;
  }
}
