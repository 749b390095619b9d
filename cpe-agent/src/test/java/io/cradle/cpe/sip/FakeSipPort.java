package io.cradle.cpe.sip;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

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

  /** An INVITE we sent, with what the far end did. */
  static final class SentInvite implements OutgoingInvite {
    final InviteRequest request;
    final InviteListener listener;
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
  }

  /** An INVITE the far end sent us. */
  static final class ReceivedInvite implements IncomingInvite {
    final String sdp;
    final List<Integer> sent = new ArrayList<>();
    String answerSdp;
    boolean byeSent;
    DialogListener dialog;

    ReceivedInvite(String sdp) {
      this.sdp = sdp;
    }

    @Override
    public String from() {
      return "sip:2001@127.0.0.1";
    }

    @Override
    public String toUser() {
      return "2002";
    }

    @Override
    public String callId() {
      return "call-1";
    }

    @Override
    public String sdp() {
      return sdp;
    }

    @Override
    public void ringing() {
      sent.add(180);
    }

    @Override
    public void answer(String sdp) {
      sent.add(200);
      answerSdp = sdp;
    }

    @Override
    public void reject(int status, String reason) {
      sent.add(status);
    }

    @Override
    public void bye() {
      byeSent = true;
    }
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
    ReceivedInvite invite = new ReceivedInvite(sdp);
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
