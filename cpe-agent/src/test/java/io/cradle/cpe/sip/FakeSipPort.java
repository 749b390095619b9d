package io.cradle.cpe.sip;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link SipPort} that records what the state machines send; the test plays the far end. */
final class FakeSipPort implements SipPort {

  record SentRegister(RegisterRequest request, ResponseListener listener) {
    void answer(int status, String reason) {
      listener.onResponse(new SipResponse(status, reason, null, null, SipResponse.NO_EXPIRES));
    }

    void ok(int expires) {
      listener.onResponse(new SipResponse(200, "OK", null, null, expires));
    }

    void challenge(String nonce, boolean stale) {
      listener.onResponse(
          new SipResponse(
              401,
              "Unauthorized",
              "Digest realm=\"cradle\", nonce=\""
                  + nonce
                  + "\", qop=\"auth\", algorithm=MD5"
                  + (stale ? ", stale=true" : ""),
              null,
              SipResponse.NO_EXPIRES));
    }
  }

  /** A re-INVITE the phone sent in a dialog; the test answers it. */
  record SentReinvite(String sdp, ReinviteListener listener, Map<String, String> headers) {
    Sdp offer() {
      return Sdp.parse(sdp).orElseThrow();
    }
  }

  /** A REFER the phone sent in a dialog; the test plays the transferee. */
  record SentRefer(String referTo, ReferListener listener) {}

  /** A REFER the far end sent, with what the phone answered and notified. */
  static final class ReceivedRefer implements IncomingRefer {
    final String referTo;
    final List<Integer> progress = new ArrayList<>();
    int status;

    ReceivedRefer(String referTo) {
      this.referTo = referTo;
    }

    @Override
    public String referTo() {
      return referTo;
    }

    @Override
    public void accept() {
      status = 202;
    }

    @Override
    public void reject(int status, String reason) {
      this.status = status;
    }

    @Override
    public void notifyProgress(int status, String reason) {
      progress.add(status);
    }
  }

  /** A re-INVITE the far end sent, with the phone's answer. */
  static final class ReceivedReinvite implements IncomingReinvite {
    final String offer;
    final Map<String, String> headers;
    String answer;
    Map<String, String> answerHeaders;
    int status;

    ReceivedReinvite(String offer, Map<String, String> headers) {
      this.offer = offer;
      this.headers = headers;
    }

    @Override
    public String sdp() {
      return offer;
    }

    @Override
    public String header(String name) {
      return headers.get(name);
    }

    @Override
    public void accept(String sdp, Map<String, String> headers) {
      status = 200;
      answer = sdp;
      answerHeaders = headers;
    }

    @Override
    public void reject(int status, String reason) {
      this.status = status;
    }

    Sdp answerSdp() {
      return Sdp.parse(answer).orElseThrow();
    }
  }

  /** An INVITE we sent, with what the far end did. */
  static final class SentInvite implements OutgoingInvite {
    final InviteRequest request;
    final InviteListener listener;
    final Deque<SentReinvite> reinvites = new ArrayDeque<>();
    final Deque<SentRefer> refers = new ArrayDeque<>();
    boolean cancelled;
    boolean byeSent;

    SentInvite(InviteRequest request, InviteListener listener) {
      this.request = request;
      this.listener = listener;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public void bye() {
      byeSent = true;
    }

    @Override
    public void reinvite(String sdp, Map<String, String> headers, ReinviteListener listener) {
      reinvites.addLast(new SentReinvite(sdp, listener, headers));
    }

    @Override
    public void refer(String referTo, ReferListener listener) {
      refers.addLast(new SentRefer(referTo, listener));
    }

    @Override
    public DialogId dialogId() {
      return new DialogId(request.callId(), request.fromTag(), "far-" + request.fromTag());
    }
  }

  /** An INVITE the far end sent us. */
  static final class ReceivedInvite implements IncomingInvite {
    final String sdp;
    String from = "sip:2001@127.0.0.1";
    String callId = "call-1";
    DialogId replaces;
    Map<String, String> headers = Map.of();
    Map<String, String> finalHeaders;
    final List<Integer> sent = new ArrayList<>();
    final Deque<SentReinvite> reinvites = new ArrayDeque<>();
    String answerSdp;
    String redirectedTo;
    boolean byeSent;
    DialogListener dialog;

    ReceivedInvite(String sdp) {
      this.sdp = sdp;
    }

    @Override
    public String from() {
      return from;
    }

    @Override
    public String toUser() {
      return "2002";
    }

    @Override
    public String callId() {
      return callId;
    }

    @Override
    public String sdp() {
      return sdp;
    }

    @Override
    public String header(String name) {
      return headers.get(name);
    }

    /** Whether the 180 went reliably (Require: 100rel). */
    boolean reliableRinging;

    @Override
    public void ringing(boolean reliable) {
      sent.add(180);
      reliableRinging = reliable;
    }

    @Override
    public void answer(String sdp, Map<String, String> headers) {
      sent.add(200);
      answerSdp = sdp;
      finalHeaders = headers;
    }

    @Override
    public void reject(int status, String reason, Map<String, String> headers) {
      sent.add(status);
      finalHeaders = headers;
    }

    @Override
    public void bye() {
      byeSent = true;
    }

    @Override
    public void redirect(String target) {
      sent.add(302);
      redirectedTo = target;
    }

    @Override
    public void reinvite(String sdp, Map<String, String> headers, ReinviteListener listener) {
      reinvites.addLast(new SentReinvite(sdp, listener, headers));
    }

