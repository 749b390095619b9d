package io.cradle.cpe.sip;

/**
 * What the SIP state machines need from a SIP stack, for one local SIP address (address, port,
 * transport): send a REGISTER, place and take INVITE dialogs. No JAIN-SIP types cross it, so {@link
 * Registration} and {@link Call} are tested on virtual time with a fake, and the real adapter
 * ({@code io.cradle.cpe.sip.jain}) is tested against Kamailio and SIPp.
 *
 * <p>Listener calls arrive on the executor the port was opened with (the phone's scheduler), one at
 * a time, never on the caller's stack. Transaction timers (RFC 3261 Timer B/F) are the stack's.
 */
public interface SipPort extends AutoCloseable {

  /** The local SIP address, e.g. {@code 127.0.0.1:5060}, as it appears in Contact and Via. */
  HostPort localAddress();

  /** The transport of this port. */
  Transport transport();

  /** Sends a REGISTER; exactly one final outcome reaches {@code listener}. */
  void register(RegisterRequest request, ResponseListener listener);

  /** Sends an INVITE; the dialog's events reach {@code listener}. */
  OutgoingInvite invite(InviteRequest request, InviteListener listener);

  /** Where incoming INVITEs go; until set they are answered 480. */
  void onIncomingInvite(IncomingInviteHandler handler);

  /** Stops listening on the address; open transactions are abandoned. */
  @Override
  void close();

  /**
   * A REGISTER to send. The adapter builds the Contact from its own address and {@code user}.
   *
   * @param nextHop where the request is sent: the outbound proxy, else the registrar
   * @param wildcard send {@code Contact: *} (with {@code expires} 0: remove all bindings)
   * @param authorization a ready {@code Authorization} value, or null
   * @param proxyAuthorization send {@code authorization} as {@code Proxy-Authorization} (after 407)
   */
  record RegisterRequest(
      HostPort registrar,
      HostPort nextHop,
      String user,
      String domain,
      String displayName,
      String callId,
      String fromTag,
      long cseq,
      int expires,
      boolean wildcard,
      String authorization,
      boolean proxyAuthorization,
      String userAgent) {

    /** The Request-URI, {@code sip:<registrar host:port>}; also the digest {@code uri}. */
    public String requestUri() {
      return "sip:" + registrar;
    }
  }

  /**
   * An INVITE to send. {@code target} is a SIP URI such as {@code sip:2002@127.0.0.1:5070}.
   *
   * @param nextHop the outbound proxy or SIP server the INVITE goes through; null for the target
   * @param cseq 1, then one more for the INVITE that answers a challenge
   * @param authorization a ready {@code Authorization} value, or null
   * @param proxyAuthorization send {@code authorization} as {@code Proxy-Authorization} (after 407)
   */
  record InviteRequest(
      String target,
      HostPort nextHop,
      String user,
      String domain,
      String displayName,
      String callId,
      String fromTag,
      long cseq,
      String sdp,
      String userAgent,
      String authorization,
      boolean proxyAuthorization) {

    /** The same INVITE again with the next CSeq and credentials. */
    public InviteRequest withCredentials(String authorization, boolean proxy) {
      return new InviteRequest(
          target,
          nextHop,
          user,
          domain,
          displayName,
          callId,
          fromTag,
          cseq + 1,
          sdp,
          userAgent,
          authorization,
          proxy);
    }
  }

  /** A final or provisional SIP response as the state machines see it. */
  record SipResponse(
      int status, String reason, String wwwAuthenticate, String proxyAuthenticate, int expires) {

    /** No Expires found in the response. */
    public static final int NO_EXPIRES = -1;

    public boolean isSuccess() {
      return status >= 200 && status < 300;
    }
  }

  /** The outcome of a non-INVITE request. */
  interface ResponseListener {
    void onResponse(SipResponse response);

    /** Timer F fired, or the request could not be sent (connection refused, unknown host). */
    void onNoResponse(String why);
  }

  /** Events of an INVITE dialog, ours or the peer's. */
  interface DialogListener {
    /** The peer sent BYE (answered 200 by the adapter). */
    void onRemoteBye();

    /** The peer cancelled an INVITE before it was answered (answered 487 by the adapter). */
    default void onCancelled() {}
  }

  /** Events of an INVITE we sent. */
  interface InviteListener extends DialogListener {
    /** 1xx, e.g. 180 Ringing. */
    void onProvisional(int status);

    /** 2xx (the adapter has sent ACK) with the peer's SDP answer. */
    void onAnswered(String sdp);

    /** A final failure: 3xx-6xx, including 487 after our CANCEL. */
    void onFailed(SipResponse response);

    /** Timer B fired, or the INVITE could not be sent. */
    void onNoResponse(String why);
  }

  /** A handle on an INVITE we sent. */
  interface OutgoingInvite {
    /** Sends CANCEL (before a final response). */
    void cancel();

    /** Sends BYE in the established dialog. */
    void bye();
  }

  /** Takes an INVITE a peer sent and says who will follow its dialog. */
  @FunctionalInterface
  interface IncomingInviteHandler {
    DialogListener onInvite(IncomingInvite invite);
  }

  /** An INVITE received: answer it once, then BYE it. */
  interface IncomingInvite {
    /** The caller's From URI, e.g. {@code sip:2001@127.0.0.1}. */
    String from();

    /** The user part of the Request-URI (which account is called), empty if none. */
    String toUser();

    String callId();

    /** The offer, empty if the INVITE had no body. */
    String sdp();

    /** Sends 180 Ringing. */
    void ringing();

    /** Sends 200 OK with {@code sdp} as the answer. */
    void answer(String sdp);

    /** Sends a final failure, e.g. 486 Busy Here. */
    void reject(int status, String reason);

    /** Sends BYE in the established dialog. */
    void bye();
  }
}
