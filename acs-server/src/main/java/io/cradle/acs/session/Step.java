package io.cradle.acs.session;

import io.cradle.cwmp.soap.Envelope;
import java.util.List;

/**
 * The result of one session step: the next state, what to answer on HTTP (an envelope, or nothing
 * for 204 No Content) and the effects to store first.
 */
public record Step(SessionState state, Envelope reply, List<Effect> effects) {

  public Step {
    effects = List.copyOf(effects);
  }

  public boolean endsSession() {
    return reply == null;
  }
}
