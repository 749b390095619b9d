package io.cradle.acs.cwmp;

import io.cradle.acs.inventory.Inventory;
import io.cradle.acs.session.QueuedRpc;
import io.cradle.acs.session.SessionEngine;
import io.cradle.acs.session.SessionState;
import io.cradle.acs.session.Step;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultCode;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.soap.CwmpVersion;
import io.cradle.cwmp.soap.Envelope;
import io.cradle.cwmp.soap.Header;
import io.cradle.cwmp.soap.MalformedMessageException;
import io.cradle.cwmp.soap.SoapCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The CWMP endpoint: HTTP, authentication, session lookup and storage around the pure {@link
 * SessionEngine}. Every reply is sent only after the effects of the step are committed, so a crash
 * between the two loses nothing: the device repeats itself and the task queue settles the rest.
 */
@Path("/cwmp")
public class CwmpEndpoint {

  private static final Logger LOG = Logger.getLogger(CwmpEndpoint.class);
  static final String COOKIE = "cradle_session";
  private static final MediaType XML = MediaType.valueOf("text/xml; charset=utf-8");

  @Inject SoapCodec codec;
  @Inject SessionStore sessions;
  @Inject SessionRecorder recorder;
  @Inject LeaseReleases leases;
  @Inject Inventory inventory;
  @Inject TaskQueue tasks;
  @Inject CpeAuthenticator authenticator;
  @Inject CwmpConfig config;
  @Inject Clock clock;
  @Inject MeterRegistry metrics;

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response post(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest http) {
    Instant now = clock.instant();
    String connection = String.valueOf(http.remoteAddress());
    var cookie = headers.getCookies().get(COOKIE);
    SessionState session =
        sessions.find(cookie == null ? null : cookie.getValue(), connection).orElse(null);

    if (isBlank(body)) {
      if (session == null) {
        return noSession(headers, http);
      }
      return answer(session, SessionEngine.onEmptyPost(session, now), connection, now);
    }
    Envelope message;
    try {
      message = codec.decode(body, charset(headers));
    } catch (MalformedMessageException e) {
      return malformed(e, session);
    }
    if (message.body() instanceof Inform inform) {
      if (session != null && session.deviceKey().equals(inform.deviceId().key())) {
        // The device starts over (it rebooted, or gave up on its session): the old one ends here.
        abandon(session, now);
      }
      return open(message, headers, http, connection, now);
    }
    if (session == null) {
      return plain(
          Response.Status.BAD_REQUEST,
          "No session for " + message.body().method() + ": a CWMP session starts with an Inform.");
    }
    return answer(session, SessionEngine.onMessage(session, message, now), connection, now);
  }

  private Response open(
      Envelope message,
      HttpHeaders headers,
      HttpServerRequest http,
      String connection,
      Instant now) {
    Inform inform = (Inform) message.body();
    String deviceKey = inform.deviceId().key();
    CpeAuthenticator.Outcome auth =
        authenticator.check(
            "POST", http.uri(), headers.getHeaderString(HttpHeaders.AUTHORIZATION), http.isSSL());
    if (auth instanceof CpeAuthenticator.Challenge c) {
      LOG.debugf("challenging %s: %s", deviceKey, c.reason());
      return Response.status(Response.Status.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, c.wwwAuthenticate())
          .build();
    }
    CpeAuthenticator.Passed passed = (CpeAuthenticator.Passed) auth;
    if (passed.deviceKey() != null && !passed.deviceKey().equals(deviceKey)) {
      LOG.warnf("credential of %s used by %s", passed.deviceKey(), deviceKey);
      return plain(Response.Status.FORBIDDEN, "This credential belongs to another device.");
    }
    if (sessions.size() >= config.maxConcurrentSessions()) {
      metrics.counter("cradle.cwmp.sessions.shed").increment();
      return unavailable("ACS busy: too many open sessions, retry later.");
    }
    String sessionId = UUID.randomUUID().toString();
    Inventory.Admission admission;
    try {
      leases.settle(deviceKey);
      admission =
          inventory.recordInform(
              inform,
              http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(),
              sessionId,
              now,
              now.plus(config.sessionLease()),
              config.autoRegister());
    } catch (SQLException | RuntimeException e) {
      LOG.errorf(e, "could not store the Inform of %s", deviceKey);
      return unavailable("ACS cannot store the Inform now (database unavailable); retry later.");
    }
    if (admission instanceof Inventory.Unknown) {
      return plain(
          Response.Status.FORBIDDEN,
          "Unknown device " + deviceKey + " (auto-registration is off).");
    }
    if (admission instanceof Inventory.Busy) {
      return unavailable("Device " + deviceKey + " is already in a session; retry later.");
    }
    Inventory.Admitted admitted = (Inventory.Admitted) admission;
    List<QueuedRpc> queue;
    try {
      queue =
          admitted.hasOpenTasks()
              ? QuarkusTransaction.requiringNew()
                  .call(
                      () ->
                          tasks.startSession(
                              admitted.deviceId(), inform, admitted.parameterKey(), now))
              : List.of();
    } catch (RuntimeException e) {
      LOG.errorf(e, "could not load the tasks of %s", deviceKey);
      leases.release(deviceKey, admitted.deviceId(), sessionId);
      return unavailable("ACS cannot read the task queue now (database unavailable); retry later.");
    }
    Step step =
        SessionEngine.open(
            sessionId, admitted.deviceId(), admitted.deviceKey(), message, queue, now);
    metrics.counter("cradle.cwmp.informs", "event", mainEvent(inform)).increment();
    sessions.put(step.state(), connection);
    return Response.ok(codec.encode(step.reply()), XML)
        .cookie(new NewCookie.Builder(COOKIE).value(sessionId).path("/").httpOnly(true).build())
        .build();
  }

