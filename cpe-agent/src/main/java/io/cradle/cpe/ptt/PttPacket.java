package io.cradle.cpe.ptt;

import io.cradle.cpe.media.MalformedPacketException;
import io.cradle.cpe.media.RtpPacket;
import java.nio.charset.StandardCharsets;

/**
 * Cradle's PTT/group paging datagram. Spectralink's PTT wire format is proprietary, so this is our
 * own, plain RTP (RFC 3550) to the configured multicast group:port:
 *
 * <pre>
 *  RTP header     V=2, M=1 on the first packet of a talk, PT 0 (PCMU) or 8 (PCMA),
 *                 sequence/timestamp as RFC 3550 (timestamp += ptime × 8), SSRC random per talk
 *  extension      X=1, profile 0x4350 ("CP"), length 1 + ceil(n / 4) words:
 *    byte 0       format version, 1
 *    byte 1       channel: PTT 1-25, group paging 26-50
 *    byte 2       flags: bit 0 END (last packets of a talk, no payload)
 *    byte 3       n, the caller ID's length in UTF-8 bytes (0-64)
 *    bytes 4..    the caller ID, zero-padded to a 4-byte boundary
 *  payload        ptime × 8 G.711 bytes; empty in END packets
 * </pre>
 *
 * <p>{@code rtp}'s own extension is replaced by the PTT one when encoding. The caller ID rides in
 * every packet (at most 64 bytes), so a phone that joins in the middle of a talk knows who speaks
 * without a separate announcement. A talk ends with three END packets, or when no packet came for
 * {@link PttService#RECEIVE_TIMEOUT}. Grandstream multicast paging (the Multicast Paging Function)
 * is plain RTP without this extension: its priority is the listen address it arrives on.
 */
public record PttPacket(int channel, boolean end, String callerId, RtpPacket rtp) {

  /** The RTP header extension profile that marks a Cradle PTT packet: "CP". */
  public static final int PROFILE = 0x4350;

  /** The format version in byte 0. */
  public static final int VERSION = 1;

  /** The longest caller ID carried, in UTF-8 bytes. */
  public static final int MAX_CALLER_ID = 64;

  private static final int FLAG_END = 1;

  public PttPacket {
    if (channel < 1 || channel > 2 * ChannelPlan.SIZE) {
      throw new IllegalArgumentException("channel " + channel + " not 1-50");
    }
    callerId = truncate(callerId == null ? "" : callerId);
  }

  /** The datagram as sent. */
  public byte[] encode() {
    byte[] id = callerId.getBytes(StandardCharsets.UTF_8);
    byte[] data = new byte[4 + (id.length + 3) / 4 * 4];
    data[0] = VERSION;
    data[1] = (byte) channel;
    data[2] = (byte) (end ? FLAG_END : 0);
    data[3] = (byte) id.length;
    System.arraycopy(id, 0, data, 4, id.length);
    RtpPacket withExtension =
        new RtpPacket(
            rtp.marker(),
            rtp.payloadType(),
            rtp.sequence(),
            rtp.timestamp(),
            rtp.ssrc(),
            null,
            new RtpPacket.Extension(PROFILE, data),
            rtp.payload(),
            0);
    return withExtension.encode();
  }

  /**
   * Reads a datagram.
   *
   * @throws MalformedPacketException if it is not RTP or carries no valid PTT extension
   */
  public static PttPacket parse(byte[] datagram, int offset, int length) {
    RtpPacket rtp = RtpPacket.parse(datagram, offset, length);
    RtpPacket.Extension ext = rtp.extension();
    if (ext == null || ext.profile() != PROFILE || ext.data().length < 4) {
      throw new MalformedPacketException("not a Cradle PTT packet (no 0x4350 extension)");
    }
    byte[] data = ext.data();
    if (data[0] != VERSION) {
      throw new MalformedPacketException("PTT format version " + data[0] + ", expected 1");
    }
    int channel = data[1] & 0xFF;
    int idLength = data[3] & 0xFF;
    if (channel < 1 || channel > 2 * ChannelPlan.SIZE) {
      throw new MalformedPacketException("PTT channel " + channel + " not 1-50");
    }
    if (idLength > MAX_CALLER_ID || 4 + idLength > data.length) {
      throw new MalformedPacketException("PTT caller ID length " + idLength + " out of range");
    }
    String id = new String(data, 4, idLength, StandardCharsets.UTF_8);
    return new PttPacket(channel, (data[2] & FLAG_END) != 0, id, rtp);
  }

  private static String truncate(String id) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_CALLER_ID) {
      return id;
    }
    // cut on a character boundary so the bytes stay valid UTF-8
    int end = id.length();
    while (id.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_CALLER_ID) {
      end--;
    }
    return id.substring(0, end);
  }
}
