package io.cradle.cpe.sip;

import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.sip.SipPort.IncomingInvite;
import io.cradle.cpe.sip.SipPort.OutgoingInvite;
import io.cradle.cpe.sip.SipPort.SipResponse;
import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cwmp.auth.DigestChallenge;
import io.cradle.cwmp.auth.DigestClient;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One call of one account: outgoing (INVITE → ringing → connected → BYE, or CANCEL before the
 * answer) or incoming (ringing, answered by the user or Auto Answer, rejected, cancelled by the
 * caller, or unanswered until Ring Timeout). Carries the SDP offer/answer; the media itself is the
 * {@link MediaPort}'s. Runs on the phone's scheduler.
 */
public final class Call {

  /** Where the call stands. */
  public enum State {
    /** Outgoing: INVITE sent, no answer yet. */
    CALLING,
    /** Outgoing: the callee rings (18x). Incoming: we ring. */
    RINGING,
    CONNECTED,
    ENDED
  }

  /** Who placed the call. */
  public enum Direction {
    OUTGOING,
    INCOMING
  }

  private final int account;
  private final Direction direction;
  private final String remote;
  private final Scheduler scheduler;
  private final MediaPort media;
  private final SipEvents events;
  private final Map<String, String> localVariables;
  private final int localRtpPort;
  private final String localHost;

  private long sessionId;
  private SipPort port;
  private SipSettings settings;
  private DigestClient digest;
  private SipPort.InviteRequest request;
  private boolean challengeAnswered;
  private State state;
  private OutgoingInvite outgoing;
  private IncomingInvite incoming;
  private Sdp remoteSdp;
  private String localSdp;
  private Cancellable ringTimer;
  private int endStatus;
  private String endReason = "";
  private Runnable onEnded = () -> {};

  private Call(
      int account,
      Direction direction,
      String remote,
      Scheduler scheduler,
      MediaPort media,
      SipEvents events,
      Map<String, String> localVariables,
      String localHost) {
    this.account = account;
    this.localHost = localHost;
    this.direction = direction;
    this.remote = remote;
    this.scheduler = scheduler;
    this.media = media;
    this.events = events;
    this.localVariables = localVariables;
    this.localRtpPort = media.allocate();
  }

  /**
   * Places a call: sends the INVITE with our SDP offer.
   *
   * @param localHost the phone's address, where its media is (its SIP may share another)
   */
  static Call dial(
      SipSettings settings,
      SipPort port,
      String localHost,
      String target,
      Scheduler scheduler,
      MediaPort media,
      SipEvents events,
      String callId,
      String fromTag,
      long sessionId,
      String userAgent,
      RandomGenerator random) {
    Call call =
        new Call(
            settings.account(),
            Direction.OUTGOING,
            target,
            scheduler,
            media,
            events,
            localVariables(settings),
            localHost);
    call.state = State.CALLING;
    call.sessionId = sessionId;
    call.localSdp = Sdp.offer(call.localHost, call.localRtpPort, sessionId);
    HostPort nextHop =
        settings.outboundProxy() != null ? settings.outboundProxy() : settings.sipServer();
    call.port = port;
    call.settings = settings;
    call.digest = new DigestClient(random);
    call.request =
        new SipPort.InviteRequest(
            target,
            nextHop,
            settings.userId(),
            settings.domain(),
            settings.displayName(),
            callId,
            fromTag,
            1,
            call.localSdp,
            userAgent,
            null,
            false);
    call.outgoing = port.invite(call.request, call.new Outgoing());
    events.onEvent(PhoneEvent.OUTGOING_CALL, call.variables());
    return call;
  }

  /**
   * Takes an incoming INVITE: rings (180), then answers at once with Auto Answer, else waits for
   * {@link #answer()} until Ring Timeout, after which the caller gets 480 and the call is missed.
   */
  static Call incoming(
      SipSettings settings,
      String localHost,
      IncomingInvite invite,
      Scheduler scheduler,
      MediaPort media,
      SipEvents events,
      long sessionId) {
    Call call =
        new Call(
            settings.account(),
            Direction.INCOMING,
            invite.from(),
            scheduler,
            media,
            events,
            localVariables(settings),
            localHost);
    call.incoming = invite;
    call.sessionId = sessionId;
    call.state = State.RINGING;
    call.remoteSdp = Sdp.parse(invite.sdp()).orElse(null);
    invite.ringing();
    events.onEvent(PhoneEvent.INCOMING_CALL, call.variables());
    if (settings.autoAnswer() == 1) {
      call.answer();
    } else {
      call.ringTimer =
          scheduler.schedule(
              settings.ringTimeout(),
              () -> {
                if (call.state == State.RINGING) {
                  invite.reject(480, "Temporarily Unavailable");
                  call.end(480, "Ring Timeout", PhoneEvent.MISSED_CALL);
                }
              });
    }
    return call;
  }

  /** Answers an incoming call that rings. */
  public void answer() {
    if (direction != Direction.INCOMING || state != State.RINGING) {
      return;
    }
    cancelRingTimer();
    if (remoteSdp == null) {
      incoming.reject(488, "Not Acceptable Here");
      end(488, "No usable SDP offer", PhoneEvent.MISSED_CALL);
      return;
    }
    Optional<String> answer = Sdp.answer(localHost, localRtpPort, sessionId, remoteSdp);
    if (answer.isEmpty()) {
      incoming.reject(488, "Not Acceptable Here");
      end(488, "No common codec", PhoneEvent.MISSED_CALL);
      return;
    }
    localSdp = answer.get();
    incoming.answer(localSdp);
    connected();
  }

