package io.cradle.cpe.sip;

import java.util.List;
import java.util.Map;

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

  /** Sends a request outside any dialog (OPTIONS, MESSAGE); exactly one final outcome follows. */
  void send(OutOfDialogRequest request, ResponseListener listener);

  /**
   * Sends a SUBSCRIBE (RFC 6665); exactly one final outcome follows. One with the Call-ID of a
   * subscription the notifier accepted refreshes it in its dialog ({@code expires} 0 ends it). The
   * notifier's NOTIFYs for it reach the {@link #onIncomingRequest} handler.
   */
  void subscribe(SubscribeRequest request, ResponseListener listener);

  /**
   * Where requests outside a dialog other than INVITE go (MESSAGE, NOTIFY); until set, and for
   * OPTIONS always, the port answers itself: OPTIONS 200, the rest 405.
   */
  void onIncomingRequest(IncomingRequestHandler handler);

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
   * @param replaces a {@code Replaces} value (RFC 3891, the transferee's INVITE of an attended
   *     transfer), or null
   * @param headers extension header fields the INVITE carries, e.g. {@code Supported}, {@code
   *     Session-Expires}, {@code Min-SE}
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
      boolean proxyAuthorization,
      String replaces,
      Map<String, String> headers) {

    /** An INVITE that replaces no dialog, without extension header fields. */
    public InviteRequest(
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
      this(
          target,
          nextHop,
          user,
          domain,
          displayName,
          callId,
          fromTag,
          cseq,
          sdp,
          userAgent,
          authorization,
          proxyAuthorization,
          null,
          Map.of());
    }

    /** The same INVITE again with the next CSeq and other extension header fields (after 422). */
    public InviteRequest withHeaders(Map<String, String> headers) {
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
          proxyAuthorization,
          replaces,
          headers);
    }

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
          proxy,
          replaces,
          headers);
    }
  }

  /**
   * A request outside a dialog, e.g. an OPTIONS keep-alive or a MESSAGE.
   *
   * @param target the Request-URI, e.g. {@code sip:2001@pbx.example.com}
   * @param nextHop the outbound proxy or SIP server it goes through
   * @param contentType e.g. {@code text/plain}, null without a body
   * @param authorization a ready {@code Authorization} value, or null
   */
  record OutOfDialogRequest(
      String method,
      String target,
      HostPort nextHop,
      String user,
      String domain,
      String callId,
      String fromTag,
      long cseq,
      String contentType,
      String body,
      String userAgent,
      String authorization,
      boolean proxyAuthorization) {

    /** The same request again with the next CSeq and credentials (after a 401/407). */
    public OutOfDialogRequest withCredentials(String authorization, boolean proxy) {
      return new OutOfDialogRequest(
          method,
          target,
          nextHop,
          user,
          domain,
          callId,
          fromTag,
          cseq + 1,
          contentType,
          body,
          userAgent,
          authorization,
          proxy);
    }
  }

  /**
   * A SUBSCRIBE to send, e.g. for message-summary to the account's own address of record.
   *
   * @param target the Request-URI and To, e.g. {@code sip:2002@pbx.example.com}
   * @param event the event package, e.g. {@code message-summary}
   * @param accept the body type the subscriber takes, e.g. {@code
   *     application/simple-message-summary}
   * @param expires the duration asked for, seconds; 0 ends the subscription
   */
  record SubscribeRequest(
      String target,
      HostPort nextHop,
      String user,
      String domain,
      String callId,
      String fromTag,
      long cseq,
      String event,
      String accept,
      int expires,
      String userAgent,
      String authorization,
      boolean proxyAuthorization) {

    /** The same SUBSCRIBE again with the next CSeq and credentials (after a 401/407). */
    public SubscribeRequest withCredentials(String authorization, boolean proxy) {
      return new SubscribeRequest(
          target,
          nextHop,
          user,
          domain,
          callId,
          fromTag,
          cseq + 1,
          event,
          accept,
          expires,
          userAgent,
          authorization,
          proxy);
    }
  }

  /** Takes a request outside a dialog that is no INVITE. */
  @FunctionalInterface
  interface IncomingRequestHandler {
    void onRequest(IncomingRequest request);
  }

  /** A MESSAGE, NOTIFY or the like received: answer it once. */
  interface IncomingRequest {
    String method();

    /** The Request-URI as sent, e.g. {@code sip:2002@127.0.0.1:5060}; the digest {@code uri}. */
    String requestUri();

    /** The user part of the Request-URI, empty if none. */
    String toUser();

    /** The sender's From URI. */
    String from();

    /** A header's value without its name, or null if absent; e.g. {@code Event}. */
    String header(String name);

    /** The body, empty if none. */
    String body();

    /** Sends the final response. */
    void respond(int status, String reason);

    /** Sends 401 Unauthorized with {@code wwwAuthenticate} as the challenge. */
    void challenge(String wwwAuthenticate);
  }

  /**
   * A final or provisional SIP response as the state machines see it.
   *
   * @param contact the first Contact URI of a 3xx (where a redirect points), else null
   * @param headers the extension header fields of {@link #EXTENSION_HEADERS} it carries
   */
  record SipResponse(
      int status,
      String reason,
      String wwwAuthenticate,
      String proxyAuthenticate,
      int expires,
      String contact,
      Map<String, String> headers) {

    /** A response without extension header fields. */
    public SipResponse(
        int status,
        String reason,
        String wwwAuthenticate,
        String proxyAuthenticate,
        int expires,
        String contact) {
      this(status, reason, wwwAuthenticate, proxyAuthenticate, expires, contact, Map.of());
    }

    /** No Expires found in the response. */
    public static final int NO_EXPIRES = -1;

    /** A response without a Contact. */
    public SipResponse(
        int status, String reason, String wwwAuthenticate, String proxyAuthenticate, int expires) {
      this(status, reason, wwwAuthenticate, proxyAuthenticate, expires, null);
    }

    /** An extension header field's value (e.g. {@code Min-SE} of a 422), or null. */
    public String header(String name) {
      return headers.get(name);
    }

    public boolean isSuccess() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * The extension header fields the adapter reads from responses and INVITEs for the state
   * machines: session timers (RFC 4028), reliable provisionals (RFC 3262), what the peer allows.
   */
  List<String> EXTENSION_HEADERS =
      List.of("Session-Expires", "Min-SE", "Supported", "Require", "Allow", "RSeq");

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

    /**
     * The peer sent a re-INVITE in the established dialog (hold, resume, a session refresh): answer
     * it once. Without a listener that knows the session, it is refused.
     */
    default void onReinvite(IncomingReinvite reinvite) {
      reinvite.reject(488, "Not Acceptable Here");
    }

    /** The peer asks us to call another party (REFER, blind transfer): answer it once. */
    default void onRefer(IncomingRefer refer) {
      refer.reject(405, "Method Not Allowed");
    }
  }

  /** A REFER the peer sent in an established dialog (RFC 3515). */
  interface IncomingRefer {
    /** The Refer-To URI, e.g. {@code sip:2003@pbx.example.com}. */
    String referTo();

    /** Sends 202 Accepted; the progress follows by {@link #notifyProgress}. */
    void accept();

    /** Sends a final failure, e.g. 603 Declined. */
    void reject(int status, String reason);

    /**
     * Sends a NOTIFY (Event refer, message/sipfrag) with the new call's status line; a final status
     * ends the implicit subscription.
     */
    void notifyProgress(int status, String reason);
  }

  /** How a REFER we sent goes. */
  interface ReferListener {
    /** 202: the peer will try the transfer target. */
    void onAccepted();

    /** The peer's NOTIFY: its call to the target reached {@code status} (100, 180, 200, 486…). */
    void onProgress(int status);

    /** The REFER was refused or not answered. */
    void onFailed(int status, String reason);
  }

  /** A re-INVITE the peer sent in an established dialog. */
  interface IncomingReinvite {
    /** The new offer, empty if the re-INVITE had no body. */
    String sdp();

    /** A header field's value without its name, or null; e.g. {@code Session-Expires}. */
    String header(String name);

    /** Sends 200 OK with {@code sdp} as the answer. */
    default void accept(String sdp) {
      accept(sdp, Map.of());
    }

    /** Sends 200 OK with {@code sdp} and extension header fields, e.g. Session-Expires. */
    void accept(String sdp, Map<String, String> headers);

    /** Sends a final failure, e.g. 488. */
    void reject(int status, String reason);
  }

  /** The outcome of a re-INVITE we sent. */
  interface ReinviteListener {
    /** 2xx (the adapter has sent ACK) with the peer's SDP answer. */
    void onAnswered(String sdp);

    /** A final failure (the session stays as it was), or no answer (408). */
    void onFailed(int status, String reason);
  }

  /** What both ends can do in an established INVITE dialog. */
  interface InviteDialog {
    /** Sends a re-INVITE with a new offer, e.g. to hold or resume the call. */
    default void reinvite(String sdp, ReinviteListener listener) {
      reinvite(sdp, Map.of(), listener);
    }

    /** Sends a re-INVITE carrying extension header fields, e.g. a session refresh (RFC 4028). */
    void reinvite(String sdp, Map<String, String> headers, ReinviteListener listener);

    /** Sends BYE in the established dialog. */
    void bye();

    /**
     * Sends REFER with {@code referTo}: blind transfer of the peer to that URI, or attended with a
     * Replaces in it ({@link DialogId#referTo}).
     */
    void refer(String referTo, ReferListener listener);

    /** This dialog's Call-ID and tags; null before the dialog is established. */
    DialogId dialogId();
  }

  /** Events of an INVITE we sent. */
  interface InviteListener extends DialogListener {
    /** 1xx, e.g. 180 Ringing. */
    void onProvisional(int status);

    /** 2xx (the adapter has sent ACK) with the peer's SDP answer. */
    void onAnswered(String sdp);

    /**
     * 2xx with its {@link #EXTENSION_HEADERS} (e.g. the Session-Expires the peer chose); the
     * adapter calls this one.
     */
    default void onAnswered(String sdp, Map<String, String> headers) {
      onAnswered(sdp);
    }

    /** A final failure: 3xx-6xx (a 3xx with its {@code contact}), including 487 after CANCEL. */
    void onFailed(SipResponse response);

    /** Timer B fired, or the INVITE could not be sent. */
    void onNoResponse(String why);
  }

  /** A handle on an INVITE we sent. */
  interface OutgoingInvite extends InviteDialog {
    /** Sends CANCEL (before a final response). */
    void cancel();
  }

  /** Takes an INVITE a peer sent and says who will follow its dialog. */
  @FunctionalInterface
  interface IncomingInviteHandler {
    DialogListener onInvite(IncomingInvite invite);
  }

  /** An INVITE received: answer it once, then BYE it. */
  interface IncomingInvite extends InviteDialog {
    /** The caller's From URI, e.g. {@code sip:2001@127.0.0.1}. */
    String from();

    /** The user part of the Request-URI (which account is called), empty if none. */
    String toUser();

    String callId();

    /** The offer, empty if the INVITE had no body. */
    String sdp();

    /**
     * The dialog of ours its Replaces header (RFC 3891) asks to replace, empty without one; a
     * malformed Replaces never gets here (the adapter answers 400).
     */
    default java.util.Optional<DialogId> replaces() {
      return java.util.Optional.empty();
    }

    /** A header field's value without its name, or null; e.g. {@code Session-Expires}. */
    String header(String name);

    /** Sends 180 Ringing. */
    default void ringing() {
      ringing(false);
    }

    /**
     * Sends 180 Ringing; {@code reliable}: with Require: 100rel and RSeq, retransmitted until the
     * caller's PRACK (RFC 3262), for an INVITE that supports it.
     */
    void ringing(boolean reliable);

    /** Sends 200 OK with {@code sdp} as the answer. */
    default void answer(String sdp) {
      answer(sdp, Map.of());
    }

    /** Sends 200 OK with {@code sdp} and extension header fields, e.g. Session-Expires, Require. */
    void answer(String sdp, Map<String, String> headers);

    /** Sends a final failure, e.g. 486 Busy Here. */
    default void reject(int status, String reason) {
      reject(status, reason, Map.of());
    }

    /** Sends a final failure with extension header fields, e.g. 422 with Min-SE. */
    void reject(int status, String reason, Map<String, String> headers);

    /** Sends 302 Moved Temporarily with {@code target} (a SIP URI) as the Contact: call forward. */
    void redirect(String target);
  }
}
