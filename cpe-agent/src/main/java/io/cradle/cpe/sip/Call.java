package io.cradle.cpe.sip;

import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.sip.SipPort.IncomingInvite;
import io.cradle.cpe.sip.SipPort.OutgoingInvite;
import io.cradle.cpe.sip.SipPort.SipResponse;
import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cwmp.auth.DigestClient;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One call of one account: outgoing (INVITE → ringing → connected → BYE, or CANCEL before the
 * answer; a 3xx redirect is followed) or incoming (ringing, answered by the user or Auto Answer,
 * rejected, cancelled by the caller, unanswered until Ring Timeout, or forwarded when No Answer
 * Forward is on). Once connected either end may hold and resume it by re-INVITE (RFC 3264 §8.4
 * {@code a=sendonly}, or RFC 2543 {@code c=0.0.0.0} with RFC2543 Hold). Its {@link SessionTimer}
 * (RFC 4028) refreshes it or ends it, and with Enable 100rel it asks for, and gives, reliable
 * ringing (RFC 3262). Carries the SDP offer/answer; the media itself is the {@link MediaPort}'s.
 * Runs on the phone's scheduler.
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

  /** Redirects (3xx) an outgoing call follows before it gives up: a loop must end. */
  static final int MAX_REDIRECTS = 5;

  private long sessionId;
  private long sdpVersion = 1;
  private int payloadType = Sdp.PCMU;
  private boolean held;
  private boolean heldByRemote;
  private boolean holdPending;
  private int redirects;
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
  private String forwardedTo;
  private java.util.function.IntConsumer outcome = status -> {};
  private boolean outcomeTold;
  private java.util.function.Consumer<SipPort.IncomingRefer> onReferred =
      refer -> refer.reject(603, "Declined");
  private Runnable onEnded = () -> {};
  private final SessionTimer sessionTimer;
  private Map<String, String> answerHeaders = Map.of();
  private SessionTimer.Agreement calleeAgreement;
  private boolean sessionRetried;

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
    this.sessionTimer = new SessionTimer(scheduler, this::refreshSession, this::sessionExpired);
  }

  /**
   * Places a call: sends the INVITE with our SDP offer.
   *
   * @param localHost the phone's address, where its media is (its SIP may share another)
   * @param replaces a Replaces value naming a dialog of the target's to take over (the transferee's
   *     call of an attended transfer), or null for a plain call
   */
  static Call dial(
      SipSettings settings,
      SipPort port,
      String localHost,
      String target,
      String replaces,
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
    call.localSdp =
        Sdp.offer(call.localHost, call.localRtpPort, sessionId, settings.preferredVocoders());
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
            false,
            replaces,
            inviteHeaders(
                settings, settings.sessionTimer().expiration(), settings.sessionTimer().minSe()));
    call.outgoing = port.invite(call.request, call.new Outgoing());
    events.onEvent(PhoneEvent.OUTGOING_CALL, call.variables());
    return call;
  }

  /**
   * Takes an incoming INVITE: rings (180), then answers at once with Auto Answer (unless {@code
   * autoAnswer} is false: a waiting call is never answered over the call in progress), else waits
   * for {@link #answer()} until Ring Timeout, after which the caller gets 480 and the call is
   * missed; with No Answer Forward, until its wait, after which the caller gets 302.
   */
  static Call incoming(
      SipSettings settings,
      boolean autoAnswer,
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
    invite.ringing(
        settings.enable100rel()
            && (OptionTags.has(invite.header("Supported"), OptionTags.RELIABLE_PROVISIONALS)
                || OptionTags.has(invite.header("Require"), OptionTags.RELIABLE_PROVISIONALS)));
    events.onEvent(PhoneEvent.INCOMING_CALL, call.variables());
    call.settings = settings;
    boolean answerAtOnce =
        settings.autoAnswer() == 1 || (settings.autoAnswer() == 2 && Intercom.requested(invite));
    if (answerAtOnce && autoAnswer) {
      call.answer();
    } else if (settings.forward().whenNoAnswer().isPresent()) {
      String to = settings.targetUri(settings.forward().whenNoAnswer().get());
      call.ringTimer =
          scheduler.schedule(
              settings.forward().noAnswerWait(),
              () -> {
                if (call.state == State.RINGING) {
                  invite.redirect(to);
                  call.end(302, "No answer, forwarded to " + to, PhoneEvent.MISSED_CALL);
                }
              });
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
    Optional<String> answer =
        Sdp.answer(
            localHost,
            localRtpPort,
            sessionId,
            sdpVersion,
            remoteSdp,
            settings.preferredVocoders());
    if (answer.isEmpty()) {
      incoming.reject(488, "Not Acceptable Here");
      end(488, "No common codec", PhoneEvent.MISSED_CALL);
      return;
    }
    localSdp = answer.get();
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    calleeAgreement =
        SessionTimer.answer(settings.sessionTimer(), incoming::header, headers).orElse(null);
    incoming.answer(localSdp, headers);
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
        dialog().bye();
        end(200, "Local hangup", PhoneEvent.DISCONNECTED);
        break;
      default:
        break;
    }
  }

  /**
   * Puts a connected call on hold: a re-INVITE offering {@code a=sendonly}, or {@code c=0.0.0.0}
   * with RFC2543 Hold. Once the peer accepts, the call is held and the On Hold event URL is sent.
   */
  public void hold() {
    if (state == State.CONNECTED && !held && !holdPending) {
      reoffer(true);
    }
  }

  /** Resumes a call this phone holds: a re-INVITE offering {@code a=sendrecv} again. */
  public void unhold() {
    if (state == State.CONNECTED && held && !holdPending) {
      reoffer(false);
    }
  }

  /**
   * Blind transfer: asks the peer by REFER to call {@code number} (a user at the account's server
   * or a SIP URI). Once the peer accepts, the Blind Transfer event URL is sent; when the peer
   * reports its new call answered, this call ends with BYE. A refused or failed transfer leaves the
   * call as it is.
   */
  public void transfer(String number) {
    if (state == State.CONNECTED) {
      String target = settings.targetUri(number);
      refer(target, target, PhoneEvent.BLIND_TRANSFER);
    }
  }

  /**
   * Attended transfer (RFC 5589 §7): asks the peer of this call — usually held — by REFER to call
   * the party of {@code consultation}, our connected call with the transfer target, with a Replaces
   * naming that dialog, so the target swaps our call for the peer's. Once the peer accepts, the
   * Attended Transfer event URL is sent; when it reports its call answered, this call ends with BYE
   * and the target ends the consultation. A refused or failed transfer leaves both calls as they
   * are.
   *
   * @return false (nothing sent) unless both calls are connected and distinct
   */
  public boolean transfer(Call consultation) {
    if (consultation == this
        || state != State.CONNECTED
        || consultation.state != State.CONNECTED
        || consultation.dialogId() == null) {
      return false;
    }
    String target = consultation.forwardedTo().orElse(consultation.remote);
    refer(consultation.dialogId().referTo(target), target, PhoneEvent.ATTENDED_TRANSFER);
    return true;
  }

  /**
   * Sends the REFER of a transfer: {@code event} once the peer accepts, BYE once its call to the
   * target is answered.
   */
  private void refer(String referTo, String target, PhoneEvent event) {
    dialog()
        .refer(
            referTo,
            new SipPort.ReferListener() {
              @Override
              public void onAccepted() {
                java.util.Map<String, String> v = new java.util.HashMap<>(variables());
                v.put("transfer_to", target);
                events.onEvent(event, v);
              }

              @Override
              public void onProgress(int status) {
                if (status >= 200 && status < 300 && state == State.CONNECTED) {
                  dialog().bye();
                  end(200, "Transferred to " + target, PhoneEvent.DISCONNECTED);
                }
              }

              @Override
              public void onFailed(int status, String reason) {
                // The peer would not try: the call goes on.
              }
            });
  }

  /** This call's dialog, null until it is established. */
  DialogId dialogId() {
    SipPort.InviteDialog d = dialog();
    return d == null ? null : d.dialogId();
  }

  /** Whether this phone holds the call. */
  public boolean held() {
    return held;
  }

  /** Whether the peer holds the call (its last offer was sendonly, inactive or c=0.0.0.0). */
  public boolean heldByRemote() {
    return heldByRemote;
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

  /** Where a redirect (the callee's call forward) sent this outgoing call, if it did. */
  public Optional<String> forwardedTo() {
    return Optional.ofNullable(forwardedTo);
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
   * Hold} while this phone holds it, {@code Idle} once ended.
   */
  public String callState() {
    switch (state) {
      case CALLING:
        return "Calling";
      case RINGING:
        return "Ringing";
      case CONNECTED:
        return held ? "Hold" : "InCall";
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
      public void onReinvite(SipPort.IncomingReinvite reinvite) {
        answerReinvite(refreshing(reinvite));
      }

      @Override
      public void onRefer(SipPort.IncomingRefer refer) {
        referred(refer);
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
    public void onAnswered(String sdp, Map<String, String> headers) {
      answerHeaders = headers;
      onAnswered(sdp);
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
      if ((state == State.CALLING || state == State.RINGING)
          && (answerChallenge(response)
              || followRedirect(response)
              || retryWithLongerSession(response))) {
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

    @Override
    public void onReinvite(SipPort.IncomingReinvite reinvite) {
      answerReinvite(refreshing(reinvite));
    }

    @Override
    public void onRefer(SipPort.IncomingRefer refer) {
      referred(refer);
    }
  }

  private void referred(SipPort.IncomingRefer refer) {
    if (state != State.CONNECTED) {
      refer.reject(481, "Call Does Not Exist");
      return;
    }
    onReferred.accept(refer);
  }

  /** Who places the call a peer's REFER asks for (the user agent); until set, REFER gets 603. */
  void onReferred(java.util.function.Consumer<SipPort.IncomingRefer> action) {
    this.onReferred = Objects.requireNonNull(action);
  }

  /**
   * Told once how the call went: 200 when it connects, else the status that ended it (a transfer's
   * NOTIFY reports it).
   */
  void onOutcome(java.util.function.IntConsumer action) {
    this.outcome = Objects.requireNonNull(action);
  }

  private void tellOutcome(int status) {
    if (!outcomeTold) {
      outcomeTold = true;
      outcome.accept(status);
    }
  }

  /**
   * Follows a 3xx to its Contact (the callee forwards the call) with a new INVITE in the same call,
   * up to {@link #MAX_REDIRECTS} times; false if this response is no redirect to follow.
   */
  private boolean followRedirect(SipResponse response) {
    if (response.status() / 100 != 3 || response.contact() == null || redirects >= MAX_REDIRECTS) {
      return false;
    }
    redirects++;
    // The new target gets its own challenge: credentials for the old Request-URI do not fit.
    challengeAnswered = false;
    request =
        new SipPort.InviteRequest(
            response.contact(),
            request.nextHop(),
            request.user(),
            request.domain(),
            request.displayName(),
            request.callId(),
            request.fromTag(),
            request.cseq() + 1,
            request.sdp(),
            request.userAgent(),
            null,
            false,
            request.replaces(),
            request.headers());
    forwardedTo = response.contact();
    outgoing = port.invite(request, new Outgoing());
    return true;
  }

  /** Sends a new offer in the dialog: hold or resume. */
  private void reoffer(boolean hold) {
    holdPending = true;
    boolean rfc2543 = hold && settings.rfc2543Hold();
    String offer =
        Sdp.write(
            rfc2543 ? Sdp.HOLD_ADDRESS : localHost,
            localRtpPort,
            sessionId,
            ++sdpVersion,
            java.util.List.of(payloadType),
            hold && !rfc2543 ? Sdp.Direction.SENDONLY : Sdp.Direction.SENDRECV);
    dialog()
        .reinvite(
            offer,
            new SipPort.ReinviteListener() {
              @Override
              public void onAnswered(String sdp) {
                holdPending = false;
                if (state != State.CONNECTED) {
                  return;
                }
                localSdp = offer;
                held = hold;
                media.hold(localRtpPort, held || heldByRemote);
                events.onEvent(hold ? PhoneEvent.ON_HOLD : PhoneEvent.UNHOLD, variables());
              }

              @Override
              public void onFailed(int status, String reason) {
                // RFC 3261 §14.1: a refused re-INVITE leaves the session as it was.
                holdPending = false;
              }
            });
  }

  /**
   * Answers the peer's re-INVITE: hold, resume or a refresh. The answer mirrors the offer's
   * direction, and stays sendonly/inactive while this phone holds the call.
   */
  private void answerReinvite(SipPort.IncomingReinvite reinvite) {
    if (state != State.CONNECTED) {
      reinvite.reject(491, "Request Pending");
      return;
    }
    Optional<Sdp> offer = Sdp.parse(reinvite.sdp());
    if (offer.isEmpty()) {
      // An offerless re-INVITE: the offer goes in our 200 (RFC 3261 §14.2), as it stands.
      reinvite.accept(localSdp);
      return;
    }
    Sdp o = offer.get();
    if (!o.payloadTypes().contains(payloadType)) {
      reinvite.reject(488, "Not Acceptable Here");
      return;
    }
    heldByRemote = o.holds();
    Sdp.Direction direction = o.direction().answer();
    if (held) {
      direction = heldByRemote ? Sdp.Direction.INACTIVE : Sdp.Direction.SENDONLY;
    }
    localSdp =
        Sdp.write(
            localHost,
            localRtpPort,
            sessionId,
            ++sdpVersion,
            java.util.List.of(payloadType),
            direction);
    reinvite.accept(localSdp);
    if (!Sdp.HOLD_ADDRESS.equals(o.address())
        && (remoteSdp == null
            || !o.address().equals(remoteSdp.address())
            || o.port() != remoteSdp.port())) {
      media.connect(localRtpPort, o.agreeing(payloadType));
    }
    if (!Sdp.HOLD_ADDRESS.equals(o.address())) {
      remoteSdp = o;
    }
    media.hold(localRtpPort, held || heldByRemote);
  }

  private SipPort.InviteDialog dialog() {
    return direction == Direction.OUTGOING ? outgoing : incoming;
  }

  /**
   * Sends the INVITE again with credentials after a 401/407 (MD5 digest, qop=auth), once per call;
   * false if this response is no challenge we can answer.
   */
  private boolean answerChallenge(SipResponse response) {
    if (challengeAnswered) {
      return false;
    }
    Optional<Credentials> credentials =
        Credentials.answer(response, "INVITE", request.target(), settings, digest);
    if (credentials.isEmpty()) {
      return false;
    }
    challengeAnswered = true;
    request = request.withCredentials(credentials.get().header(), credentials.get().proxy());
    outgoing = port.invite(request, new Outgoing());
    return true;
  }

  private void connected() {
    state = State.CONNECTED;
    // The codec is the answer's first: the peer's answer to us, or ours to the peer.
    Optional<Sdp> answer =
        direction == Direction.OUTGOING ? Optional.ofNullable(remoteSdp) : Sdp.parse(localSdp);
    answer.ifPresent(a -> payloadType = a.payloadType());
    if (remoteSdp != null) {
      // The media sends the agreed codec, which need not lead the peer's offer.
      media.connect(localRtpPort, remoteSdp.agreeing(payloadType));
    }
    events.onEvent(PhoneEvent.CONNECTED, variables());
    tellOutcome(200);
    startSessionTimer();
  }

  private void end(int status, String reason, PhoneEvent event) {
    if (state == State.ENDED) {
      return;
    }
    state = State.ENDED;
    sessionTimer.stop();
    endStatus = status;
    endReason = reason == null ? "" : reason;
    media.release(localRtpPort);
    events.onEvent(event, variables());
    tellOutcome(status);
    onEnded.run();
  }

  /**
   * After 422 Session Interval Too Small: the INVITE again asking for the peer's Min-SE (RFC 4028
   * §7.3), once per call; false if this response is no 422 to retry.
   */
  private boolean retryWithLongerSession(SipResponse response) {
    Optional<java.time.Duration> peerMinSe = SessionTimer.minSeOf(response);
    if (response.status() != 422 || sessionRetried || peerMinSe.isEmpty()) {
      return false;
    }
    sessionRetried = true;
    SessionTimerSettings timer = settings.sessionTimer();
    java.time.Duration minSe =
        peerMinSe.get().compareTo(timer.minSe()) > 0 ? peerMinSe.get() : timer.minSe();
    java.time.Duration interval =
        minSe.compareTo(timer.expiration()) > 0 ? minSe : timer.expiration();
    request = request.withHeaders(inviteHeaders(settings, interval, minSe));
    outgoing = port.invite(request, new Outgoing());
    return true;
  }

  /**
   * The extension header fields of an INVITE from {@code s}'s account: the session timer asking for
   * {@code interval}, and Supported: 100rel when Enable 100rel is on.
   */
  private static Map<String, String> inviteHeaders(
      SipSettings s, java.time.Duration interval, java.time.Duration minSe) {
    Map<String, String> headers = SessionTimer.offer(s.sessionTimer(), interval, minSe);
    if (s.enable100rel()) {
      headers.merge(
          SessionTimer.SUPPORTED,
          OptionTags.RELIABLE_PROVISIONALS,
          (timer, rel) -> timer + ", " + rel);
    }
    return headers;
  }

  /** The session timer the INVITE's 200 agreed on, if any, starts with the call. */
  private void startSessionTimer() {
    Optional<SessionTimer.Agreement> agreed =
        direction == Direction.OUTGOING
            ? SessionTimer.answered(settings.sessionTimer(), askedInterval(), answerHeaders)
            : Optional.ofNullable(calleeAgreement);
    agreed.ifPresent(sessionTimer::start);
  }

  /** The interval the last INVITE asked for (the configured one, or more after a 422). */
  private java.time.Duration askedInterval() {
    return SessionTimer.SessionExpires.parse(request.headers().get(SessionTimer.SESSION_EXPIRES))
        .map(se -> java.time.Duration.ofSeconds(se.seconds()))
        .orElse(settings.sessionTimer().expiration());
  }

  /** Half the interval passed: a re-INVITE with the session as it stands refreshes it. */
  private void refreshSession() {
    if (state != State.CONNECTED) {
      return;
    }
    dialog()
        .reinvite(
            localSdp,
            sessionTimer.refreshHeaders(),
            new SipPort.ReinviteListener() {
              @Override
              public void onAnswered(String sdp) {
                sessionTimer.agreement().ifPresent(sessionTimer::start);
              }

              @Override
              public void onFailed(int status, String reason) {
                if (state != State.CONNECTED) {
                  return;
                }
                if (status == 408 || status == 481) {
                  // RFC 4028 §10: the dialog is gone or the peer unreachable: end the session.
                  dialog().bye();
                  end(status, "Session refresh failed: " + reason, PhoneEvent.DISCONNECTED);
                } else {
                  sessionTimer.refreshFailed();
                }
              }
            });
  }

  /** No refresh came before the session interval ran out: BYE (RFC 4028 §10). */
  private void sessionExpired() {
    if (state == State.CONNECTED) {
      dialog().bye();
      end(408, "Session expired", PhoneEvent.DISCONNECTED);
    }
  }

  /** The peer's re-INVITE, whose 200 restarts the session timer and states it. */
  private SipPort.IncomingReinvite refreshing(SipPort.IncomingReinvite reinvite) {
    return new SipPort.IncomingReinvite() {
      @Override
      public String sdp() {
        return reinvite.sdp();
      }

      @Override
      public String header(String name) {
        return reinvite.header(name);
      }

      @Override
      public void accept(String sdp, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.putAll(sessionTimer.refreshedByPeer(reinvite::header));
        reinvite.accept(sdp, all);
      }

      @Override
      public void reject(int status, String reason) {
        reinvite.reject(status, reason);
      }
    };
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
