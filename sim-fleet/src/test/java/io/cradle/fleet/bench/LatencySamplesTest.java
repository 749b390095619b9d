package io.cradle.fleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatencySamplesTest {

  @Test
  void nearestRankOnOneToHundred() {
    LatencySamples s = samples(100);
    assertEquals(1, s.percentile(0));
    assertEquals(1, s.percentile(1));
    assertEquals(50, s.percentile(50));
    assertEquals(51, s.percentile(50.5));
    assertEquals(90, s.percentile(90));
    assertEquals(99, s.percentile(99));
    assertEquals(100, s.percentile(99.1));
    assertEquals(100, s.max());
    assertEquals(50.5, s.mean(), 1e-9);
  }

  @Test
  void ranksAreNotPushedUpByFloatingPointNoise() {
    // 7 * 100 / 100 and 99.9 * 1000 / 100 must give ranks 7 and 999 exactly.
    assertEquals(7, samples(100).percentile(7));
    assertEquals(999, samples(1000).percentile(99.9));
    assertEquals(29, samples(100).percentile(29));
  }

  @Test
  void smallSetsAndEmpty() {
    assertEquals(0, new LatencySamples().percentile(99));
    assertEquals(0, new LatencySamples().mean());
    LatencySamples one = samples(1);
    assertEquals(1, one.percentile(0));
    assertEquals(1, one.percentile(50));
    assertEquals(1, one.percentile(100));
    LatencySamples two = samples(2);
    assertEquals(1, two.percentile(50));
    assertEquals(2, two.percentile(51));
  }

  @Test
  void unsortedInputAndMergeAndGrowth() {
    LatencySamples a = new LatencySamples();
    LatencySamples b = new LatencySamples();
    for (int i = 5000; i >= 1; i--) {
      (i % 2 == 0 ? a : b).add(i);
    }
    assertEquals(5000, a.max());
    a.merge(b);
    assertEquals(5000, a.size());
    assertEquals(2500, a.percentile(50));
    assertEquals(4950, a.percentile(99));
    a.add(0); // adding after a sort keeps it correct
    assertEquals(0, a.percentile(0));
    assertEquals(5000, a.max());
  }

  @Test
  void refusesPercentilesOutsideTheRange() {
    assertThrows(IllegalArgumentException.class, () -> samples(3).percentile(100.5));
    assertThrows(IllegalArgumentException.class, () -> samples(3).percentile(-1));
    assertThrows(IllegalArgumentException.class, () -> samples(3).percentile(Double.NaN));
  }

  private static LatencySamples samples(int n) {
    LatencySamples s = new LatencySamples();
    for (int i = n; i >= 1; i--) {
      s.add(i);
    }
    return s;
  }
}
