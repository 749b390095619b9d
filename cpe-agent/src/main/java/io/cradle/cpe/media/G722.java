package io.cradle.cpe.media;

/**
 * ITU-T G.722 at 64 kbit/s (mode 1): 16 kHz linear PCM split by a 24-tap QMF into a 0-4 kHz band
 * coded with 6-bit ADPCM and a 4-8 kHz band coded with 2-bit ADPCM, one byte (high band in the top
 * two bits) per pair of input samples. Pure, no clock; one {@link Encoder} or {@link Decoder} per
 * direction of a stream, since ADPCM carries state from sample to sample.
 *
 * <p>The arithmetic follows the Recommendation's fixed-point blocks (names in the comments: SUBTRA,
 * QUANTL, INVQAL, LOGSCL, SCALEL, UPPOL1/2, UPZERO, FILTEP/FILTEZ, PREDIC…) in the formulation of
 * the widely used public-domain implementations. 16-bit samples are taken to the codec's 15-bit
 * range by the QMF (it scales by 1/2) and back. RTP (RFC 3551): payload type 9, and an RTP clock of
 * 8000 Hz although the audio is sampled at 16 kHz — the timestamp advances by one per byte ({@link
 * Codec#G722}).
 */
public final class G722 {

  /** The audio sample rate (Hz). */
  public static final int SAMPLE_RATE = 16_000;

  private static final int[] QMF = {3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11};

  private static final int[] Q6 = {
    0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714, 786, 858, 940, 1023,
    1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919, 0, 0
  };
  private static final int[] ILN = {
    0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11,
    10, 9, 8, 7, 6, 5, 4, 0
  };
  private static final int[] ILP = {
    0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39,
    38, 37, 36, 35, 34, 33, 32, 0
  };
  private static final int[] WL = {-60, -30, 58, 172, 334, 538, 1198, 3042};
  private static final int[] RL42 = {0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0};
  private static final int[] ILB = {
    2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
    2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008
  };
  private static final int[] QM4 = {
    0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240, 2584,
    1200, 0
  };
  private static final int[] QM6 = {
    -136, -136, -136, -136, -24808, -21904, -19008, -16704, -14984, -13512, -12280, -11192, -10232,
    -9360, -8576, -7856, -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576, -3168, -2776,
    -2400, -2032, -1688, -1360, -1040, -728, 24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
    10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456, 4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
    1688, 1360, 1040, 728, 432, 136, -432, -136
  };
  private static final int[] QM2 = {-7408, -1616, 7408, 1616};
  private static final int[] IHN = {0, 1, 0};
  private static final int[] IHP = {0, 3, 2};
  private static final int[] WH = {0, -214, 798};
  private static final int[] RH2 = {2, 1, 2, 1};

  private G722() {}

  /** Encodes 16 kHz audio: each pair of samples becomes one byte. Keep one per stream. */
  public static final class Encoder {
    private final int[] x = new int[24];
    private final Band low = new Band(32);
    private final Band high = new Band(8);

    /** Encodes {@code pcm} (an even number of 16 kHz samples) to {@code pcm.length / 2} bytes. */
    public byte[] encode(short[] pcm) {
      if (pcm.length % 2 != 0) {
        throw new IllegalArgumentException("G.722 codes samples in pairs: " + pcm.length);
      }
      byte[] out = new byte[pcm.length / 2];
      for (int j = 0; j < out.length; j++) {
        // Transmit QMF: two new samples in, one low-band and one high-band sample out.
        System.arraycopy(x, 2, x, 0, 22);
        x[22] = pcm[2 * j];
        x[23] = pcm[2 * j + 1];
        int sumOdd = 0;
        int sumEven = 0;
        for (int i = 0; i < 12; i++) {
          sumOdd += x[2 * i] * QMF[i];
          sumEven += x[2 * i + 1] * QMF[11 - i];
        }
        int xLow = (sumEven + sumOdd) >> 14;
        int xHigh = (sumEven - sumOdd) >> 14;

        // Low band: SUBTRA, QUANTL, INVQAL, then the scale factor and predictor update.
        int el = saturate(xLow - low.s);
        int wd = el >= 0 ? el : -(el + 1);
        int i = 1;
        while (i < 30 && wd >= (Q6[i] * low.det) >> 12) {
          i++;
        }
        int iLow = el < 0 ? ILN[i] : ILP[i];
        int ril = iLow >> 2;
        low.adapt((low.det * QM4[ril]) >> 15, WL[RL42[ril]], 18432, 8);

        // High band: SUBTRA, QUANTH, INVQAH, then its update.
        int eh = saturate(xHigh - high.s);
        wd = eh >= 0 ? eh : -(eh + 1);
        int mih = wd >= (564 * high.det) >> 12 ? 2 : 1;
        int iHigh = eh < 0 ? IHN[mih] : IHP[mih];
        high.adapt((high.det * QM2[iHigh]) >> 15, WH[RH2[iHigh]], 22528, 10);

        out[j] = (byte) ((iHigh << 6) | iLow);
      }
      return out;
    }
  }

  /**
   * Decodes 64 kbit/s G.722 to 16 kHz audio: each byte becomes two samples. Keep one per stream.
   */
  public static final class Decoder {
    private final int[] x = new int[24];
    private final Band low = new Band(32);
    private final Band high = new Band(8);

