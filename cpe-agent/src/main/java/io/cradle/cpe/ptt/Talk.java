package io.cradle.cpe.ptt;

/**
 * A PTT talk or page, as the arbiter sees it: which kind and on which channel.
 *
 * @param channel the Spectralink channel (PTT 1-25, group paging 26-50) or, for a multicast page,
 *     the priority (1-10, 1 highest) of the listen address it arrived on
 */
public record Talk(Kind kind, int channel) {

  /** Where a talk comes from. */
  public enum Kind {
    /** Spectralink-compatible PTT, channels 1-25. */
    PTT,
    /** Spectralink-compatible group paging, groups 26-50. */
    GROUP_PAGE,
    /** Grandstream multicast paging on one of the 10 listen addresses. */
    MULTICAST_PAGE
  }

  public static Talk ptt(int channel) {
    return new Talk(Kind.PTT, channel);
  }

  public static Talk group(int channel) {
    return new Talk(Kind.GROUP_PAGE, channel);
  }

  public static Talk multicast(int priority) {
    return new Talk(Kind.MULTICAST_PAGE, priority);
  }

  /** A Spectralink talk (PTT or group page) on {@code channel}, by its range. */
  public static Talk spectralink(int channel) {
    return channel > ChannelPlan.SIZE ? group(channel) : ptt(channel);
  }
}
