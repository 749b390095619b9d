package io.cradle.acs.session;

import io.cradle.acs.session.SessionState.Phase;
import io.cradle.cwmp.message.AutonomousTransferComplete;
import io.cradle.cwmp.message.AutonomousTransferCompleteResponse;
import io.cradle.cwmp.message.CpeResponse;
import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultCode;
import io.cradle.cwmp.message.GetRPCMethods;
import io.cradle.cwmp.message.GetRPCMethodsResponse;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.InformResponse;
import io.cradle.cwmp.message.RequestDownload;
import io.cradle.cwmp.message.RequestDownloadResponse;
import io.cradle.cwmp.message.TransferComplete;
import io.cradle.cwmp.message.TransferCompleteResponse;
import io.cradle.cwmp.soap.CwmpVersion;
import io.cradle.cwmp.soap.Envelope;
import io.cradle.cwmp.soap.Header;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ACS side of a CWMP session as a pure function: (state, message) → (state, reply, effects). No
 * I/O: the HTTP shell reads and stores, this decides. The Inform itself is admitted by the shell
 * (it needs the database); {@link #open} then starts the exchange.
 */
public final class SessionEngine {

  /** The methods an ACS answers, for a CPE's GetRPCMethods. */
  public static final List<String> ACS_METHODS =
      List.of(
          "Inform",
          "GetRPCMethods",
          "TransferComplete",
          "AutonomousTransferComplete",
          "RequestDownload");

  private SessionEngine() {}

  /** Opens a session for an admitted Inform: answer InformResponse, keep the device's queue. */
  public static Step open(
      String sessionId,
      long deviceId,
      String deviceKey,
      Envelope inform,
      List<QueuedRpc> queue,
      Instant now) {
    SessionState state =
        new SessionState(
            sessionId,
            deviceId,
            deviceKey,
            inform.version(),
            Phase.CPE_REQUESTS,
            queue,
            null,
            null,
            now,
            now);
    Header header = answerHeader(inform.header());
    return new Step(
        state, new Envelope(inform.version(), header, new InformResponse(1)), List.of());
  }

  /** A POST with a body, inside an open session. */
  public static Step onMessage(SessionState state, Envelope message, Instant now) {
    CwmpMessage body = message.body();
    if (body instanceof Inform) {
      return reply(
          state, message, new Fault(FaultCode.REQUEST_DENIED, "Inform inside a session"), now);
    }
    if (body instanceof CpeResponse || body instanceof Fault) {
      return onAnswer(state, message, now);
    }
    if (body instanceof TransferComplete tc) {
      return reply(
          state, message, new TransferCompleteResponse(), now, new Effect.TransferCompleted(tc));
    }
    if (body instanceof AutonomousTransferComplete atc) {
      return reply(
          state,
          message,
          new AutonomousTransferCompleteResponse(),
          now,
          new Effect.AutonomousTransferCompleted(atc));
    }
    if (body instanceof GetRPCMethods) {
      return reply(state, message, new GetRPCMethodsResponse(ACS_METHODS), now);
    }
    if (body instanceof RequestDownload rd) {
      return reply(
          state, message, new RequestDownloadResponse(), now, new Effect.DownloadRequested(rd));
    }
    return reply(
        state,
        message,
        new Fault(FaultCode.METHOD_NOT_SUPPORTED, body.method() + " is not an ACS method"),
        now);
  }

  /**
   * An empty POST: the CPE has nothing more to ask. If it comes instead of the answer to our
   * request, the session ends; the request stays SENT and the device's next Inform tells whether it
   * was applied (see the task queue), since sending it again now could apply it twice.
   */
  public static Step onEmptyPost(SessionState state, Instant now) {
    if (state.inFlight() != null) {
      return end(state, List.of(), now);
    }
    return sendNext(state.with(Phase.ACS_REQUESTS, state.queue(), null, null, now), List.of(), now);
  }

  /**
   * The session timed out, or the device started a new one. As with an unanswered request, what was
   * in flight is settled at the next Inform, not here.
   */
  public static List<Effect> abandon(SessionState state) {
    return List.of(new Effect.Ended());
  }

  private static Step onAnswer(SessionState state, Envelope message, Instant now) {
    QueuedRpc asked = state.inFlight();
    if (asked == null) {
      // An answer to nothing; ignore it and carry on as after an empty POST.
      return sendNext(
          state.with(Phase.ACS_REQUESTS, state.queue(), null, null, now), List.of(), now);
    }
    List<Effect> effects = new ArrayList<>();
    CwmpMessage body = message.body();
    if (body instanceof Fault fault) {
      effects.add(new Effect.TaskFaulted(asked.taskId(), fault));
    } else if (body.method().equals(asked.request().method() + "Response")) {
      effects.add(new Effect.TaskAnswered(asked.taskId(), (CpeResponse) body));
    } else {
      effects.add(
          new Effect.TaskFaulted(
              asked.taskId(),
              new Fault(
                  FaultCode.INTERNAL_ERROR,
                  "CPE answered " + asked.request().method() + " with " + body.method())));
    }
    return sendNext(state.with(Phase.ACS_REQUESTS, state.queue(), null, null, now), effects, now);
  }

  private static Step sendNext(SessionState state, List<Effect> effects, Instant now) {
    if (state.queue().isEmpty()) {
      return end(state, effects, now);
    }
    QueuedRpc next = state.queue().get(0);
    List<QueuedRpc> rest = state.queue().subList(1, state.queue().size());
    String id = "cradle-" + next.taskId() + "-" + now.toEpochMilli();
    List<Effect> all = new ArrayList<>(effects);
    all.add(new Effect.TaskSent(next.taskId()));
    SessionState sent = state.with(Phase.ACS_REQUESTS, rest, next, id, now);
    return new Step(sent, new Envelope(state.version(), Header.withId(id), next.request()), all);
  }

  private static Step end(SessionState state, List<Effect> effects, Instant now) {
    List<Effect> all = new ArrayList<>(effects);
    all.add(new Effect.Ended());
    return new Step(state.with(Phase.ENDED, List.of(), null, null, now), null, all);
  }

  private static Step reply(
      SessionState state, Envelope request, CwmpMessage response, Instant now, Effect... effects) {
    CwmpVersion version = request.version();
    return new Step(
        state.with(state.phase(), state.queue(), state.inFlight(), state.inFlightId(), now),
        new Envelope(version, answerHeader(request.header()), response),
        List.of(effects));
  }

  /**
   * The answer copies the request's cwmp:ID; a CPE that lists its SupportedCWMPVersions (1.4) is
   * told the highest one it listed, since we speak them all.
   */
  private static Header answerHeader(Header request) {
    return new Header(
        request.id(), false, null, null, highestVersion(request.supportedCwmpVersions()));
  }

  static String highestVersion(String supported) {
    if (supported == null) {
      return null;
    }
    String best = null;
    for (String v : supported.split(",")) {
      String version = v.trim();
      if (version.matches("1\\.[0-4]") && (best == null || version.compareTo(best) > 0)) {
        best = version;
      }
    }
    return best;
  }
}
