package io.cradle.cpe.tr069;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The session retry back-off of cwmp-digest §8: retry n waits a random time in {@code
 * [m·(k/1000)^(n-1), m·(k/1000)^n]} seconds, n capped at 10.
 *
 * @param minimumWaitSeconds {@code ManagementServer.CWMPRetryMinimumWaitInterval} (1–65535)
 * @param intervalMultiplier {@code ManagementServer.CWMPRetryIntervalMultiplier}, in thousandths
 *     (1000–65535)
 */
public record RetryPolicy(long minimumWaitSeconds, long intervalMultiplier) {

  /** The data model defaults: 5 s and 2000 (doubling). */
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, 2000);

  /** Retries beyond the tenth wait as long as the tenth. */
  public static final int MAX_EXPONENT = 10;

  public RetryPolicy {
    if (minimumWaitSeconds < 1 || minimumWaitSeconds > 65535) {
      throw new IllegalArgumentException(
          "CWMPRetryMinimumWaitInterval must be 1-65535, was " + minimumWaitSeconds);
    }
    if (intervalMultiplier < 1000 || intervalMultiplier > 65535) {
      throw new IllegalArgumentException(
          "CWMPRetryIntervalMultiplier must be 1000-65535, was " + intervalMultiplier);
    }
  }

  /** The shortest wait before retry {@code retryCount}, in seconds; 0 when it is not a retry. */
  public double lowerBoundSeconds(long retryCount) {
    return retryCount <= 0 ? 0 : bound(Math.min(retryCount, MAX_EXPONENT) - 1);
  }

  /** The longest wait before retry {@code retryCount}, in seconds; 0 when it is not a retry. */
  public double upperBoundSeconds(long retryCount) {
    return retryCount <= 0 ? 0 : bound(Math.min(retryCount, MAX_EXPONENT));
  }

  /**
   * A random wait before retry {@code retryCount} (the Inform's RetryCount, 1 for the first retry),
   * to the millisecond; zero for {@code retryCount <= 0}.
   */
  public Duration waitBefore(long retryCount, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    if (retryCount <= 0) {
      return Duration.ZERO;
    }
    double low = lowerBoundSeconds(retryCount);
    double high = upperBoundSeconds(retryCount);
    double seconds = high > low ? random.nextDouble(low, high) : low;
    // Math.round saturates at Long.MAX_VALUE for the largest settings instead of overflowing.
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private double bound(long exponent) {
    return minimumWaitSeconds * Math.pow(intervalMultiplier / 1000.0, exponent);
  }
}
