package io.cradle.cpe.sip;

import io.cradle.cpe.notify.PhoneEvent;
import java.util.Map;

/**
 * Where the SIP user agent reports what happened, with the event-URL variables it knows ({@code
 * local}, {@code display_local}, {@code remote}, {@code display_remote}). The phone wires {@code
 * EventNotifier::notify} here, plus whatever else it wants to observe.
 */
@FunctionalInterface
public interface SipEvents {

  void onEvent(PhoneEvent event, Map<String, String> variables);

  /** Ignores every event. */
  SipEvents NONE = (event, variables) -> {};
}
