package io.cradle.cpe.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * One RTP packet (RFC 3550 §5.1): fixed header, CSRC list, optional header extension, payload and
 * padding. Immutable; {@link #encode} and {@link #parse} are exact inverses for well-formed input,
 * and {@link #parse} refuses anything that breaks the RFC with a {@link MalformedPacketException}.
 *
 * @param marker the M bit (first packet of a talkspurt, first packet of a DTMF event)
 * @param payloadType 0-127
 * @param sequence 0-65535
 * @param timestamp 0-2^32-1, in the payload's clock
 * @param ssrc 0-2^32-1
 * @param csrc up to 15 contributing sources
 * @param extension the header extension, or null
 * @param payload the payload bytes (without padding)
 * @param padding number of padding octets (0, or 1-255 including the count octet)
 */
public record RtpPacket(
    boolean marker,
    int payloadType,
    int sequence,
    long timestamp,
    long ssrc,
    long[] csrc,
    Extension extension,
    byte[] payload,
    int padding) {

  /** The fixed header length. */
  public static final int HEADER_LENGTH = 12;

  /**
   * An RTP header extension (RFC 3550 §5.3.1).
   *
   * @param profile the 16-bit profile-defined value
   * @param data the extension data, a multiple of 4 bytes
   */
  public record Extension(int profile, byte[] data) {
    public Extension {
      if (profile < 0 || profile > 0xFFFF) {
        throw new IllegalArgumentException("extension profile " + profile + " not 16-bit");
      }
      if (data.length % 4 != 0 || data.length / 4 > 0xFFFF) {
        throw new IllegalArgumentException("extension length " + data.length + " not 4n bytes");
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Extension e && e.profile == profile && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
      return 31 * profile + Arrays.hashCode(data);
    }
  }

  public RtpPacket {
    Objects.requireNonNull(payload, "payload");
    csrc = csrc == null ? new long[0] : csrc;
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type " + payloadType + " not 0-127");
    }
    if (sequence < 0 || sequence > 0xFFFF) {
      throw new IllegalArgumentException("sequence " + sequence + " not 16-bit");
    }
    if (timestamp < 0 || timestamp > 0xFFFF_FFFFL || ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("timestamp/SSRC not 32-bit unsigned");
    }
    if (csrc.length > 15) {
      throw new IllegalArgumentException(csrc.length + " CSRCs, at most 15");
    }
    if (padding < 0 || padding > 255) {
      throw new IllegalArgumentException("padding " + padding + " not 0-255");
    }
  }

  /** A plain packet: no CSRC, extension or padding. */
  public static RtpPacket of(
      boolean marker, int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {
    return new RtpPacket(marker, payloadType, sequence, timestamp, ssrc, null, null, payload, 0);
  }

  /** The packet's length on the wire. */
  public int length() {
    return HEADER_LENGTH
        + 4 * csrc.length
        + (extension == null ? 0 : 4 + extension.data().length)
        + payload.length
        + padding;
  }

  /** The packet as sent on the wire. */
  public byte[] encode() {
    byte[] out = new byte[length()];
    encodeInto(out);
    return out;
  }

  /** Writes the packet at the start of {@code out}; returns the length written. */
  public int encodeInto(byte[] out) {
    int n = length();
    if (out.length < n) {
      throw new IllegalArgumentException("buffer " + out.length + " < packet " + n);
    }
    out[0] =
        (byte) (0x80 | (padding > 0 ? 0x20 : 0) | (extension != null ? 0x10 : 0) | csrc.length);
    out[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
    out[2] = (byte) (sequence >> 8);
    out[3] = (byte) sequence;
    putInt(out, 4, timestamp);
    putInt(out, 8, ssrc);
    int p = HEADER_LENGTH;
    for (long c : csrc) {
      putInt(out, p, c);
      p += 4;
    }
    if (extension != null) {
      out[p] = (byte) (extension.profile() >> 8);
      out[p + 1] = (byte) extension.profile();
      int words = extension.data().length / 4;
      out[p + 2] = (byte) (words >> 8);
      out[p + 3] = (byte) words;
      System.arraycopy(extension.data(), 0, out, p + 4, extension.data().length);
      p += 4 + extension.data().length;
    }
    System.arraycopy(payload, 0, out, p, payload.length);
    p += payload.length;
    if (padding > 0) {
      Arrays.fill(out, p, p + padding - 1, (byte) 0);
      out[p + padding - 1] = (byte) padding;
    }
    return n;
  }

  /** Parses a whole packet. */
  public static RtpPacket parse(byte[] data) {
    return parse(data, 0, data.length);
  }

  /**
   * Parses {@code length} bytes at {@code offset}.
   *
   * @throws MalformedPacketException if too short, not version 2, or CSRC list, extension or
   *     padding run past the end
   */
  public static RtpPacket parse(byte[] data, int offset, int length) {
    if (length < HEADER_LENGTH) {
      throw new MalformedPacketException("RTP packet of " + length + " bytes, header needs 12");
    }
    int b0 = data[offset] & 0xFF;
    int version = b0 >> 6;
    if (version != 2) {
      throw new MalformedPacketException("RTP version " + version + ", expected 2");
    }
    boolean hasPadding = (b0 & 0x20) != 0;
    boolean hasExtension = (b0 & 0x10) != 0;
    int cc = b0 & 0x0F;
    int b1 = data[offset + 1] & 0xFF;
    int sequence = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
    long timestamp = getInt(data, offset + 4);
    long ssrc = getInt(data, offset + 8);
    int p = HEADER_LENGTH;
    if (p + 4 * cc > length) {
      throw new MalformedPacketException(
          cc + " CSRCs run past the end of a " + length + "-byte packet");
    }
    long[] csrc = new long[cc];
    for (int i = 0; i < cc; i++) {
      csrc[i] = getInt(data, offset + p);
      p += 4;
    }
    Extension extension = null;
    if (hasExtension) {
      if (p + 4 > length) {
        throw new MalformedPacketException("header extension runs past the end");
      }
      int profile = ((data[offset + p] & 0xFF) << 8) | (data[offset + p + 1] & 0xFF);
      int words = ((data[offset + p + 2] & 0xFF) << 8) | (data[offset + p + 3] & 0xFF);
      p += 4;
      if (p + 4 * words > length) {
        throw new MalformedPacketException(
            "header extension of " + words + " words runs past the end");
      }
      extension =
          new Extension(profile, Arrays.copyOfRange(data, offset + p, offset + p + 4 * words));
      p += 4 * words;
    }
    int padding = 0;
    if (hasPadding) {
      padding = data[offset + length - 1] & 0xFF;
      if (padding == 0 || p + padding > length) {
        throw new MalformedPacketException("padding count " + padding + " is impossible here");
      }
    }
    byte[] payload = Arrays.copyOfRange(data, offset + p, offset + length - padding);
    return new RtpPacket(
        (b1 & 0x80) != 0, b1 & 0x7F, sequence, timestamp, ssrc, csrc, extension, payload, padding);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RtpPacket r
        && r.marker == marker
        && r.payloadType == payloadType
        && r.sequence == sequence
        && r.timestamp == timestamp
        && r.ssrc == ssrc
        && Arrays.equals(r.csrc, csrc)
        && Objects.equals(r.extension, extension)
        && Arrays.equals(r.payload, payload)
        && r.padding == padding;
  }

  @Override
  public int hashCode() {
    return Objects.hash(payloadType, sequence, timestamp, ssrc) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "RtpPacket[pt="
        + payloadType
        + " seq="
        + sequence
        + " ts="
        + timestamp
        + " ssrc="
        + Long.toHexString(ssrc)
        + (marker ? " M" : "")
        + " payload="
        + payload.length
        + "]";
  }

  static void putInt(byte[] out, int p, long v) {
    out[p] = (byte) (v >> 24);
    out[p + 1] = (byte) (v >> 16);
    out[p + 2] = (byte) (v >> 8);
    out[p + 3] = (byte) v;
  }

  static long getInt(byte[] in, int p) {
    return ((in[p] & 0xFFL) << 24)
        | ((in[p + 1] & 0xFFL) << 16)
        | ((in[p + 2] & 0xFFL) << 8)
        | (in[p + 3] & 0xFFL);
  }
}
