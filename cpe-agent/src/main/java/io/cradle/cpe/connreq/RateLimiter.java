package io.cradle.cpe.connreq;

import java.time.Duration;

/**
 * A token bucket with a burst of one: at most one accepted Connection Request per interval. Not
 * thread-safe; the selector thread is its only user.
 */
final class RateLimiter {

  private final long intervalNanos;
  private long lastAcceptedNanos;
  private boolean acceptedBefore;

  RateLimiter(Duration interval) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("rate limit interval must not be negative");
    }
    this.intervalNanos = interval.toNanos();
  }

  /** Takes the token if the interval has passed since the last acceptance. */
  boolean tryAcquire(long nowNanos) {
    // Compare differences, not absolute values: System.nanoTime may be negative or wrap.
    if (acceptedBefore && nowNanos - lastAcceptedNanos < intervalNanos) {
      return false;
    }
    acceptedBefore = true;
    lastAcceptedNanos = nowNanos;
    return true;
  }
}