  private Response answer(SessionState session, Step step, String connection, Instant now) {
    try {
      recorder.record(session, step.effects(), now);
    } catch (RuntimeException e) {
      LOG.errorf(e, "could not store session step of %s", session.deviceKey());
      // The session is over; what was in flight stays SENT and the next Inform settles it.
      sessions.remove(session.sessionId());
      leases.release(session.deviceKey(), session.deviceId(), session.sessionId());
      return unavailable("ACS cannot store the session now (database unavailable); retry later.");
    }
    if (step.endsSession()) {
      sessions.remove(session.sessionId());
      metrics.counter("cradle.cwmp.sessions.completed").increment();
      return Response.noContent().build();
    }
    sessions.put(step.state(), connection);
    return Response.ok(codec.encode(step.reply()), XML).build();
  }

  private void abandon(SessionState session, Instant now) {
    sessions.remove(session.sessionId());
    try {
      recorder.record(session, SessionEngine.abandon(session), now);
    } catch (RuntimeException e) {
      LOG.warnf(e, "could not close the abandoned session of %s", session.deviceKey());
    }
  }

  /**
   * A CWMP fault when the envelope was readable enough to answer in kind, otherwise HTTP 400 with
   * the reason: never a stack trace.
   */
  private Response malformed(MalformedMessageException e, SessionState session) {
    LOG.debugf("refused a message: %s", e.getMessage());
    if (e.kind() == MalformedMessageException.Kind.UNKNOWN_METHOD
        || e.kind() == MalformedMessageException.Kind.INVALID_ARGUMENT) {
      FaultCode code =
          e.kind() == MalformedMessageException.Kind.UNKNOWN_METHOD
              ? FaultCode.METHOD_NOT_SUPPORTED
              : FaultCode.INVALID_ARGUMENTS;
      CwmpVersion version = session == null ? CwmpVersion.V1_0 : session.version();
      Envelope fault =
          new Envelope(
              version, Header.withId(e.cwmpId().orElse(null)), new Fault(code, e.getMessage()));
      return Response.ok(codec.encode(fault), XML).build();
    }
    Response.Status status =
        e.kind() == MalformedMessageException.Kind.TOO_LARGE
            ? Response.Status.REQUEST_ENTITY_TOO_LARGE
            : Response.Status.BAD_REQUEST;
    return plain(status, "Malformed CWMP message (" + e.kind() + "): " + e.getMessage());
  }

  /**
   * An empty POST outside a session. Clients that probe authentication first (curl --digest does)
   * get the Digest challenge; others are told how a session starts.
   */
  private Response noSession(HttpHeaders headers, HttpServerRequest http) {
    if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
      CpeAuthenticator.Outcome auth = authenticator.check("POST", http.uri(), null, http.isSSL());
      if (auth instanceof CpeAuthenticator.Challenge c) {
        return Response.status(Response.Status.UNAUTHORIZED)
            .header(HttpHeaders.WWW_AUTHENTICATE, c.wwwAuthenticate())
            .build();
      }
    }
    return plain(Response.Status.BAD_REQUEST, "No session: a CWMP session starts with an Inform.");
  }

  private Response unavailable(String message) {
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .header("Retry-After", config.retryAfter().toSeconds())
        .type(MediaType.TEXT_PLAIN_TYPE)
        .entity(message)
        .build();
  }

  private static Response plain(Response.Status status, String message) {
    return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(message).build();
  }

  private static String charset(HttpHeaders headers) {
    MediaType type = headers.getMediaType();
    if (type == null) {
      return null;
    }
    Map<String, String> parameters = type.getParameters();
    return parameters.get(MediaType.CHARSET_PARAMETER);
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\r' && b != '\n' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private static String mainEvent(Inform inform) {
    return inform.events().isEmpty() ? "none" : inform.events().get(0).code();
  }
}
