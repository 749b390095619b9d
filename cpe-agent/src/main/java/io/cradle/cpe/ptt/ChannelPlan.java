package io.cradle.cpe.ptt;

import java.time.Duration;
import java.util.BitSet;

/**
 * One Spectralink-style channel block as the admin guide configures it: PTT (channels 1-25) or
 * group paging (groups 26-50) — enable, ptime, accept while busy, codec, caller ID, the default,
 * priority and emergency channel, and the per-channel Available/Joined/Transmit/Subscribe flags.
 * Joined only puts a channel in the phone's list (guide: "Only available and joined channel will be
 * displayed"); hearing and talking depend on the other three.
 *
 * @param first the number of the block's first channel (1 for PTT, 26 for group paging)
 * @param codec the configured codec P-value: 0 G.711, 1 G.722, 2 Opus (sent as G.711)
 */
public record ChannelPlan(
    boolean enabled,
    int first,
    Duration ptime,
    boolean acceptWhileBusy,
    int codec,
    String callerId,
    int defaultChannel,
    int priorityChannel,
    int emergencyChannel,
    BitSet available,
    BitSet joined,
    BitSet transmit,
    BitSet subscribe) {

  /** Channels per block. */
  public static final int SIZE = 25;

  /** The codec P-value's G.722 (0 G.711, 1 G.722, 2 Opus). */
  public static final int CODEC_G722 = 1;

  public ChannelPlan {
    available = (BitSet) available.clone();
    joined = (BitSet) joined.clone();
    transmit = (BitSet) transmit.clone();
    subscribe = (BitSet) subscribe.clone();
  }

  /** Whether {@code channel} is one of this block's. */
  public boolean contains(int channel) {
    return channel >= first && channel < first + SIZE;
  }

  /**
   * Whether a PTT/page on {@code channel} may be heard: the block is on and the channel is
   * Available and Subscribed (Accept for paging groups).
   */
  public boolean canReceive(int channel) {
    return enabled && contains(channel) && available.get(channel) && subscribe.get(channel);
  }

  /** Whether this phone may talk on {@code channel}: the guide's "Transmit and Available". */
  public boolean canTransmit(int channel) {
    return enabled && contains(channel) && available.get(channel) && transmit.get(channel);
  }

  /** The priority level of {@code channel}: emergency beats priority beats normal. */
  public Level level(int channel) {
    if (channel == emergencyChannel) {
      return Level.EMERGENCY;
    }
    return channel == priorityChannel ? Level.PRIORITY : Level.NORMAL;
  }

  /** The three PTT priority levels, lowest first. */
  public enum Level {
    NORMAL,
    PRIORITY,
    EMERGENCY
  }

  /**
   * A 25-character bitmap P-value ({@code 1} = on, anything else off; short values are padded with
   * off) as a set of channel numbers starting at {@code first}.
   */
  static BitSet bitmap(String value, int first) {
    BitSet bits = new BitSet();
    for (int i = 0; i < Math.min(SIZE, value.length()); i++) {
      if (value.charAt(i) == '1') {
        bits.set(first + i);
      }
    }
    return bits;
  }
}
