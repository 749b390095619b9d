package io.cradle.fleet.bench;

import java.util.Arrays;

/**
 * A growable array of latency samples (microseconds) with nearest-rank percentiles. Not
 * thread-safe: each worker keeps its own and they are {@link #merge merged} at the end.
 */
public final class LatencySamples {

  private long[] values = new long[1024];
  private int size;
  private boolean sorted = true;

  public void add(long micros) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    if (size > 0 && micros < values[size - 1]) {
      sorted = false;
    }
    values[size++] = micros;
  }

  /** Appends all of {@code other}'s samples. */
  public void merge(LatencySamples other) {
    for (int i = 0; i < other.size; i++) {
      add(other.values[i]);
    }
  }

  public int size() {
    return size;
  }

  /**
   * The nearest-rank percentile: the smallest sample that at least {@code p} percent of the samples
   * are less than or equal to. {@code p = 0} gives the minimum, {@code 100} the maximum; 0 when
   * there are no samples.
   */
  public long percentile(double p) {
    if (p < 0 || p > 100 || Double.isNaN(p)) {
      throw new IllegalArgumentException("percentile " + p + " outside [0, 100]");
    }
    if (size == 0) {
      return 0;
    }
    sort();
    // p * size / 100 is exact for whole p; the epsilon keeps e.g. 99.9 * 1000 / 100 = 999.0000001
    // from rounding up a rank.
    long rank = (long) Math.ceil(p * size / 100.0 - 1e-9);
    int index = (int) Math.min(Math.max(rank - 1, 0), size - 1);
    return values[index];
  }

  public long max() {
    return percentile(100);
  }

  public double mean() {
    if (size == 0) {
      return 0;
    }
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += values[i];
    }
    return sum / size;
  }

  private void sort() {
    if (!sorted) {
      Arrays.sort(values, 0, size);
      sorted = true;
    }
  }
}
