package io.cradle.cpe.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.sip.FakeSipPort.ReceivedInvite;
import io.cradle.cpe.sip.FakeSipPort.SentInvite;
import io.cradle.cpe.sip.SipPort.SipResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calls on virtual time against a fake port. */
class CallTest extends AgentOnFakePortTest {

  static final String OFFER = Sdp.offer("192.0.2.7", 40000, 1);

  final List<PhoneEvent> events = new ArrayList<>();

  CallTest() {
    store.setAll(
        Map.of("P271", "1", "P47", "sip.example.com", "P35", "2002", "P34", "pw", "P476", "20"));
  }

  void start() {
    newAgent(MediaPort.NONE, (event, variables) -> events.add(event));
    ua.start();
  }

  @Test
  void outgoingCallRingsConnectsAndHangsUpWithBye() {
    start();
    Call call = ua.dial(1, "2001");
    SentInvite invite = port.invites.pop();
    assertEquals("sip:2001@sip.example.com:5060", invite.request.target());
    assertEquals("sip.example.com:5060", invite.request.nextHop().toString());
    Sdp offer = Sdp.parse(invite.request.sdp()).orElseThrow();
    assertEquals(List.of(0, 8, 101), offer.payloadTypes());
    assertEquals(call.localRtpPort(), offer.port());
    assertEquals("Calling", ua.callState(1));

    invite.listener.onProvisional(180);
    assertEquals("Ringing", ua.callState(1));
    invite.listener.onAnswered(Sdp.offer("192.0.2.9", 50000, 2));
    assertEquals("InCall", ua.callState(1));
    assertEquals(50000, call.remoteSdp().orElseThrow().port());

    call.hangup();
    assertTrue(invite.byeSent);
    assertEquals("Idle", ua.callState(1));
    assertEquals(
        List.of(PhoneEvent.OUTGOING_CALL, PhoneEvent.CONNECTED, PhoneEvent.DISCONNECTED), events);
  }

  @Test
  void hangingUpBeforeTheAnswerCancels() {
    start();
    Call call = ua.dial(1, "2001");
    SentInvite invite = port.invites.pop();
    invite.listener.onProvisional(180);
    call.hangup();
    assertTrue(invite.cancelled);
    invite.listener.onFailed(new SipResponse(487, "Request Terminated", null, null, -1));
    assertEquals(Call.State.ENDED, call.state());
    assertEquals(487, call.endStatus());
    assertEquals("Idle", ua.callState(1));
  }

  @Test
  void aProxyChallengeIsAnsweredOnceWithTheNextCseq() {
    start();
    Call call = ua.dial(1, "2001");
    SentInvite first = port.invites.pop();
    assertEquals(1, first.request.cseq());
    first.listener.onFailed(
        new SipResponse(
            407,
            "Proxy Authentication Required",
            null,
            "Digest realm=\"sip.example.com\", nonce=\"n7\", qop=\"auth\"",
            -1));
    SentInvite second = port.invites.pop();
    assertEquals(2, second.request.cseq());
    assertTrue(second.request.proxyAuthorization());
    assertEquals(first.request.callId(), second.request.callId());
    assertEquals(first.request.fromTag(), second.request.fromTag());
    assertTrue(second.request.authorization().contains("username=\"2002\""));
    assertTrue(second.request.authorization().contains("uri=\"sip:2001@sip.example.com:5060\""));
    assertEquals("Calling", ua.callState(1));

    second.listener.onFailed(
        new SipResponse(
            407, "Proxy Authentication Required", null, "Digest realm=\"x\", nonce=\"n8\"", -1));
    assertTrue(port.invites.isEmpty(), "a second challenge is not answered");
    assertEquals(407, call.endStatus());
  }

  @Test
  void busyCalleeEndsTheCallWith486() {
    start();
    Call call = ua.dial(1, "2001@other.example.com");
    SentInvite invite = port.invites.pop();
    assertEquals("sip:2001@other.example.com", invite.request.target());
    invite.listener.onFailed(new SipResponse(486, "Busy Here", null, null, -1));
    assertEquals(486, call.endStatus());
    assertFalse(ua.call(1).isPresent());
  }

  @Test
  void incomingCallRingsUntilRingTimeoutAndIsMissed() {
    start();
    ReceivedInvite invite = port.receive(OFFER);
    assertEquals(List.of(180), invite.sent);
    assertEquals("Ringing", ua.callState(1));
    scheduler.runFor(Duration.ofSeconds(19));
    assertEquals("Ringing", ua.callState(1));
    scheduler.runFor(Duration.ofSeconds(1));
    assertEquals(List.of(180, 480), invite.sent);
    assertEquals("Idle", ua.callState(1));
    assertEquals(List.of(PhoneEvent.INCOMING_CALL, PhoneEvent.MISSED_CALL), events);
  }

  @Test
  void autoAnswerAnswersWithPcmuAndTheRemoteByeEndsTheCall() {
    store.set("P90", "1");
    start();
    ReceivedInvite invite = port.receive(OFFER);
    assertEquals(List.of(180, 200), invite.sent);
    Sdp answer = Sdp.parse(invite.answerSdp).orElseThrow();
    assertEquals(Sdp.PCMU, answer.payloadType());
    assertEquals("192.0.2.2", answer.address());
    assertEquals("InCall", ua.callState(1));
    invite.dialog.onRemoteBye();
    assertEquals("Idle", ua.callState(1));
    assertEquals(
        List.of(PhoneEvent.INCOMING_CALL, PhoneEvent.CONNECTED, PhoneEvent.DISCONNECTED), events);
  }

  @Test
  void answerByHandAndCallerCancels() {
    start();
    ReceivedInvite first = port.receive(OFFER);
    first.dialog.onCancelled();
    assertEquals("Idle", ua.callState(1));
    assertEquals(List.of(PhoneEvent.INCOMING_CALL, PhoneEvent.MISSED_CALL), events);

    ReceivedInvite second = port.receive(OFFER);
    ua.call(1).orElseThrow().answer();
    assertEquals(List.of(180, 200), second.sent);
    scheduler.runFor(Duration.ofMinutes(5)); // Ring Timeout no longer applies
    assertEquals("InCall", ua.callState(1));
  }

  @Test
  void aCancelThatBeatTheAutoAnswerEndsTheCall() {
    store.set("P90", "1");
    start();
    ReceivedInvite invite = port.receive(OFFER);
    invite.dialog.onCancelled(); // the port answered 487 before the phone's 200 could go out
    assertEquals("Idle", ua.callState(1));
    assertTrue(events.contains(PhoneEvent.MISSED_CALL));
  }

  @Test
  void busyWithoutCallWaitingAndDndReject486() {
    store.set("P90", "1");
    store.set("P91", "1");
    start();
    port.receive(OFFER);
    ReceivedInvite second = port.receive(OFFER);
    assertEquals(List.of(486), second.sent);

    store.set("P8446", "1");
    ua.halt();
    start();
    assertEquals(List.of(486), port.receive(OFFER).sent);
  }

  @Test
  void offerWithoutCommonCodecIsRefused488() {
    store.set("P90", "1");
    start();
    ReceivedInvite invite = port.receive("v=0\r\nc=IN IP4 192.0.2.7\r\nm=audio 4000 RTP/AVP 9\r\n");
    assertEquals(List.of(180, 488), invite.sent);
    assertEquals("Idle", ua.callState(1));
  }
}
