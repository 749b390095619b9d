package io.cradle.cpe.tr069;

import io.cradle.cwmp.soap.Envelope;
import java.util.List;
import java.util.Objects;

/** What the phone shell does next in a session, as decided by {@link CpeSession}. */
public sealed interface SessionAction {

  /** POST this envelope to the ACS and hand its HTTP response to the session. */
  record Post(Envelope envelope) implements SessionAction {
    public Post {
      Objects.requireNonNull(envelope, "envelope");
    }
  }

  /** POST an empty body ({@code Content-Length: 0}) and hand the response to the session. */
  record PostEmpty() implements SessionAction {}

  /**
   * The session is over and succeeded: close the connection, drop the cookies, reset RetryCount,
   * then carry out {@code effects} in order.
   */
  record End(List<SessionEffect> effects) implements SessionAction {
    public End {
      effects = List.copyOf(effects);
    }
  }

  /**
   * The session failed: close the connection and retry after {@link RetryPolicy#waitBefore} for
   * {@code retryCount}. {@code effects} holds what the ACS asked and the CPE acknowledged before
   * the failure (e.g. a Reboot it answered); the shell decides whether to still carry them out.
   */
  record Failed(String reason, long retryCount, List<SessionEffect> effects)
      implements SessionAction {
    public Failed {
      Objects.requireNonNull(reason, "reason");
      effects = List.copyOf(effects);
    }
  }
}
