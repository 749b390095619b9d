package io.cradle.acs.rollouts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits targets into waves given as cumulative percentages (1, 10, 50, 100): wave {@code i} ends
 * at target {@code ceil(n * p_i / 100)}, so a 1 % canary has at least one device; a wave may be
 * empty when the fleet is small.
 */
final class Waves {

  private Waves() {}

  /** Why these percentages cannot be waves; empty if they can. */
  static Optional<String> check(List<Integer> waves) {
    int previous = 0;
    for (Integer p : waves) {
      if (p == null || p <= previous || p > 100) {
        return Optional.of(
            "waves are cumulative percentages rising from 1 to 100, such as [1, 10, 50, 100]; got "
                + waves);
      }
      previous = p;
    }
    return previous == 100
        ? Optional.empty()
        : Optional.of("the last wave must be 100 (every target); got " + waves);
  }

  /** The wave of each of {@code n} targets, in target order. */
  static List<Integer> assign(int n, List<Integer> waves) {
    List<Integer> waveOf = new ArrayList<>(n);
    int wave = 0;
    for (int k = 0; k < n; k++) {
      while (k >= end(n, waves.get(wave))) {
        wave++;
      }
      waveOf.add(wave);
    }
    return waveOf;
  }

  /** How many targets each wave gets. */
  static List<Integer> sizes(int n, List<Integer> waves) {
    List<Integer> sizes = new ArrayList<>();
    int start = 0;
    for (int p : waves) {
      int end = end(n, p);
      sizes.add(end - start);
      start = end;
    }
    return sizes;
  }

  private static int end(int n, int percent) {
    return (int) Math.min(n, (n * (long) percent + 99) / 100);
  }
}
