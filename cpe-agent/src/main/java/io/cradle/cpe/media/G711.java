package io.cradle.cpe.media;

/**
 * ITU-T G.711 companding: 16-bit linear PCM to and from µ-law (PCMU, payload type 0) and A-law
 * (PCMA, payload type 8), one byte per sample.
 *
 * <p>The segment arithmetic is the classic reference one (CCITT/Sun {@code g711.c}): µ-law with a
 * bias of 0x84 and clipping at 32635, A-law on the 13 most significant bits with even bits inverted
 * (XOR 0x55). Decoding returns the middle of each quantisation step.
 */
public final class G711 {

  private static final int ULAW_BIAS = 0x84;
  private static final int ULAW_CLIP = 32635;
  private static final short[] ULAW_DECODE = new short[256];
  private static final short[] ALAW_DECODE = new short[256];

  static {
    for (int i = 0; i < 256; i++) {
      ULAW_DECODE[i] = ulawToLinearSlow((byte) i);
      ALAW_DECODE[i] = alawToLinearSlow((byte) i);
    }
  }

  private G711() {}

  /** Encodes one linear sample to µ-law. */
  public static byte linearToUlaw(short sample) {
    int pcm = sample;
    int sign = (pcm >> 8) & 0x80;
    if (sign != 0) {
      pcm = -pcm;
    }
    if (pcm > ULAW_CLIP) {
      pcm = ULAW_CLIP;
    }
    pcm += ULAW_BIAS;
    int exponent = 7;
    for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) {
      exponent--;
    }
    int mantissa = (pcm >> (exponent + 3)) & 0x0F;
    return (byte) ~(sign | (exponent << 4) | mantissa);
  }

  /** Decodes one µ-law byte to a linear sample. */
  public static short ulawToLinear(byte ulaw) {
    return ULAW_DECODE[ulaw & 0xFF];
  }

  /** Encodes one linear sample to A-law. */
  public static byte linearToAlaw(short sample) {
    int pcm = sample >> 3;
    int mask;
    if (pcm >= 0) {
      mask = 0xD5;
    } else {
      mask = 0x55;
      pcm = -pcm - 1;
    }
    int segment = 0;
    while (segment < 8 && pcm > (0x20 << segment) - 1) {
      segment++;
    }
    if (segment >= 8) {
      return (byte) (0x7F ^ mask);
    }
    int aval = segment << 4;
    aval |= segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
    return (byte) (aval ^ mask);
  }

  /** Decodes one A-law byte to a linear sample. */
  public static short alawToLinear(byte alaw) {
    return ALAW_DECODE[alaw & 0xFF];
  }

  /** Encodes {@code samples} into {@code out} (same length) as µ-law. */
  public static void encodeUlaw(short[] samples, byte[] out) {
    for (int i = 0; i < samples.length; i++) {
      out[i] = linearToUlaw(samples[i]);
    }
  }

  /** Encodes {@code samples} into {@code out} (same length) as A-law. */
  public static void encodeAlaw(short[] samples, byte[] out) {
    for (int i = 0; i < samples.length; i++) {
      out[i] = linearToAlaw(samples[i]);
    }
  }

  /** Decodes {@code length} µ-law bytes from {@code in} into {@code out}. */
  public static void decodeUlaw(byte[] in, int offset, int length, short[] out) {
    for (int i = 0; i < length; i++) {
      out[i] = ULAW_DECODE[in[offset + i] & 0xFF];
    }
  }

  /** Decodes {@code length} A-law bytes from {@code in} into {@code out}. */
  public static void decodeAlaw(byte[] in, int offset, int length, short[] out) {
    for (int i = 0; i < length; i++) {
      out[i] = ALAW_DECODE[in[offset + i] & 0xFF];
    }
  }

  private static short ulawToLinearSlow(byte ulaw) {
    int u = ~ulaw & 0xFF;
    int sign = u & 0x80;
    int exponent = (u >> 4) & 0x07;
    int mantissa = u & 0x0F;
    int sample = (((mantissa << 3) + ULAW_BIAS) << exponent) - ULAW_BIAS;
    return (short) (sign != 0 ? -sample : sample);
  }

  private static short alawToLinearSlow(byte alaw) {
    int a = (alaw & 0xFF) ^ 0x55;
    int t = (a & 0x0F) << 4;
    int segment = (a & 0x70) >> 4;
    if (segment == 0) {
      t += 8;
    } else {
      t += 0x108;
      if (segment > 1) {
        t <<= segment - 1;
      }
    }
    return (short) ((a & 0x80) != 0 ? t : -t);
  }
}
