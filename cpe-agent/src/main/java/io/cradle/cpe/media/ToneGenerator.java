package io.cradle.cpe.media;

/**
 * A continuous sine or sum of sines (phase kept across frames), e.g. a 1 kHz test tone or a DTMF
 * digit's row and column tones.
 */
public final class ToneGenerator implements AudioSource {

  /** The sample rate of all phone audio here. */
  public static final int SAMPLE_RATE = 8000;

  /** DTMF row frequencies (Hz) for rows 1-4 of the keypad. */
  public static final double[] DTMF_ROWS = {697, 770, 852, 941};

  /** DTMF column frequencies (Hz) for columns 1-4. */
  public static final double[] DTMF_COLUMNS = {1209, 1336, 1477, 1633};

  private static final String KEYPAD = "123A456B789C*0#D";

  private final double[] step;
  private final double[] phase;
  private final double amplitude;

  /**
   * Sines of the given frequencies, each of {@code amplitude} (linear, full scale 32767), summed.
   */
  public ToneGenerator(double amplitude, double... frequencies) {
    if (frequencies.length == 0 || amplitude * frequencies.length > 32767) {
      throw new IllegalArgumentException(
          "need at least one frequency and a total amplitude ≤ 32767");
    }
    this.amplitude = amplitude;
    this.step = new double[frequencies.length];
    this.phase = new double[frequencies.length];
    for (int i = 0; i < frequencies.length; i++) {
      step[i] = 2 * Math.PI * frequencies[i] / SAMPLE_RATE;
    }
  }

  /** A single sine at −10 dBFS or so (amplitude 10,000). */
  public static ToneGenerator sine(double frequency) {
    return new ToneGenerator(10_000, frequency);
  }

  /** The dual tone of a DTMF digit (0-9, *, #, A-D), each tone at amplitude 8,000. */
  public static ToneGenerator dtmf(char digit) {
    int i = KEYPAD.indexOf(Character.toUpperCase(digit));
    if (i < 0) {
      throw new IllegalArgumentException("'" + digit + "' is not a DTMF digit");
    }
    return new ToneGenerator(8_000, DTMF_ROWS[i / 4], DTMF_COLUMNS[i % 4]);
  }

  /** The digit at row {@code row} (0-3) and column {@code column} (0-3) of the keypad. */
  static char keypad(int row, int column) {
    return KEYPAD.charAt(row * 4 + column);
  }

  @Override
  public void read(short[] frame) {
    for (int n = 0; n < frame.length; n++) {
      double v = 0;
      for (int i = 0; i < step.length; i++) {
        v += Math.sin(phase[i]);
        phase[i] += step[i];
        if (phase[i] > 2 * Math.PI) {
          phase[i] -= 2 * Math.PI;
        }
      }
      frame[n] = (short) Math.round(v * amplitude);
    }
  }

  /** {@code count} samples of this tone (convenience for tests and files). */
  public short[] samples(int count) {
    short[] out = new short[count];
    read(out);
    return out;
  }
}