    /** Decodes {@code bytes} into {@code 2 * bytes.length} samples. */
    public short[] decode(byte[] bytes) {
      short[] out = new short[2 * bytes.length];
      for (int j = 0; j < bytes.length; j++) {
        int code = bytes[j] & 0xFF;
        int iLow = code & 0x3F;
        int iHigh = (code >> 6) & 0x03;

        // Low band: INVQBL and RECONS with the 6-bit code, LIMIT; the predictor adapts on the
        // 4-bit code (INVQAL), exactly as the encoder's did.
        int rLow = clamp(low.s + ((low.det * QM6[iLow]) >> 15), -16384, 16383);
        int ril = iLow >> 2;
        low.adapt((low.det * QM4[ril]) >> 15, WL[RL42[ril]], 18432, 8);

        int dHigh = (high.det * QM2[iHigh]) >> 15;
        int rHigh = clamp(dHigh + high.s, -16384, 16383);
        high.adapt(dHigh, WH[RH2[iHigh]], 22528, 10);

        // Receive QMF: one sample of each band in, two 16 kHz samples out.
        System.arraycopy(x, 2, x, 0, 22);
        x[22] = rLow + rHigh;
        x[23] = rLow - rHigh;
        int out1 = 0;
        int out2 = 0;
        for (int i = 0; i < 12; i++) {
          out2 += x[2 * i] * QMF[i];
          out1 += x[2 * i + 1] * QMF[11 - i];
        }
        out[2 * j] = (short) saturate(out1 >> 11);
        out[2 * j + 1] = (short) saturate(out2 >> 11);
      }
      return out;
    }
  }

  /** One sub-band's ADPCM state: the scale factor and the pole-zero predictor. */
  private static final class Band {
    int s;
    int sp;
    int sz;
    final int[] r = new int[3];
    final int[] a = new int[3];
    final int[] ap = new int[3];
    final int[] p = new int[3];
    final int[] d = new int[7];
    final int[] b = new int[7];
    final int[] bp = new int[7];
    final int[] sg = new int[7];
    int nb;
    int det;

    Band(int det) {
      this.det = det;
    }

    /**
     * After a sample: LOGSCL/LOGSCH (log scale factor {@code nb} leaks and moves by {@code w},
     * limited to {@code nbMax}), SCALEL/SCALEH (the step {@code det}, {@code shift} 8 low, 10
     * high), then block 4 with the quantized difference {@code dq}.
     */
    void adapt(int dq, int w, int nbMax, int shift) {
      nb = clamp(((nb * 127) >> 7) + w, 0, nbMax);
      int wd1 = (nb >> 6) & 31;
      int wd2 = shift - (nb >> 11);
      int wd3 = wd2 < 0 ? ILB[wd1] << -wd2 : ILB[wd1] >> wd2;
      det = wd3 << 2;
      predict(dq);
    }

    /** Block 4: RECONS, PARREC, UPPOL2, UPPOL1, UPZERO, DELAYA, FILTEP, FILTEZ, PREDIC. */
    private void predict(int dq) {
      d[0] = dq;
      r[0] = saturate(s + dq);
      p[0] = saturate(sz + dq);

      for (int i = 0; i < 3; i++) {
        sg[i] = p[i] >> 15;
      }
      int wd1 = saturate(a[1] << 2);
      int wd2 = sg[0] == sg[1] ? -wd1 : wd1;
      if (wd2 > 32767) {
        wd2 = 32767;
      }
      int wd3 = (wd2 >> 7) + (sg[0] == sg[2] ? 128 : -128);
      wd3 += (a[2] * 32512) >> 15;
      ap[2] = clamp(wd3, -12288, 12288);

      sg[0] = p[0] >> 15;
      sg[1] = p[1] >> 15;
      wd1 = sg[0] == sg[1] ? 192 : -192;
      wd2 = (a[1] * 32640) >> 15;
      ap[1] = saturate(wd1 + wd2);
      wd3 = saturate(15360 - ap[2]);
      ap[1] = clamp(ap[1], -wd3, wd3);

      wd1 = dq == 0 ? 0 : 128;
      sg[0] = dq >> 15;
      for (int i = 1; i < 7; i++) {
        sg[i] = d[i] >> 15;
        wd2 = sg[i] == sg[0] ? wd1 : -wd1;
        wd3 = (b[i] * 32640) >> 15;
        bp[i] = saturate(wd2 + wd3);
      }

      for (int i = 6; i > 0; i--) {
        d[i] = d[i - 1];
        b[i] = bp[i];
      }
      for (int i = 2; i > 0; i--) {
        r[i] = r[i - 1];
        p[i] = p[i - 1];
        a[i] = ap[i];
      }

      wd1 = saturate(r[1] + r[1]);
      wd1 = (a[1] * wd1) >> 15;
      wd2 = saturate(r[2] + r[2]);
      wd2 = (a[2] * wd2) >> 15;
      sp = saturate(wd1 + wd2);

      int zeros = 0;
      for (int i = 6; i > 0; i--) {
        wd1 = saturate(d[i] + d[i]);
        zeros += (b[i] * wd1) >> 15;
      }
      sz = saturate(zeros);
      s = saturate(sp + sz);
    }
  }

  private static int saturate(int v) {
    return clamp(v, Short.MIN_VALUE, Short.MAX_VALUE);
  }

  private static int clamp(int v, int lo, int hi) {
    return v < lo ? lo : Math.min(v, hi);
  }
}
