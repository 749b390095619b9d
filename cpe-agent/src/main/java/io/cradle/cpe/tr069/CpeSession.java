package io.cradle.cpe.tr069;

import io.cradle.cpe.model.DataModel;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cwmp.message.AcsRequest;
import io.cradle.cwmp.message.AddObject;
import io.cradle.cwmp.message.CpeRequest;
import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.DeleteObject;
import io.cradle.cwmp.message.DeviceId;
import io.cradle.cwmp.message.Download;
import io.cradle.cwmp.message.DownloadResponse;
import io.cradle.cwmp.message.FactoryReset;
import io.cradle.cwmp.message.FactoryResetResponse;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultCode;
import io.cradle.cwmp.message.GetParameterAttributes;
import io.cradle.cwmp.message.GetParameterNames;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.GetRPCMethods;
import io.cradle.cwmp.message.GetRPCMethodsResponse;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.InformResponse;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.Reboot;
import io.cradle.cwmp.message.RebootResponse;
import io.cradle.cwmp.message.ScheduleInform;
import io.cradle.cwmp.message.ScheduleInformResponse;
import io.cradle.cwmp.message.SetParameterAttributes;
import io.cradle.cwmp.message.SetParameterValues;
import io.cradle.cwmp.message.TransferComplete;
import io.cradle.cwmp.message.TransferCompleteResponse;
import io.cradle.cwmp.message.Upload;
import io.cradle.cwmp.message.UploadResponse;
import io.cradle.cwmp.param.DateTimes;
import io.cradle.cwmp.soap.CwmpVersion;
import io.cradle.cwmp.soap.Envelope;
import io.cradle.cwmp.soap.Header;
import io.cradle.cwmp.soap.MalformedMessageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The CPE side of a CWMP session (cwmp-digest §4) as a pure state machine: it is handed each
 * decoded HTTP response and answers with the next {@link SessionAction}; the phone shell does the
 * HTTP. Requests of the ACS are answered from the {@link DataModel}; those with consequences beyond
 * the session (Reboot, FactoryReset, Download, Upload, ScheduleInform) are acknowledged and
 * returned as {@link SessionEffect}s with the session's end.
 *
 * <p>One instance serves one phone for its lifetime: {@link #start} opens a session, a {@link
 * SessionAction.End} or {@link SessionAction.Failed} closes it, and the RetryCount carries over.
 * Not thread-safe: the phone's scheduler serialises calls.
 */
public final class CpeSession {

  /** The RPCs this CPE answers, for GetRPCMethods. */
  public static final List<String> SUPPORTED_METHODS =
      List.of(
          "GetRPCMethods",
          "GetParameterNames",
          "GetParameterValues",
          "SetParameterValues",
          "GetParameterAttributes",
          "SetParameterAttributes",
          "AddObject",
          "DeleteObject",
          "Reboot",
          "Download",
          "Upload",
          "FactoryReset",
          "ScheduleInform");

  private static final Set<String> TRANSFER_SCHEMES = Set.of("http", "https", "ftp", "tftp");

  private enum State {
    IDLE,
    /** The Inform is posted; waiting for InformResponse. */
    AWAIT_INFORM_RESPONSE,
    /** One of our requests (TransferComplete) is posted; waiting for its response. */
    AWAIT_CPE_RESPONSE,
    /** An empty POST or an answer is posted; waiting for an ACS request or an empty response. */
    AWAIT_ACS
  }

  private final DeviceId deviceId;
  private final DataModel model;
  private final PendingEvents events;
  private final Clock clock;
  private final CwmpVersion version;

  private State state = State.IDLE;
  private long retryCount;
  private long nextId = 1;
  private boolean holdRequests;
  private List<ParameterValue> informedParameters = List.of();
  private final Deque<TransferComplete> transfers = new ArrayDeque<>();
  private TransferComplete transferInFlight;
  private final List<SessionEffect> effects = new ArrayList<>();

  /**
   * A session engine for one phone.
   *
   * @param version the CWMP namespace the phone writes in (the WP820 uses cwmp-1-0)
   */
  public CpeSession(
      DeviceId deviceId, DataModel model, PendingEvents events, Clock clock, CwmpVersion version) {
    this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    this.model = Objects.requireNonNull(model, "model");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.version = Objects.requireNonNull(version, "version");
  }

  /** A session engine writing cwmp-1-0. */
  public CpeSession(DeviceId deviceId, DataModel model, PendingEvents events, Clock clock) {
    this(deviceId, model, events, clock, CwmpVersion.V1_0);
  }

  /** The Inform DeviceId of a phone. */
  public static DeviceId deviceIdOf(DeviceIdentity identity) {
    return new DeviceId(
        identity.manufacturer(),
        identity.manufacturerOui(),
        identity.productClass(),
        identity.serialNumber());
  }

