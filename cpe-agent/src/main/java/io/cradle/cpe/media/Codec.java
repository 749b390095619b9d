package io.cradle.cpe.media;

import java.util.Optional;

/**
 * The voice codecs this phone can carry in RTP, with their static payload types — which are also
 * the values of the Preferred Vocoder P-values (P57-P62, P46, P98). G.722, G.729, iLBC and Opus are
 * not implemented; negotiation skips them.
 */
public enum Codec {
  /** G.711 µ-law. */
  PCMU(0, "PCMU"),
  /** G.711 A-law. */
  PCMA(8, "PCMA");

  /** The RTP clock of both G.711 laws. */
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

  /** Encodes one frame (one byte per sample). */
  public byte[] encode(short[] frame) {
    byte[] out = new byte[frame.length];
    if (this == PCMU) {
      G711.encodeUlaw(frame, out);
    } else {
      G711.encodeAlaw(frame, out);
    }
    return out;
  }

  /** Decodes a payload into {@code out}; returns the number of samples. */
  public int decode(byte[] payload, short[] out) {
    int n = Math.min(payload.length, out.length);
    if (this == PCMU) {
      G711.decodeUlaw(payload, 0, n, out);
    } else {
      G711.decodeAlaw(payload, 0, n, out);
    }
    return n;
  }
}