    @Override
    public void refer(String referTo, ReferListener listener) {
      throw new AssertionError("not expected in these tests: REFER to " + referTo);
    }

    @Override
    public DialogId dialogId() {
      return new DialogId(callId, "here-" + callId, "far-" + callId);
    }

    @Override
    public Optional<DialogId> replaces() {
      return Optional.ofNullable(replaces);
    }

    /** The peer REFERs the phone to {@code target}; returns what the phone did. */
    ReceivedRefer referFromPeer(String target) {
      ReceivedRefer refer = new ReceivedRefer(target);
      dialog.onRefer(refer);
      return refer;
    }

    /** The peer re-INVITEs with {@code offer}; returns the phone's answer. */
    ReceivedReinvite reinviteFromPeer(String offer) {
      return reinviteFromPeer(offer, Map.of());
    }

    /** The peer re-INVITEs with {@code offer} and extension {@code headers}. */
    ReceivedReinvite reinviteFromPeer(String offer, Map<String, String> headers) {
      ReceivedReinvite reinvite = new ReceivedReinvite(offer, headers);
      dialog.onReinvite(reinvite);
      return reinvite;
    }
  }

  /** A request outside a dialog the phone sent (OPTIONS, MESSAGE). */
  record SentRequest(OutOfDialogRequest request, ResponseListener listener) {
    void answer(int status, String reason) {
      listener.onResponse(new SipResponse(status, reason, null, null, SipResponse.NO_EXPIRES));
    }
  }

  /** A MESSAGE or NOTIFY the far end sent, with the phone's answer. */
  static final class ReceivedRequest implements IncomingRequest {
    final String method;
    final Map<String, String> headers;
    final String body;
    int status;
    String challenge;

    ReceivedRequest(String method, Map<String, String> headers, String body) {
      this.method = method;
      this.headers = headers;
      this.body = body;
    }

    @Override
    public String method() {
      return method;
    }

    @Override
    public String requestUri() {
      return "sip:2002@192.0.2.2:5060";
    }

    @Override
    public String toUser() {
      return "2002";
    }

    @Override
    public String from() {
      return "sip:2001@sip.example.com";
    }

    @Override
    public String header(String name) {
      return headers.get(name);
    }

    @Override
    public String body() {
      return body;
    }

    @Override
    public void respond(int status, String reason) {
      this.status = status;
    }

    @Override
    public void challenge(String wwwAuthenticate) {
      status = 401;
      challenge = wwwAuthenticate;
    }
  }

  /** A SUBSCRIBE the phone sent; the test plays the notifier. */
  record SentSubscribe(SubscribeRequest request, ResponseListener listener) {
    void ok(int expires) {
      listener.onResponse(new SipResponse(200, "OK", null, null, expires));
    }

    void answer(int status, String reason) {
      listener.onResponse(new SipResponse(status, reason, null, null, SipResponse.NO_EXPIRES));
    }
  }

  final Deque<SentSubscribe> subscribes = new ArrayDeque<>();

  @Override
  public void subscribe(SubscribeRequest request, ResponseListener listener) {
    subscribes.addLast(new SentSubscribe(request, listener));
  }

  final Deque<SentRequest> requests = new ArrayDeque<>();
  IncomingRequestHandler requestHandler;

  /** The far end sends a request outside a dialog; returns it with the phone's answer. */
  ReceivedRequest receiveRequest(String method, Map<String, String> headers, String body) {
    ReceivedRequest request = new ReceivedRequest(method, headers, body);
    requestHandler.onRequest(request);
    return request;
  }

  @Override
  public void send(OutOfDialogRequest request, ResponseListener listener) {
    requests.addLast(new SentRequest(request, listener));
  }

  @Override
  public void onIncomingRequest(IncomingRequestHandler handler) {
    this.requestHandler = handler;
  }

  final Deque<SentRegister> registers = new ArrayDeque<>();
  final Deque<SentInvite> invites = new ArrayDeque<>();
  final HostPort local;
  IncomingInviteHandler handler;
  boolean closed;

  FakeSipPort(HostPort local) {
    this.local = local;
  }

  SentRegister nextRegister() {
    SentRegister r = registers.pollFirst();
    if (r == null) {
      throw new AssertionError("no REGISTER was sent");
    }
    return r;
  }

  ReceivedInvite receive(String sdp) {
    return receive("sip:2001@127.0.0.1", sdp);
  }

  ReceivedInvite receive(String from, String sdp) {
    return receive(from, sdp, Map.of());
  }

  /** The far end sends an INVITE with extension {@code headers} (Session-Expires, Supported…). */
  ReceivedInvite receive(String from, String sdp, Map<String, String> headers) {
    ReceivedInvite invite = new ReceivedInvite(sdp);
    invite.from = from;
    invite.headers = headers;
    invite.dialog = handler.onInvite(invite);
    return invite;
  }

  @Override
  public HostPort localAddress() {
    return local;
  }

  @Override
  public Transport transport() {
    return Transport.UDP;
  }

  @Override
  public void register(RegisterRequest request, ResponseListener listener) {
    registers.addLast(new SentRegister(request, listener));
  }

  @Override
  public OutgoingInvite invite(InviteRequest request, InviteListener listener) {
    SentInvite invite = new SentInvite(request, listener);
    invites.addLast(invite);
    return invite;
  }

  @Override
  public void onIncomingInvite(IncomingInviteHandler handler) {
    this.handler = handler;
  }

  @Override
  public void close() {
    closed = true;
  }
}
