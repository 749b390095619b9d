package io.cradle.cpe.media;

import java.util.Optional;

/**
 * The voice codecs this phone can carry in RTP, with their static payload types — which are also
 * the values of the Preferred Vocoder P-values (P57-P62, P46, P98). G.729, iLBC and Opus are not
 * implemented; negotiation skips them.
 *
 * <p>The phone's audio path (sources, sinks, tones, the jitter buffer's playout) runs at 8 kHz. A
 * stream codes it through its own {@link #newEncoder()} and {@link #newDecoder()}: G.711 needs no
 * state; G.722's ADPCM does, and it carries 8 kHz audio upsampled to 16 kHz on the wire (one byte
 * per 8 kHz sample, so the RTP timestamp advances as for G.711: RFC 3551's 8000 Hz clock for G.722)
 * and decimates what it receives back to 8 kHz by averaging sample pairs.
 */
public enum Codec {
  /** G.711 µ-law. */
  PCMU(0, "PCMU"),
  /** G.711 A-law. */
  PCMA(8, "PCMA"),
  /** G.722 at 64 kbit/s. */
  G722(9, "G722");

  /** The RTP clock of the three (for G.722 by RFC 3551's convention, not its sample rate). */
  public static final int CLOCK_RATE = 8000;

  private final int payloadType;
  private final String encodingName;

  Codec(int payloadType, String encodingName) {
    this.payloadType = payloadType;
    this.encodingName = encodingName;
  }

  /** The static RTP payload type (RFC 3551), also the vocoder P-value. */
  public int payloadType() {
    return payloadType;
  }

  /** The SDP rtpmap encoding name. */
  public String encodingName() {
    return encodingName;
  }

  /** The codec of a Preferred Vocoder P-value or static payload type, if implemented here. */
  public static Optional<Codec> ofPayloadType(int payloadType) {
    for (Codec c : values()) {
      if (c.payloadType == payloadType) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The codec of an SDP encoding name (case-insensitive), if implemented here. */
  public static Optional<Codec> ofEncodingName(String name) {
    for (Codec c : values()) {
      if (c.encodingName.equalsIgnoreCase(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** One direction of one stream's coding, 8 kHz frames to a payload. */
  @FunctionalInterface
  public interface Encoder {
    /** Encodes one frame: one byte per 8 kHz sample, for every codec here. */
    byte[] encode(short[] frame);
  }

  /** One direction of one stream's decoding, a payload to 8 kHz samples. */
  @FunctionalInterface
  public interface Decoder {
    /** Decodes {@code payload} into {@code out}; returns the number of samples. */
    int decode(byte[] payload, short[] out);
  }

  /** A new encoder for one stream: keep it for the stream's life (G.722 has state). */
  public Encoder newEncoder() {
    return switch (this) {
      case PCMU ->
          frame -> {
            byte[] out = new byte[frame.length];
            G711.encodeUlaw(frame, out);
            return out;
          };
      case PCMA ->
          frame -> {
            byte[] out = new byte[frame.length];
            G711.encodeAlaw(frame, out);
            return out;
          };
      case G722 -> new NarrowbandG722Encoder();
    };
  }

  /** A new decoder for one stream: keep it for the stream's life (G.722 has state). */
  public Decoder newDecoder() {
    return switch (this) {
      case PCMU ->
          (payload, out) -> {
            int n = Math.min(payload.length, out.length);
            G711.decodeUlaw(payload, 0, n, out);
            return n;
          };
      case PCMA ->
          (payload, out) -> {
            int n = Math.min(payload.length, out.length);
            G711.decodeAlaw(payload, 0, n, out);
            return n;
          };
      case G722 -> new NarrowbandG722Decoder();
    };
  }

  /** 8 kHz audio onto G.722: each sample preceded by the midpoint from the one before. */
  private static final class NarrowbandG722Encoder implements Encoder {
    private final io.cradle.cpe.media.G722.Encoder g722 = new io.cradle.cpe.media.G722.Encoder();
    private short last;

    @Override
    public byte[] encode(short[] frame) {
      short[] wide = new short[2 * frame.length];
      for (int i = 0; i < frame.length; i++) {
        wide[2 * i] = (short) ((last + frame[i]) >> 1);
        wide[2 * i + 1] = frame[i];
        last = frame[i];
      }
      return g722.encode(wide);
    }
  }

  /**
   * G.722 back to 8 kHz: each pair of 16 kHz samples averaged (a crude but alias-damping
   * decimator).
   */
  private static final class NarrowbandG722Decoder implements Decoder {
    private final io.cradle.cpe.media.G722.Decoder g722 = new io.cradle.cpe.media.G722.Decoder();

    @Override
    public int decode(byte[] payload, short[] out) {
      short[] wide = g722.decode(payload);
      int n = Math.min(payload.length, out.length);
      for (int i = 0; i < n; i++) {
        out[i] = (short) ((wide[2 * i] + wide[2 * i + 1]) >> 1);
      }
      return n;
    }
  }
}
