package io.cradle.cpe.tr069;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.time.RandomStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The back-off table of cwmp-digest §8. */
class RetryPolicyTest {

  static RandomGenerator random(String model) {
    return RandomStreams.of(42).forPhone("C0:74:AD:12:34:56").stream(model);
  }

  @ParameterizedTest
  @CsvSource({
    "1, 5, 10",
    "2, 10, 20",
    "3, 20, 40",
    "4, 40, 80",
    "5, 80, 160",
    "6, 160, 320",
    "7, 320, 640",
    "8, 640, 1280",
    "9, 1280, 2560",
    "10, 2560, 5120",
    "11, 2560, 5120",
    "12, 2560, 5120"
  })
  void defaultBoundsMatchTheTable(long n, double low, double high) {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertEquals(low, p.lowerBoundSeconds(n), 1e-9);
    assertEquals(high, p.upperBoundSeconds(n), 1e-9);
    RandomGenerator r = random("retry-" + n);
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int i = 0; i < 2000; i++) {
      double s = p.waitBefore(n, r).toMillis() / 1000.0;
      assertTrue(s >= low && s <= high, s + " outside [" + low + ", " + high + "]");
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    // Random, not a fixed midpoint: the draws spread over the whole interval.
    double width = high - low;
    assertTrue(min < low + width * 0.05, "min " + min);
    assertTrue(max > high - width * 0.05, "max " + max);
  }

  @Test
  void noWaitBeforeAFirstAttempt() {
    assertEquals(Duration.ZERO, RetryPolicy.DEFAULT.waitBefore(0, random("x")));
  }

  @Test
  void customSettingsScaleTheBounds() {
    RetryPolicy p = new RetryPolicy(10, 3000);
    assertEquals(10, p.lowerBoundSeconds(1), 1e-9);
    assertEquals(30, p.upperBoundSeconds(1), 1e-9);
    assertEquals(90, p.lowerBoundSeconds(3), 1e-9);
    assertEquals(270, p.upperBoundSeconds(3), 1e-9);
    RetryPolicy flat = new RetryPolicy(7, 1000);
    assertEquals(Duration.ofSeconds(7), flat.waitBefore(5, random("flat")));
  }

  @Test
  void largestSettingsDoNotOverflow() {
    Duration d = new RetryPolicy(65535, 65535).waitBefore(10, random("big"));
    assertTrue(d.compareTo(Duration.ofDays(365L * 1000)) > 0);
  }

  @Test
  void outOfRangeSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, 2000));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(5, 999));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(65536, 2000));
  }

  @Test
  void sameSeedSameWaits() {
    assertEquals(draws(random("retry")), draws(random("retry")));
    assertNotEquals(draws(random("retry")), draws(random("other")));
  }

  private static List<Duration> draws(RandomGenerator r) {
    List<Duration> out = new ArrayList<>();
    for (int n = 1; n <= 12; n++) {
      out.add(RetryPolicy.DEFAULT.waitBefore(n, r));
    }
    return out;
  }
}
