package io.cradle.cpe.media;

/**
 * What a receiver knows about one RTP source, kept as RFC 3550 Appendix A.1, A.3 and A.8 do:
 * extended highest sequence, expected vs received, loss fraction per report interval and the
 * interarrival jitter estimate. Clock-free: arrival times are passed in.
 */
public final class ReceptionStats {

  private final int clockRate;
  private boolean started;
  private long baseSeq;
  private long maxSeq;
  private long received;
  private long octets;
  private long expectedPrior;
  private long receivedPrior;
  private double jitter;
  private long lastTransit;
  private boolean haveTransit;

  /** Stats for a source with an RTP clock of {@code clockRate} Hz. */
  public ReceptionStats(int clockRate) {
    this.clockRate = clockRate;
  }

  /**
   * Counts a packet; {@code forJitter} false for packets whose timestamp does not follow the
   * sampling clock (RFC 4733 events repeat the event's start timestamp).
   */
  public void onPacket(RtpPacket p, long arrivalNanos, boolean forJitter) {
    int seq = p.sequence();
    long ext;
    if (!started) {
      started = true;
      baseSeq = seq;
      maxSeq = seq;
      ext = seq;
    } else {
      int delta = (short) (seq - (int) (maxSeq & 0xFFFF));
      ext = maxSeq + delta;
      maxSeq = Math.max(maxSeq, ext);
    }
    received++;
    octets += p.payload().length;
    if (forJitter) {
      long arrival = (long) (arrivalNanos / 1e9 * clockRate);
      long transit = arrival - p.timestamp();
      if (haveTransit) {
        long d = Math.abs(transit - lastTransit);
        jitter += (d - jitter) / 16.0;
      }
      lastTransit = transit;
      haveTransit = true;
    }
  }

  /** Packets received (duplicates included, as RFC 3550 counts). */
  public long received() {
    return received;
  }

  /** Payload octets received. */
  public long octets() {
    return octets;
  }

  /** Packets expected from the sequence numbers. */
  public long expected() {
    return started ? maxSeq - baseSeq + 1 : 0;
  }

  /** Cumulative packets lost (may be negative with duplicates, as the RFC allows). */
  public long cumulativeLost() {
    return expected() - received;
  }

  /** The extended highest sequence number received. */
  public long extendedHighest() {
    return maxSeq;
  }

  /** Interarrival jitter in timestamp units. */
  public double jitter() {
    return jitter;
  }

  /** Interarrival jitter in milliseconds. */
  public double jitterMillis() {
    return jitter * 1000.0 / clockRate;
  }

  /** Whether any packet arrived. */
  public boolean started() {
    return started;
  }

  /**
   * A report block about {@code ssrc}, and starts the next loss interval.
   *
   * @param lastSr middle 32 bits of the last SR's NTP time from that source, 0 if none
   * @param delaySinceLastSr 1/65536 s since it arrived
   */
  public Rtcp.ReportBlock reportBlock(long ssrc, long lastSr, long delaySinceLastSr) {
    long expected = expected();
    long expectedInterval = expected - expectedPrior;
    long receivedInterval = received - receivedPrior;
    expectedPrior = expected;
    receivedPrior = received;
    long lostInterval = expectedInterval - receivedInterval;
    int fraction =
        expectedInterval == 0 || lostInterval <= 0
            ? 0
            : (int) ((lostInterval << 8) / expectedInterval);
    long lost = Math.max(-0x800000, Math.min(0x7FFFFF, cumulativeLost()));
    return new Rtcp.ReportBlock(
        ssrc,
        Math.min(255, fraction),
        (int) lost,
        maxSeq & 0xFFFF_FFFFL,
        (long) jitter,
        lastSr,
        delaySinceLastSr);
  }
}
