package io.cradle.acs.session;

import io.cradle.cwmp.soap.CwmpVersion;
import java.time.Instant;
import java.util.List;

/**
 * One CWMP session as plain data: who the device is, where the exchange stands and which RPCs are
 * still to send. Immutable; every step makes a new state, so the state can be kept anywhere.
 *
 * @param inFlight the RPC sent and not yet answered, or null
 * @param inFlightId the cwmp:ID it was sent with, or null
 */
public record SessionState(
    String sessionId,
    long deviceId,
    String deviceKey,
    CwmpVersion version,
    Phase phase,
    List<QueuedRpc> queue,
    QueuedRpc inFlight,
    String inFlightId,
    Instant startedAt,
    Instant lastSeen) {

  /** Where the exchange stands. */
  public enum Phase {
    /** InformResponse sent; the CPE may send its own requests until its empty POST. */
    CPE_REQUESTS,
    /** The CPE has finished; the ACS sends its requests one at a time. */
    ACS_REQUESTS,
    /** 204 sent: nothing more to exchange. */
    ENDED
  }

  public SessionState {
    queue = List.copyOf(queue);
  }

  SessionState with(
      Phase phase, List<QueuedRpc> queue, QueuedRpc inFlight, String inFlightId, Instant now) {
    return new SessionState(
        sessionId,
        deviceId,
        deviceKey,
        version,
        phase,
        queue,
        inFlight,
        inFlightId,
        startedAt,
        now);
  }
}
