package io.cradle.cpe.media;

/**
 * The Goertzel algorithm: the power of one frequency in a block of samples, cheaper than an FFT
 * when only a few frequencies matter (tone checks, DTMF detection).
 */
public final class Goertzel {

  /** The block length for DTMF detection at 8 kHz (ITU-style 205 samples, ~25.6 ms). */
  public static final int DTMF_BLOCK = 205;

  private Goertzel() {}

  /** The raw Goertzel power of {@code frequency} in {@code len} samples at {@code offset}. */
  public static double power(short[] x, int offset, int len, double frequency, int sampleRate) {
    double coeff = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
    double s1 = 0;
    double s2 = 0;
    for (int i = 0; i < len; i++) {
      double s = x[offset + i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s;
    }
    return s1 * s1 + s2 * s2 - coeff * s1 * s2;
  }

  /**
   * The share (0-1) of the block's energy that lies at {@code frequency} (8 kHz samples): ~1 for a
   * pure sine at that frequency, ~0.5 for each tone of a DTMF pair, ~0 for other frequencies.
   */
  public static double relativePower(short[] x, int offset, int len, double frequency) {
    double energy = 0;
    for (int i = 0; i < len; i++) {
      energy += (double) x[offset + i] * x[offset + i];
    }
    if (energy == 0) {
      return 0;
    }
    return 2 * power(x, offset, len, frequency, ToneGenerator.SAMPLE_RATE) / (len * energy);
  }

  /** The relative power of {@code frequency} over the whole array. */
  public static double relativePower(short[] x, double frequency) {
    return relativePower(x, 0, x.length, frequency);
  }

  /**
   * The DTMF digit in a block (use {@link #DTMF_BLOCK} samples), or 0 if none: one row and one
   * column tone must each carry at least a fifth of the energy, together at least 70%, and the
   * block must not be near silence.
   */
  public static char detectDtmf(short[] x, int offset, int len) {
    double energy = 0;
    for (int i = 0; i < len; i++) {
      energy += (double) x[offset + i] * x[offset + i];
    }
    if (energy / len < 100 * 100) {
      return 0;
    }
    int row = strongest(x, offset, len, ToneGenerator.DTMF_ROWS, energy);
    int column = strongest(x, offset, len, ToneGenerator.DTMF_COLUMNS, energy);
    double r = share(x, offset, len, ToneGenerator.DTMF_ROWS[row], energy);
    double c = share(x, offset, len, ToneGenerator.DTMF_COLUMNS[column], energy);
    if (r < 0.2 || c < 0.2 || r + c < 0.7) {
      return 0;
    }
    return ToneGenerator.keypad(row, column);
  }

  private static int strongest(short[] x, int off, int len, double[] freqs, double energy) {
    int best = 0;
    double bestShare = -1;
    for (int i = 0; i < freqs.length; i++) {
      double s = share(x, off, len, freqs[i], energy);
      if (s > bestShare) {
        bestShare = s;
        best = i;
      }
    }
    return best;
  }

  private static double share(short[] x, int off, int len, double f, double energy) {
    return 2 * power(x, off, len, f, ToneGenerator.SAMPLE_RATE) / (len * energy);
  }
}
