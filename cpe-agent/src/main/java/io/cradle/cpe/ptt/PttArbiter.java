package io.cradle.cpe.ptt;

import io.cradle.cpe.ptt.ChannelPlan.Level;

/**
 * Decides what the phone does with an incoming PTT or page, from the admin guide's "PTT/Multicast
 * Settings". Pure: the settings and the phone's state in, a {@link Decision} out.
 *
 * <p>The rules, checked in this order:
 *
 * <ol>
 *   <li>A talk the phone does not listen to is ignored: PTT or group paging off, the channel not
 *       Available and Subscribed (Accept for groups); multicast paging off or no address of that
 *       priority.
 *   <li>Emergency channel/group: "the highest priority … will not be rejected even when device has
 *       enabled DND". It preempts the phone's own transmission and any PTT/page playing except
 *       another emergency one (then the same-priority rule below), and barges an active call.
 *   <li>DND: everything else is ignored.
 *   <li>Transmitting (half duplex): a talk of a higher level than the channel being sent on
 *       preempts the transmission; else ignored. Multicast pages never interrupt a transmission.
 *   <li>Playing a PTT/page: a higher level (priority channel over normal) preempts; the same level
 *       preempts only with Accept While Busy ("accept PTT if it has the same priority"); lower is
 *       ignored. Between multicast pages, a higher priority (smaller number) preempts only with
 *       Paging Priority Active. A Spectralink talk and a multicast page never preempt each other
 *       (other than emergency).
 *   <li>In a SIP call: PTT/group page barges (holds the call) with Accept While Busy, else ignored;
 *       a multicast page barges if Paging Priority Active is on, Paging Barge is 1-10 and the
 *       page's priority is higher (number smaller) than it; else ignored.
 *   <li>Idle: play.
 * </ol>
 */
public final class PttArbiter {

  /** What to do with an incoming talk. */
  public enum Decision {
    /** Play it; nothing else was going on. */
    PLAY,
    /** Drop it. */
    IGNORE,
    /** Stop the PTT/page playing (or the phone's own transmission) and play this one. */
    PREEMPT,
    /** Put the active call on hold and play this one; resume the call when it ends. */
    BARGE
  }

  /**
   * The phone's state when a talk arrives.
   *
   * @param receiving the PTT/page playing, or null
   * @param transmitting the channel the phone is transmitting on, or null
   */
  public record PhoneState(boolean dnd, boolean inCall, Talk receiving, Talk transmitting) {

    public static final PhoneState IDLE = new PhoneState(false, false, null, null);
  }

  private final PttSettings ptt;
  private final PagingSettings paging;

  public PttArbiter(PttSettings ptt, PagingSettings paging) {
    this.ptt = ptt;
    this.paging = paging;
  }

  /** The decision for {@code incoming} in {@code state}. */
  public Decision decide(Talk incoming, PhoneState state) {
    if (!listensTo(incoming)) {
      return Decision.IGNORE;
    }
    if (isEmergency(incoming)) {
      if (state.transmitting() != null) {
        return isEmergency(state.transmitting()) ? Decision.IGNORE : Decision.PREEMPT;
      }
      if (state.receiving() != null) {
        if (!isEmergency(state.receiving())) {
          return Decision.PREEMPT;
        }
        return sameLevel(incoming);
      }
      return state.inCall() ? Decision.BARGE : Decision.PLAY;
    }
    if (state.dnd()) {
      return Decision.IGNORE;
    }
    if (state.transmitting() != null) {
      return incoming.kind() != Talk.Kind.MULTICAST_PAGE
              && level(incoming).compareTo(level(state.transmitting())) > 0
          ? Decision.PREEMPT
          : Decision.IGNORE;
    }
    Talk current = state.receiving();
    if (current != null) {
      boolean incomingMulticast = incoming.kind() == Talk.Kind.MULTICAST_PAGE;
      boolean currentMulticast = current.kind() == Talk.Kind.MULTICAST_PAGE;
      if (incomingMulticast != currentMulticast) {
        return Decision.IGNORE;
      }
      if (incomingMulticast) {
        return paging.priorityActive() && incoming.channel() < current.channel()
            ? Decision.PREEMPT
            : Decision.IGNORE;
      }
      int byLevel = level(incoming).compareTo(level(current));
      if (byLevel != 0) {
        return byLevel > 0 ? Decision.PREEMPT : Decision.IGNORE;
      }
      return sameLevel(incoming);
    }
    if (state.inCall()) {
      if (incoming.kind() == Talk.Kind.MULTICAST_PAGE) {
        return paging.priorityActive() && paging.barge() > 0 && incoming.channel() < paging.barge()
            ? Decision.BARGE
            : Decision.IGNORE;
      }
      return ptt.planOf(incoming.channel()).acceptWhileBusy() ? Decision.BARGE : Decision.IGNORE;
    }
    return Decision.PLAY;
  }

  /** Whether the phone listens to {@code talk} at all. */
  public boolean listensTo(Talk talk) {
    if (talk.kind() == Talk.Kind.MULTICAST_PAGE) {
      return paging.enabled() && paging.address(talk.channel()).isPresent();
    }
    ChannelPlan plan = talk.kind() == Talk.Kind.PTT ? ptt.ptt() : ptt.groupPaging();
    return plan.canReceive(talk.channel());
  }

  private Decision sameLevel(Talk incoming) {
    return ptt.planOf(incoming.channel()).acceptWhileBusy() ? Decision.PREEMPT : Decision.IGNORE;
  }

  private boolean isEmergency(Talk talk) {
    return talk.kind() != Talk.Kind.MULTICAST_PAGE && level(talk) == Level.EMERGENCY;
  }

  /** The level of {@code talk}: its channel's; multicast pages count as normal. */
  public Level level(Talk talk) {
    if (talk.kind() == Talk.Kind.MULTICAST_PAGE) {
      return Level.NORMAL;
    }
    return ptt.planOf(talk.channel()).level(talk.channel());
  }
}
