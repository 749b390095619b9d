package io.cradle.cpe.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** G.722 round trips: tones in either sub-band come back at their frequency and clean enough. */
class G722Test {

  static short[] tone(double hz, double amplitude, int samples) {
    short[] x = new short[samples];
    for (int i = 0; i < samples; i++) {
      x[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / G722.SAMPLE_RATE));
    }
    return x;
  }

  /** Encodes in 20 ms frames (320 samples, 160 bytes) and decodes, as an RTP stream would. */
  static short[] roundTrip(short[] in) {
    G722.Encoder encoder = new G722.Encoder();
    G722.Decoder decoder = new G722.Decoder();
    short[] out = new short[in.length];
    for (int at = 0; at < in.length; at += 320) {
      short[] frame = java.util.Arrays.copyOfRange(in, at, at + 320);
      byte[] payload = encoder.encode(frame);
      assertEquals(160, payload.length, "64 kbit/s: 160 bytes per 20 ms");
      System.arraycopy(decoder.decode(payload), 0, out, at, 320);
    }
    return out;
  }

  /**
   * Signal-to-noise ratio of {@code out} against {@code in}, after the codec's delay (the best
   * alignment within 64 samples) and gain, over the second half (the ADPCM has adapted by then).
   */
  static double snrDb(short[] in, short[] out) {
    int from = in.length / 2;
    int to = in.length - 64;
    double best = Double.NEGATIVE_INFINITY;
    for (int delay = 0; delay < 64; delay++) {
      double rr = 0;
      double ro = 0;
      double oo = 0;
      for (int i = from; i < to; i++) {
        rr += (double) in[i] * in[i];
        ro += (double) in[i] * out[i + delay];
        oo += (double) out[i + delay] * out[i + delay];
      }
      double gain = ro / rr;
      double noise = oo - 2 * gain * ro + gain * gain * rr;
      best = Math.max(best, 10 * Math.log10(gain * gain * rr / noise));
    }
    return best;
  }

  /** The frequency among 250 Hz steps up to 7.75 kHz with the most power in {@code x}. */
  static double strongest(short[] x) {
    double bestHz = 0;
    double bestPower = -1;
    for (double hz = 250; hz < 8000; hz += 250) {
      double p = Goertzel.power(x, x.length / 2, x.length / 2, hz, G722.SAMPLE_RATE);
      if (p > bestPower) {
        bestPower = p;
        bestHz = hz;
      }
    }
    return bestHz;
  }

  @Test
  void aLowBandToneComesBackAtItsFrequencyWithAGoodSnr() {
    short[] in = tone(1000, 8000, 16_000);
    short[] out = roundTrip(in);
    assertEquals(1000, strongest(out));
    double snr = snrDb(in, out);
    assertTrue(snr > 40, "1 kHz SNR " + snr + " dB");
  }

  @Test
  void aHighBandToneSurvivesTheTwoBitBand() {
    // 6 kHz lies in the upper sub-band, coded with 2 bits a sample: clearly there, less clean.
    short[] in = tone(6000, 8000, 16_000);
    short[] out = roundTrip(in);
    assertEquals(6000, strongest(out));
    double snr = snrDb(in, out);
    assertTrue(snr > 20, "6 kHz SNR " + snr + " dB");
  }

  @Test
  void wideBandIsWhatG711CannotCarry() {
    // A 5 kHz tone is above G.711's 4 kHz Nyquist limit; G.722 keeps it.
    short[] out = roundTrip(tone(5000, 8000, 16_000));
    double at5k = Goertzel.power(out, 8000, 8000, 5000, G722.SAMPLE_RATE);
    double at3k = Goertzel.power(out, 8000, 8000, 3000, G722.SAMPLE_RATE);
    assertTrue(at5k > 100 * at3k, "5 kHz is carried, not aliased to 3 kHz");
  }

  @Test
  void silenceStaysQuietAndDecodingIsDeterministic() {
    short[] out = roundTrip(new short[3200]);
    for (short s : out) {
      assertTrue(Math.abs(s) < 64, "idle noise " + s);
    }
    short[] in = tone(1500, 12000, 3200);
    assertArrayEquals(roundTrip(in), roundTrip(in), "same input, same output");
  }

  @Test
  void samplesComeInPairs() {
    assertThrows(IllegalArgumentException.class, () -> new G722.Encoder().encode(new short[3]));
  }
}
