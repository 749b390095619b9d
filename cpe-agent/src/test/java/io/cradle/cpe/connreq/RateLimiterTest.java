package io.cradle.cpe.connreq;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void acceptsOnePerInterval() {
    RateLimiter limiter = new RateLimiter(Duration.ofSeconds(5));
    assertTrue(limiter.tryAcquire(-100 * SECOND));
    assertFalse(limiter.tryAcquire(-96 * SECOND));
    assertTrue(limiter.tryAcquire(-95 * SECOND));
    assertFalse(limiter.tryAcquire(-95 * SECOND));
  }

  @Test
  void rejectedRequestsDoNotPostponeTheNextToken() {
    RateLimiter limiter = new RateLimiter(Duration.ofSeconds(5));
    assertTrue(limiter.tryAcquire(0));
    assertFalse(limiter.tryAcquire(4 * SECOND));
    assertTrue(limiter.tryAcquire(5 * SECOND));
  }

  @Test
  void handlesNanoTimeWrapAround() {
    RateLimiter limiter = new RateLimiter(Duration.ofSeconds(5));
    assertTrue(limiter.tryAcquire(Long.MAX_VALUE - SECOND));
    assertFalse(limiter.tryAcquire(Long.MAX_VALUE));
    assertTrue(limiter.tryAcquire(Long.MAX_VALUE + 4 * SECOND));
  }

  @Test
  void zeroIntervalAcceptsEverything() {
    RateLimiter limiter = new RateLimiter(Duration.ZERO);
    assertTrue(limiter.tryAcquire(7));
    assertTrue(limiter.tryAcquire(7));
  }
}