  /** The RetryCount the next Inform will carry: failed attempts since the last success. */
  public long retryCount() {
    return retryCount;
  }

  /** Whether a session is open (started and neither ended nor failed). */
  public boolean inSession() {
    return state != State.IDLE;
  }

  /**
   * Opens a session: the Inform to POST, with the queued events, the data model's Inform
   * parameters, the RetryCount and the clock's time. {@code transferCompletes} are the outcomes of
   * earlier Downloads/Uploads still to report; they are sent after the InformResponse, one at a
   * time, unless the ACS holds requests.
   *
   * @throws IllegalStateException if a session is already open
   */
  public SessionAction start(List<TransferComplete> transferCompletes) {
    if (state != State.IDLE) {
      throw new IllegalStateException("a session is already open (" + state + ")");
    }
    transfers.clear();
    transfers.addAll(transferCompletes);
    transferInFlight = null;
    effects.clear();
    holdRequests = false;
    informedParameters = model.informParameters();
    Inform inform =
        new Inform(
            deviceId,
            events.forInform(),
            1,
            DateTimes.format(clock.instant()),
            retryCount,
            informedParameters);
    state = State.AWAIT_INFORM_RESPONSE;
    return post(inform);
  }

  /** Opens a session with no TransferComplete to report. */
  public SessionAction start() {
    return start(List.of());
  }

  /** The ACS answered with an envelope. */
  public SessionAction onResponse(Envelope envelope) {
    Objects.requireNonNull(envelope, "envelope");
    CwmpMessage body = envelope.body();
    return switch (state) {
      case IDLE -> throw new IllegalStateException("no session is open");
      case AWAIT_INFORM_RESPONSE -> {
        if (body instanceof InformResponse) {
          events.onInformAcknowledged();
          model.notifications().acknowledge(informedParameters);
          holdRequests = envelope.header().holdRequests();
          yield nextCpeRequestOrEmpty();
        }
        yield fail(unexpected("InformResponse", body));
      }
      case AWAIT_CPE_RESPONSE -> {
        if (body instanceof TransferCompleteResponse) {
          String key = transferInFlight.commandKey();
          transferInFlight = null;
          events.onTransferCompleteAcknowledged(key);
          effects.add(new SessionEffect.TransferCompleteAcknowledged(key));
          holdRequests = envelope.header().holdRequests();
          yield nextCpeRequestOrEmpty();
        }
        yield fail(unexpected("TransferCompleteResponse", body));
      }
      case AWAIT_ACS -> {
        if (body instanceof AcsRequest<?> request) {
          holdRequests = envelope.header().holdRequests();
          yield answer(envelope.header().id(), answer(request));
        }
        yield fail(unexpected("an ACS request or an empty response", body));
      }
    };
  }

  /** The ACS answered with an empty body (204, or 200 with Content-Length 0). */
  public SessionAction onEmptyResponse() {
    return switch (state) {
      case IDLE -> throw new IllegalStateException("no session is open");
      case AWAIT_INFORM_RESPONSE -> fail("empty response to the Inform");
      case AWAIT_CPE_RESPONSE -> fail("empty response to TransferComplete");
      case AWAIT_ACS -> {
        // An empty response carries no HoldRequests: requests held back may go now.
        holdRequests = false;
        if (!transfers.isEmpty()) {
          yield sendNextTransfer();
        }
        yield end();
      }
    };
  }

  /**
   * The ACS's response could not be decoded. An unknown method is answered with fault 9000, an
   * unreadable argument with 9003 (when the ACS was expected to send requests); anything else fails
   * the session.
   */
  public SessionAction onUndecodable(MalformedMessageException problem) {
    if (state == State.IDLE) {
      throw new IllegalStateException("no session is open");
    }
    if (state == State.AWAIT_ACS) {
      String id = problem.cwmpId().orElse(null);
      if (problem.kind() == MalformedMessageException.Kind.UNKNOWN_METHOD) {
        return answer(
            id,
            new Fault(
                FaultCode.CPE_METHOD_NOT_SUPPORTED,
                "method not supported: " + problem.method().orElse("?")));
      }
      if (problem.kind() == MalformedMessageException.Kind.INVALID_ARGUMENT) {
        return answer(id, new Fault(FaultCode.CPE_INVALID_ARGUMENTS, problem.getMessage()));
      }
    }
    return fail("undecodable response: " + problem.getMessage());
  }

  /** The HTTP exchange failed (connection refused, TLS error, timeout, 4xx/5xx without body…). */
  public SessionAction onTransportFailure(String reason) {
    if (state == State.IDLE) {
      throw new IllegalStateException("no session is open");
    }
    return fail(Objects.requireNonNullElse(reason, "transport failure"));
  }

