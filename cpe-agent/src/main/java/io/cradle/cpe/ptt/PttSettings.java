package io.cradle.cpe.ptt;

import static io.cradle.cpe.ptt.PValues.flag;
import static io.cradle.cpe.ptt.PValues.number;
import static io.cradle.cpe.ptt.PValues.text;

import io.cradle.cpe.config.PValueStore;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The admin guide's "PTT/Group Paging" settings (Spectralink-compatible), read from the P-value
 * store: the shared multicast address, the emergency volume, the paging mode the button uses, and
 * the PTT (1-25) and group paging (26-50) channel plans.
 *
 * @param address the multicast group:port of P22183, empty if blank or malformed
 */
public record PttSettings(
    Optional<InetSocketAddress> address,
    int emergencyVolume,
    Mode mode,
    ChannelPlan ptt,
    ChannelPlan groupPaging) {

  public static final String PTT_ENABLE = "P22177";
  public static final String PTT_PTIME = "P22178";
  public static final String PTT_ACCEPT_WHILE_BUSY = "P22179";
  public static final String PTT_CODEC = "P22180";
  public static final String EMERGENCY_VOLUME = "P22181";
  public static final String PTT_CALLER_ID = "P22182";
  public static final String MULTICAST_ADDRESS = "P22183";
  public static final String PTT_DEFAULT_CHANNEL = "P22184";
  public static final String PTT_PRIORITY_CHANNEL = "P22185";
  public static final String PTT_EMERGENCY_CHANNEL = "P22186";
  public static final String PTT_AVAILABLE = "P22187";
  public static final String PTT_JOINED = "P22188";
  public static final String PTT_TRANSMIT = "P22189";
  public static final String PTT_SUBSCRIBE = "P22190";
  public static final String PAGING_MODE = "P22193";
  public static final String GROUP_ENABLE = "P22194";
  public static final String GROUP_PTIME = "P22195";
  public static final String GROUP_ACCEPT_WHILE_BUSY = "P22196";
  public static final String GROUP_CODEC = "P22197";
  public static final String GROUP_CALLER_ID = "P22198";
  public static final String GROUP_DEFAULT = "P22199";
  public static final String GROUP_PRIORITY = "P22200";
  public static final String GROUP_EMERGENCY = "P22201";
  public static final String GROUP_AVAILABLE = "P22202";
  public static final String GROUP_JOINED = "P22203";
  public static final String GROUP_TRANSPORT = "P22204";
  public static final String GROUP_ACCEPT = "P22205";

  /** What the PTT button starts (P22193). */
  public enum Mode {
    /** Grandstream multicast paging (the Multicast Paging Function's addresses). */
    MULTICAST,
    /** Spectralink PTT on the default channel. */
    PTT,
    /** Spectralink group paging on the default group. */
    GROUP_PAGING
  }

  /** The current settings in {@code store}. */
  public static PttSettings read(PValueStore store) {
    ChannelPlan ptt =
        new ChannelPlan(
            flag(store, PTT_ENABLE),
            1,
            Duration.ofMillis(number(store, PTT_PTIME)),
            flag(store, PTT_ACCEPT_WHILE_BUSY),
            number(store, PTT_CODEC),
            text(store, PTT_CALLER_ID),
            number(store, PTT_DEFAULT_CHANNEL),
            number(store, PTT_PRIORITY_CHANNEL),
            number(store, PTT_EMERGENCY_CHANNEL),
            ChannelPlan.bitmap(text(store, PTT_AVAILABLE), 1),
            ChannelPlan.bitmap(text(store, PTT_JOINED), 1),
            ChannelPlan.bitmap(text(store, PTT_TRANSMIT), 1),
            ChannelPlan.bitmap(text(store, PTT_SUBSCRIBE), 1));
    ChannelPlan group =
        new ChannelPlan(
            flag(store, GROUP_ENABLE),
            26,
            Duration.ofMillis(number(store, GROUP_PTIME)),
            flag(store, GROUP_ACCEPT_WHILE_BUSY),
            number(store, GROUP_CODEC),
            text(store, GROUP_CALLER_ID),
            number(store, GROUP_DEFAULT),
            number(store, GROUP_PRIORITY),
            number(store, GROUP_EMERGENCY),
            ChannelPlan.bitmap(text(store, GROUP_AVAILABLE), 26),
            ChannelPlan.bitmap(text(store, GROUP_JOINED), 26),
            ChannelPlan.bitmap(text(store, GROUP_TRANSPORT), 26),
            ChannelPlan.bitmap(text(store, GROUP_ACCEPT), 26));
    return new PttSettings(
        PValues.address(text(store, MULTICAST_ADDRESS)),
        number(store, EMERGENCY_VOLUME),
        Mode.values()[number(store, PAGING_MODE)],
        ptt,
        group);
  }

  /** The plan {@code channel} belongs to: PTT for 1-25, group paging for 26-50. */
  public ChannelPlan planOf(int channel) {
    return groupPaging.contains(channel) ? groupPaging : ptt;
  }
}
