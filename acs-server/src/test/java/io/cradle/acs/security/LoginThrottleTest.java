package io.cradle.acs.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(60), clock);

  @Test
  void locksOutAfterTooManyFailuresInARow() {
    throttle.failed("10.0.0.1");
    throttle.failed("10.0.0.1");
    assertEquals(Optional.empty(), throttle.lockedFor("10.0.0.1"));

    throttle.failed("10.0.0.1");

    assertEquals(Optional.of(Duration.ofSeconds(60)), throttle.lockedFor("10.0.0.1"));
    assertEquals(Optional.empty(), throttle.lockedFor("10.0.0.2"), "other clients are not locked");
  }

  @Test
  void lockoutEndsAndTheCountStartsAfresh() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("10.0.0.1");
    }
    clock.advance(Duration.ofSeconds(59));
    assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.lockedFor("10.0.0.1"));

    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), throttle.lockedFor("10.0.0.1"));
    throttle.failed("10.0.0.1");
    assertEquals(Optional.empty(), throttle.lockedFor("10.0.0.1"), "one failure after a lockout");
  }

  @Test
  void successForgivesEarlierFailures() {
    throttle.failed("10.0.0.1");
    throttle.failed("10.0.0.1");
    throttle.succeeded("10.0.0.1");
    throttle.failed("10.0.0.1");
    throttle.failed("10.0.0.1");

    assertTrue(throttle.lockedFor("10.0.0.1").isEmpty());
  }
}