  // ------------------------------------------------------------------ transitions

  private SessionAction nextCpeRequestOrEmpty() {
    if (!holdRequests && !transfers.isEmpty()) {
      return sendNextTransfer();
    }
    state = State.AWAIT_ACS;
    return new SessionAction.PostEmpty();
  }

  private SessionAction sendNextTransfer() {
    transferInFlight = transfers.poll();
    state = State.AWAIT_CPE_RESPONSE;
    return post(transferInFlight);
  }

  private SessionAction post(CpeRequest<?> request) {
    return new SessionAction.Post(
        new Envelope(version, Header.withId(Long.toString(nextId++)), request));
  }

  private SessionAction answer(String id, CwmpMessage message) {
    state = State.AWAIT_ACS;
    return new SessionAction.Post(
        new Envelope(version, id == null ? Header.NONE : Header.withId(id), message));
  }

  private SessionAction end() {
    events.onSessionSucceeded();
    retryCount = 0;
    state = State.IDLE;
    return new SessionAction.End(effects);
  }

  private SessionAction fail(String reason) {
    events.onSessionFailed();
    // Unacknowledged TransferCompletes stay with the shell, which passes them to the next start.
    transferInFlight = null;
    retryCount++;
    state = State.IDLE;
    return new SessionAction.Failed(reason, retryCount, effects);
  }

  private static String unexpected(String expected, CwmpMessage body) {
    if (body instanceof Fault f) {
      return "ACS fault " + f.code() + " (" + f.message() + ") instead of " + expected;
    }
    return "expected " + expected + ", got " + body.method();
  }

  // ------------------------------------------------------------------ ACS requests

  /** The response or fault to one ACS request; adds the effects it implies. */
  private CwmpMessage answer(AcsRequest<?> request) {
    if (request instanceof GetRPCMethods) {
      return new GetRPCMethodsResponse(SUPPORTED_METHODS);
    }
    if (request instanceof GetParameterNames r) {
      return model.getParameterNames(r.parameterPath(), r.nextLevel()).message();
    }
    if (request instanceof GetParameterValues r) {
      return model.getParameterValues(r.names()).message();
    }
    if (request instanceof SetParameterValues r) {
      return model.setParameterValues(r.parameters(), r.parameterKey()).message();
    }
    if (request instanceof GetParameterAttributes r) {
      return model.getParameterAttributes(r.names()).message();
    }
    if (request instanceof SetParameterAttributes r) {
      return model.setParameterAttributes(r.parameters()).message();
    }
    if (request instanceof AddObject r) {
      // The WP820 model has fixed instances only: no table accepts new ones.
      return new Fault(
          FaultCode.INVALID_PARAMETER_NAME, "no multi-instance object " + r.objectName());
    }
    if (request instanceof DeleteObject r) {
      return new Fault(FaultCode.INVALID_PARAMETER_NAME, "cannot delete " + r.objectName());
    }
    if (request instanceof Reboot r) {
      effects.add(new SessionEffect.RebootAfterSession(r.commandKey()));
      return new RebootResponse();
    }
    if (request instanceof FactoryReset) {
      effects.add(new SessionEffect.FactoryResetAfterSession());
      return new FactoryResetResponse();
    }
    if (request instanceof Download r) {
      if (!transferSchemeSupported(r.url())) {
        return new Fault(
            FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL, "cannot download from " + r.url());
      }
      effects.add(new SessionEffect.StartDownload(r));
      return new DownloadResponse(1, unknownTime(), unknownTime());
    }
    if (request instanceof Upload r) {
      if (!transferSchemeSupported(r.url())) {
        return new Fault(FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL, "cannot upload to " + r.url());
      }
      effects.add(new SessionEffect.StartUpload(r));
      return new UploadResponse(1, unknownTime(), unknownTime());
    }
    if (request instanceof ScheduleInform r) {
      if (r.delaySeconds() <= 0) {
        return new Fault(FaultCode.CPE_INVALID_ARGUMENTS, "DelaySeconds must be positive");
      }
      effects.add(
          new SessionEffect.ScheduleInform(Duration.ofSeconds(r.delaySeconds()), r.commandKey()));
      return new ScheduleInformResponse();
    }
    // Unreachable while AcsRequest is sealed to the cases above; kept for a new permitted type.
    return new Fault(
        FaultCode.CPE_METHOD_NOT_SUPPORTED, "method not supported: " + request.method());
  }

  private static boolean transferSchemeSupported(String url) {
    try {
      String scheme = new URI(url.strip()).getScheme();
      return scheme != null && TRANSFER_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String unknownTime() {
    return DateTimes.format(DateTimes.UNKNOWN);
  }
}
