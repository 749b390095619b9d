package io.cradle.cpe.media;

import java.util.TreeMap;

/**
 * The receive-side jitter buffer of one call leg: packets in, one packet per ptime out, in sequence
 * order. Clock-free: the caller passes the time (nanoseconds on any monotonic clock).
 *
 * <p>Playout of slot n is due at {@code n·ptime + fastest transit + delay}. The delay adapts to the
 * spread of transit times seen (peak above the fastest, decaying slowly) and is kept between the
 * Minimum and Maximum Jitter Buffer Length settings. A slot whose packet has not arrived when due,
 * while later ones have, is played as lost; a packet that comes after its slot was played is late
 * and dropped. When nothing newer has arrived the buffer waits (the far end may be silent) instead
 * of counting losses.
 */
public final class JitterBuffer {

  /** What {@link #offer} did with a packet. */
  public enum Offer {
    ACCEPTED,
    LATE,
    DUPLICATE,
    /** More than the maximum delay ahead: older slots were given up to make room. */
    OVERFLOW
  }

  /**
   * One playout slot.
   *
   * @param sequence the extended sequence number
   * @param packet the packet, or null if it was lost
   */
  public record Playout(long sequence, RtpPacket packet) {
    /** Whether the slot's packet never arrived in time. */
    public boolean lost() {
      return packet == null;
    }
  }

  private static final double PEAK_DECAY = 0.995; // half-life ~140 packets, ~3 s at 20 ms

  private final long ptimeNanos;
  private final long minDelayNanos;
  private final long maxDelayNanos;
  private final TreeMap<Long, RtpPacket> packets = new TreeMap<>();

  private boolean started;
  private long firstSeq;
  private long highestSeq;
  private long nextSeq;
  private long fastestTransit;
  private double peakSpread;
  private long received;
  private long late;
  private long lost;
  private long duplicates;
  private long discarded;

  /**
   * A buffer for packets every {@code ptimeMs}, delaying between {@code minMs} and {@code maxMs}.
   */
  public JitterBuffer(int ptimeMs, int minMs, int maxMs) {
    if (ptimeMs <= 0 || minMs < 0 || maxMs < minMs) {
      throw new IllegalArgumentException(
          "jitter buffer ptime " + ptimeMs + " ms, min " + minMs + " ms, max " + maxMs + " ms");
    }
    this.ptimeNanos = ptimeMs * 1_000_000L;
    this.minDelayNanos = minMs * 1_000_000L;
    this.maxDelayNanos = maxMs * 1_000_000L;
  }

  /** Takes a packet that arrived at {@code arrivalNanos}. */
  public Offer offer(RtpPacket packet, long arrivalNanos) {
    long seq;
    if (!started) {
      started = true;
      seq = packet.sequence();
      firstSeq = seq;
      highestSeq = seq;
      nextSeq = seq;
      fastestTransit = arrivalNanos;
    } else {
      int delta = (short) (packet.sequence() - (int) (highestSeq & 0xFFFF));
      seq = highestSeq + delta;
    }
    if (seq < nextSeq) {
      late++;
      return Offer.LATE;
    }
    if (packets.containsKey(seq)) {
      duplicates++;
      return Offer.DUPLICATE;
    }
    received++;
    long transit = arrivalNanos - (seq - firstSeq) * ptimeNanos;
    if (transit < fastestTransit) {
      peakSpread += fastestTransit - transit;
      fastestTransit = transit;
    }
    peakSpread = Math.max(transit - fastestTransit, peakSpread * PEAK_DECAY);
    highestSeq = Math.max(highestSeq, seq);
    packets.put(seq, packet);
    Offer result = Offer.ACCEPTED;
    while ((highestSeq - nextSeq) * ptimeNanos > maxDelayNanos + ptimeNanos) {
      if (packets.remove(nextSeq) != null) {
        discarded++;
      } else {
        lost++;
      }
      nextSeq++;
      result = Offer.OVERFLOW;
    }
    return result;
  }

  /**
   * The slot due at {@code nowNanos}, or null if none is due yet or the buffer is waiting for the
   * far end. Call once per ptime; when more than two slots are overdue the oldest are given up so
   * the delay does not grow.
   */
  public Playout poll(long nowNanos) {
    if (!started) {
      return null;
    }
    while (true) {
      if (due(nextSeq) > nowNanos) {
        return null;
      }
      RtpPacket p = packets.remove(nextSeq);
      if (p == null && nextSeq > highestSeq) {
        return null; // underrun: nothing newer yet, so not a loss
      }
      long seq = nextSeq++;
      if (p == null) {
        lost++;
      }
      if (due(nextSeq + 1) <= nowNanos && packets.containsKey(nextSeq)) {
        if (p != null) {
          discarded++;
        }
        continue; // behind schedule: skip this slot to catch up
      }
      return new Playout(seq, p);
    }
  }

  private long due(long seq) {
    return (seq - firstSeq) * ptimeNanos + fastestTransit + delayNanos();
  }

  /** The current playout delay in nanoseconds (between min and max). */
  public long delayNanos() {
    return Math.max(minDelayNanos, Math.min(maxDelayNanos, (long) peakSpread));
  }

  /** Packets accepted (not late, not duplicate). */
  public long received() {
    return received;
  }

  /** Packets that came after their slot was played. */
  public long late() {
    return late;
  }

  /** Slots played without their packet. */
  public long lost() {
    return lost;
  }

  /** Packets received twice. */
  public long duplicates() {
    return duplicates;
  }

  /** Packets dropped to keep the delay within the maximum. */
  public long discarded() {
    return discarded;
  }

  /** Packets waiting. */
  public int size() {
    return packets.size();
  }
}
