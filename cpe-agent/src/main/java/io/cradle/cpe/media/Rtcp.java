package io.cradle.cpe.media;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RTCP sender and receiver reports (RFC 3550 §6.4) in compound packets with an SDES CNAME. Other
 * packet types (SDES, BYE, APP, XR) are skipped when parsing; a packet whose lengths do not add up
 * is refused.
 */
public final class Rtcp {

  /** Packet type of a sender report. */
  public static final int SR = 200;

  /** Packet type of a receiver report. */
  public static final int RR = 201;

  /** Packet type of source description. */
  public static final int SDES = 202;

  private Rtcp() {}

  /**
   * What a sender says about itself.
   *
   * @param ntpTimestamp 64-bit NTP time of sending
   * @param rtpTimestamp the same instant on the RTP clock
   * @param packetCount packets sent
   * @param octetCount payload octets sent
   */
  public record SenderInfo(
      long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {}

  /**
   * What a receiver says about one source.
   *
   * @param ssrc the source reported on
   * @param fractionLost lost since the previous report, in 1/256
   * @param cumulativeLost packets lost since the start (24-bit signed)
   * @param highestSequence extended highest sequence number received
   * @param jitter interarrival jitter in timestamp units
   * @param lastSr middle 32 bits of the NTP timestamp of the last SR from that source, 0 if none
   * @param delaySinceLastSr since that SR, in 1/65536 s
   */
  public record ReportBlock(
      long ssrc,
      int fractionLost,
      int cumulativeLost,
      long highestSequence,
      long jitter,
      long lastSr,
      long delaySinceLastSr) {}

  /**
   * One SR (with sender info) or RR (senderInfo null).
   *
   * @param ssrc the reporter
   * @param senderInfo its sender info, or null for a receiver report
   * @param blocks report blocks (at most 31)
   */
  public record Report(long ssrc, SenderInfo senderInfo, List<ReportBlock> blocks) {
    public Report {
      blocks = List.copyOf(blocks);
      if (blocks.size() > 31) {
        throw new IllegalArgumentException(blocks.size() + " report blocks, at most 31");
      }
    }
  }

  /** A compound packet: the report, then SDES with {@code cname}. */
  public static byte[] encode(Report report, String cname) {
    boolean sr = report.senderInfo() != null;
    int reportLen = 8 + (sr ? 20 : 0) + 24 * report.blocks().size();
    byte[] name = cname.getBytes(StandardCharsets.UTF_8);
    if (name.length > 255) {
      throw new IllegalArgumentException("CNAME longer than 255 bytes");
    }
    int sdesLen = (8 + 2 + name.length + 1 + 3) / 4 * 4; // header, SSRC, item, end, pad to 32 bits
    byte[] out = new byte[reportLen + sdesLen];
    out[0] = (byte) (0x80 | report.blocks().size());
    out[1] = (byte) (sr ? SR : RR);
    putShort(out, 2, reportLen / 4 - 1);
    RtpPacket.putInt(out, 4, report.ssrc());
    int p = 8;
    if (sr) {
      SenderInfo s = report.senderInfo();
      RtpPacket.putInt(out, p, s.ntpTimestamp() >>> 32);
      RtpPacket.putInt(out, p + 4, s.ntpTimestamp() & 0xFFFF_FFFFL);
      RtpPacket.putInt(out, p + 8, s.rtpTimestamp());
      RtpPacket.putInt(out, p + 12, s.packetCount());
      RtpPacket.putInt(out, p + 16, s.octetCount());
      p += 20;
    }
    for (ReportBlock b : report.blocks()) {
      RtpPacket.putInt(out, p, b.ssrc());
      RtpPacket.putInt(
          out, p + 4, ((long) b.fractionLost() << 24) | (b.cumulativeLost() & 0xFFFFFF));
      RtpPacket.putInt(out, p + 8, b.highestSequence());
      RtpPacket.putInt(out, p + 12, b.jitter());
      RtpPacket.putInt(out, p + 16, b.lastSr());
      RtpPacket.putInt(out, p + 20, b.delaySinceLastSr());
      p += 24;
    }
    out[p] = (byte) 0x81;
    out[p + 1] = (byte) SDES;
    putShort(out, p + 2, sdesLen / 4 - 1);
    RtpPacket.putInt(out, p + 4, report.ssrc());
    out[p + 8] = 1; // CNAME
    out[p + 9] = (byte) name.length;
    System.arraycopy(name, 0, out, p + 10, name.length);
    return out;
  }

  /** The SRs and RRs of a compound packet. */
  public static List<Report> parse(byte[] data, int offset, int length) {
    List<Report> reports = new ArrayList<>();
    int p = offset;
    int end = offset + length;
    if (length < 4) {
      throw new MalformedPacketException("RTCP packet of " + length + " bytes");
    }
    while (p < end) {
      if (p + 4 > end) {
        throw new MalformedPacketException("RTCP header runs past the end");
      }
      int b0 = data[p] & 0xFF;
      if (b0 >> 6 != 2) {
        throw new MalformedPacketException("RTCP version " + (b0 >> 6) + ", expected 2");
      }
      int count = b0 & 0x1F;
      int type = data[p + 1] & 0xFF;
      int len = 4 * (((data[p + 2] & 0xFF) << 8 | (data[p + 3] & 0xFF)) + 1);
      if (p + len > end) {
        throw new MalformedPacketException(
            "RTCP packet type " + type + " of " + len + " bytes runs past the end");
      }
      if (type == SR || type == RR) {
        int need = 8 + (type == SR ? 20 : 0) + 24 * count;
        if (len < need) {
          throw new MalformedPacketException(
              "RTCP "
                  + (type == SR ? "SR" : "RR")
                  + " with "
                  + count
                  + " blocks in "
                  + len
                  + " bytes");
        }
        long ssrc = RtpPacket.getInt(data, p + 4);
        int q = p + 8;
        SenderInfo info = null;
        if (type == SR) {
          info =
              new SenderInfo(
                  RtpPacket.getInt(data, q) << 32 | RtpPacket.getInt(data, q + 4),
                  RtpPacket.getInt(data, q + 8),
                  RtpPacket.getInt(data, q + 12),
                  RtpPacket.getInt(data, q + 16));
          q += 20;
        }
        List<ReportBlock> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++, q += 24) {
          long lossWord = RtpPacket.getInt(data, q + 4);
          int cumulative = (int) (lossWord & 0xFFFFFF);
          if ((cumulative & 0x800000) != 0) {
            cumulative |= 0xFF000000;
          }
          blocks.add(
              new ReportBlock(
                  RtpPacket.getInt(data, q),
                  (int) (lossWord >>> 24),
                  cumulative,
                  RtpPacket.getInt(data, q + 8),
                  RtpPacket.getInt(data, q + 12),
                  RtpPacket.getInt(data, q + 16),
                  RtpPacket.getInt(data, q + 20)));
        }
        reports.add(new Report(ssrc, info, blocks));
      }
      p += len;
    }
    return reports;
  }

  /** The middle 32 bits of a 64-bit NTP timestamp, as LSR and RTT arithmetic use them. */
  public static long middle32(long ntp) {
    return (ntp >>> 16) & 0xFFFF_FFFFL;
  }

  /**
   * The round-trip time in ms from a report block about us that arrived at {@code arrivalNtp}, or
   * −1 if the block carries no LSR (RFC 3550 §6.4.1: A − LSR − DLSR).
   */
  public static double roundTripMillis(ReportBlock block, long arrivalNtp) {
    if (block.lastSr() == 0) {
      return -1;
    }
    long rtt = (middle32(arrivalNtp) - block.lastSr() - block.delaySinceLastSr()) & 0xFFFF_FFFFL;
    if (rtt > 0x8000_0000L) {
      return 0; // clock rounding made it slightly negative
    }
    return rtt * 1000.0 / 65536.0;
  }

  private static void putShort(byte[] out, int p, int v) {
    out[p] = (byte) (v >> 8);
    out[p + 1] = (byte) v;
  }
}