  /** Rejects an incoming call that rings (486 Busy Here, as the reject key does). */
  public void reject() {
    if (direction == Direction.INCOMING && state == State.RINGING) {
      cancelRingTimer();
      incoming.reject(486, "Busy Here");
      end(486, "Rejected", PhoneEvent.MISSED_CALL);
    }
  }

  /** Hangs up: CANCEL before the answer, BYE after, reject if it rings here. */
  public void hangup() {
    switch (state) {
      case CALLING:
      case RINGING:
        if (direction == Direction.OUTGOING) {
          outgoing.cancel(); // the 487 that follows ends the call
        } else {
          reject();
        }
        break;
      case CONNECTED:
        if (direction == Direction.OUTGOING) {
          outgoing.bye();
        } else {
          incoming.bye();
        }
        end(200, "Local hangup", PhoneEvent.DISCONNECTED);
        break;
      default:
        break;
    }
  }

  public State state() {
    return state;
  }

  public Direction direction() {
    return direction;
  }

  public int account() {
    return account;
  }

  /** The other party: the target we called or the caller's From URI. */
  public String remote() {
    return remote;
  }

  /** The peer's SDP once known. */
  public Optional<Sdp> remoteSdp() {
    return Optional.ofNullable(remoteSdp);
  }

  public String localSdp() {
    return localSdp;
  }

  public int localRtpPort() {
    return localRtpPort;
  }

  /** The status that ended the call (200 for a normal hangup), 0 while it lasts. */
  public int endStatus() {
    return endStatus;
  }

  public String endReason() {
    return endReason;
  }

  /**
   * TR-104 {@code Line.{i}.CallState}: {@code Calling}, {@code Ringing}, {@code InCall}, {@code
   * Idle} once ended.
   */
  public String callState() {
    switch (state) {
      case CALLING:
        return "Calling";
      case RINGING:
        return "Ringing";
      case CONNECTED:
        return "InCall";
      default:
        return "Idle";
    }
  }

  void onEnded(Runnable action) {
    this.onEnded = Objects.requireNonNull(action);
  }

  /** The peer's part of the dialog, for incoming calls. */
  SipPort.DialogListener incomingListener() {
    return new SipPort.DialogListener() {
      @Override
      public void onRemoteBye() {
        if (state == State.CONNECTED) {
          end(200, "Remote hangup", PhoneEvent.DISCONNECTED);
        }
      }

      @Override
      public void onCancelled() {
        // The port reports a CANCEL only when it answered the INVITE 487, so no 200 went out: even
        // an answer given meanwhile (auto answer racing the CANCEL) never reached the caller.
        if (state != State.ENDED) {
          cancelRingTimer();
          end(487, "Cancelled by caller", PhoneEvent.MISSED_CALL);
        }
      }
    };
  }

  private final class Outgoing implements SipPort.InviteListener {
    @Override
    public void onProvisional(int status) {
      if (state == State.CALLING && status >= 180) {
        state = State.RINGING;
      }
    }

    @Override
    public void onAnswered(String sdp) {
      if (state == State.ENDED) {
        // Answered after we hung up (a CANCEL crossed the 200): leave the dialog at once.
        outgoing.bye();
        return;
      }
      remoteSdp = Sdp.parse(sdp).orElse(null);
      connected();
    }

    @Override
    public void onFailed(SipResponse response) {
      if ((state == State.CALLING || state == State.RINGING) && answerChallenge(response)) {
        return;
      }
      if (state != State.ENDED) {
        end(response.status(), response.reason(), PhoneEvent.DISCONNECTED);
      }
    }

    @Override
    public void onNoResponse(String why) {
      if (state != State.ENDED) {
        end(408, why, PhoneEvent.DISCONNECTED);
      }
    }

    @Override
    public void onRemoteBye() {
      if (state == State.CONNECTED) {
        end(200, "Remote hangup", PhoneEvent.DISCONNECTED);
      }
    }
  }

  /**
   * Sends the INVITE again with credentials after a 401/407 (MD5 digest, qop=auth), once per call;
   * false if this response is no challenge we can answer.
   */
  private boolean answerChallenge(SipResponse response) {
    boolean proxy = response.status() == 407;
    if (challengeAnswered || !(proxy || response.status() == 401)) {
      return false;
    }
    Optional<DigestChallenge> challenge =
        DigestChallenge.parse(proxy ? response.proxyAuthenticate() : response.wwwAuthenticate());
    if (challenge.isEmpty()) {
      return false;
    }
    challengeAnswered = true;
    String authorization;
    try {
      authorization =
          digest
              .authorize(
                  "INVITE",
                  request.target(),
                  settings.authId(),
                  settings.password(),
                  challenge.get())
              .toHeader();
    } catch (IllegalArgumentException unsupported) {
      return false;
    }
    request = request.withCredentials(authorization, proxy);
    outgoing = port.invite(request, new Outgoing());
    return true;
  }

  private void connected() {
    state = State.CONNECTED;
    if (remoteSdp != null) {
      media.connect(localRtpPort, remoteSdp);
    }
    events.onEvent(PhoneEvent.CONNECTED, variables());
  }

  private void end(int status, String reason, PhoneEvent event) {
    if (state == State.ENDED) {
      return;
    }
    state = State.ENDED;
    endStatus = status;
    endReason = reason == null ? "" : reason;
    media.release(localRtpPort);
    events.onEvent(event, variables());
    onEnded.run();
  }

  private void cancelRingTimer() {
    if (ringTimer != null) {
      ringTimer.cancel();
      ringTimer = null;
    }
  }

  private Map<String, String> variables() {
    return Map.of(
        "local",
        localVariables.get("local"),
        "display_local",
        localVariables.get("display_local"),
        "remote",
        remote,
        "display_remote",
        "");
  }

  private static Map<String, String> localVariables(SipSettings settings) {
    return Map.of("local", settings.userId(), "display_local", settings.displayName());
  }
}
