package io.cradle.cpe.sip;

import java.time.Duration;
import java.util.Optional;

/**
 * One account's Call Forward settings (admin guide, Account > Call Settings > Call Forward): with
 * type Unconditional every call goes to {@code allTo}; with type Others each enabled case has its
 * number. Time based forwarding is not modelled (it reads as None). The phone forwards by answering
 * 302 Moved Temporarily with the number as the Contact; the caller's phone follows it.
 *
 * @param allTo Unconditional target, null unless the type is Unconditional and it is set
 * @param busyTo Busy To, null unless busy forward is enabled (type Others)
 * @param noAnswerTo No Answer To, null unless no answer forward is enabled (type Others)
 * @param noAnswerWait how long a call rings before the no answer forward
 * @param dndTo DND To, null unless DND forward is enabled (type Others)
 */
public record CallForward(
    String allTo, String busyTo, String noAnswerTo, Duration noAnswerWait, String dndTo) {

  /** No forwarding. */
  public static final CallForward NONE = new CallForward(null, null, null, Duration.ZERO, null);

  /** Call Forward Type as the P-value writes it. */
  static final String UNCONDITIONAL = "1";

  static final String OTHERS = "3";

  public Optional<String> unconditional() {
    return Optional.ofNullable(allTo);
  }

  public Optional<String> whenBusy() {
    return Optional.ofNullable(busyTo);
  }

  public Optional<String> whenNoAnswer() {
    return Optional.ofNullable(noAnswerTo);
  }

  public Optional<String> whenDnd() {
    return Optional.ofNullable(dndTo);
  }

  /** Whether any case forwards (the Forward On/Off event URLs report this). */
  public boolean on() {
    return allTo != null || busyTo != null || noAnswerTo != null || dndTo != null;
  }
}
