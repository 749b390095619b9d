package io.cradle.cpe.phone;

import io.cradle.cwmp.message.Event;
import java.util.List;

/**
 * What a phone tells whoever runs it (a fleet's counters, a CLI's log). Called on the phone's
 * scheduler thread; one observer may watch many phones, so implementations must be thread-safe.
 */
public interface PhoneObserver {

  PhoneObserver NONE = new PhoneObserver() {};

  /** A session ended with the ACS's empty response; {@code events} were delivered in it. */
  default void sessionSucceeded(List<Event> events) {}

  /** A session broke off; the phone retries after its back-off. */
  default void sessionFailed(String reason) {}

  /** The phone answered an ACS request: {@code faultCode} 0 for success, else the CWMP fault. */
  default void rpcAnswered(String method, int faultCode) {}

  /** A Download or Upload ended (before its TransferComplete is delivered). */
  default void transferCompleted(String fileType, int faultCode) {}
}
