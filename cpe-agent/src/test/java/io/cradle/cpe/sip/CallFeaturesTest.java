package io.cradle.cpe.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.sip.FakeSipPort.ReceivedInvite;
import io.cradle.cpe.sip.FakeSipPort.ReceivedReinvite;
import io.cradle.cpe.sip.FakeSipPort.SentInvite;
import io.cradle.cpe.sip.FakeSipPort.SentReinvite;
import io.cradle.cpe.sip.Sdp.Direction;
import io.cradle.cpe.sip.SipPort.SipResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hold, call forward, call waiting and redirects on virtual time against a fake port. */
class CallFeaturesTest extends AgentOnFakePortTest {

  static final String OFFER = Sdp.offer("192.0.2.7", 40000, 1);

  final List<PhoneEvent> events = new ArrayList<>();
  final List<String> mediaLog = new ArrayList<>();

  CallFeaturesTest() {
    store.setAll(
        Map.of("P271", "1", "P47", "sip.example.com", "P35", "2002", "P34", "pw", "P476", "30"));
  }

  void start() {
    MediaPort media =
        new MediaPort() {
          @Override
          public int allocate() {
            return 10000 + 2 * mediaLog.size();
          }

          @Override
          public void connect(int localPort, Sdp remote) {
            mediaLog.add("connect " + remote.address() + ":" + remote.port());
          }

          @Override
          public void hold(int localPort, boolean held) {
            mediaLog.add(held ? "hold" : "resume");
          }

          @Override
          public void release(int localPort) {}

          @Override
          public void conference(int firstPort, int secondPort) {
            mediaLog.add("conference " + firstPort + " " + secondPort);
          }
        };
    newAgent(media, (event, variables) -> events.add(event));
    ua.start();
  }

  /** An outgoing call the far end answered with PCMA. */
  SentInvite connectedCall() {
    ua.dial(1, "2001");
    SentInvite invite = port.invites.pop();
    invite.listener.onAnswered(
        Sdp.write("192.0.2.9", 50000, 7, 1, List.of(Sdp.PCMA), Direction.SENDRECV));
    return invite;
  }

  @Test
  void holdOffersSendonlyAndUnholdSendrecvEachOnceAccepted() {
    start();
    SentInvite invite = connectedCall();
    Call call = ua.call(1).orElseThrow();

    call.hold();
    SentReinvite hold = invite.reinvites.pop();
    assertEquals(Direction.SENDONLY, hold.offer().direction());
    assertEquals("192.0.2.2", hold.offer().address());
    assertEquals(List.of(Sdp.PCMA, 101), hold.offer().payloadTypes(), "only the agreed codec");
    assertTrue(hold.sdp().contains("o=- "), hold.sdp());
    assertTrue(hold.sdp().contains(" 2 IN IP4"), "session version 2: " + hold.sdp());
    assertEquals("InCall", ua.callState(1), "not held before the peer accepts");
    call.hold();
    assertTrue(invite.reinvites.isEmpty(), "one re-INVITE at a time");

    hold.listener().onAnswered(Sdp.write("192.0.2.9", 50000, 7, 2, List.of(8), Direction.RECVONLY));
    assertTrue(call.held());
    assertEquals("Hold", ua.callState(1));
    assertEquals(List.of("connect 192.0.2.9:50000", "hold"), mediaLog);

    call.unhold();
    SentReinvite resume = invite.reinvites.pop();
    assertEquals(Direction.SENDRECV, resume.offer().direction());
    assertTrue(resume.sdp().contains(" 3 IN IP4"), resume.sdp());
    resume
        .listener()
        .onAnswered(Sdp.write("192.0.2.9", 50000, 7, 3, List.of(8), Direction.SENDRECV));
    assertFalse(call.held());
    assertEquals("InCall", ua.callState(1));
    assertEquals(
        List.of(
            PhoneEvent.OUTGOING_CALL, PhoneEvent.CONNECTED, PhoneEvent.ON_HOLD, PhoneEvent.UNHOLD),
        events);
  }

  @Test
  void rfc2543HoldHidesTheAddress() {
    store.set("P99900", "1");
    start();
    SentInvite invite = connectedCall();
    ua.call(1).orElseThrow().hold();
    Sdp offer = invite.reinvites.pop().offer();
    assertEquals(Sdp.HOLD_ADDRESS, offer.address());
    assertEquals(Direction.SENDRECV, offer.direction());
    assertTrue(offer.holds());
  }

  @Test
  void aRefusedHoldLeavesTheCallAsItWas() {
    start();
    SentInvite invite = connectedCall();
    Call call = ua.call(1).orElseThrow();
    call.hold();
    invite.reinvites.pop().listener().onFailed(491, "Request Pending");
    assertFalse(call.held());
    assertEquals("InCall", ua.callState(1));
    call.hold();
    assertEquals(1, invite.reinvites.size(), "may try again");
    assertFalse(events.contains(PhoneEvent.ON_HOLD));
  }

  @Test
  void thePeersHoldIsAnsweredRecvonlyAndItsResumeSendrecv() {
    store.set("P90", "1");
    start();
    ReceivedInvite invite = port.receive(OFFER);
    Call call = ua.call(1).orElseThrow();

    ReceivedReinvite hold =
        invite.reinviteFromPeer(
            Sdp.write("192.0.2.7", 40000, 1, 2, List.of(Sdp.PCMU), Direction.SENDONLY));
    assertEquals(200, hold.status);
    assertEquals(Direction.RECVONLY, hold.answerSdp().direction());
    assertTrue(call.heldByRemote());
    assertFalse(call.held(), "the peer holds, not us: no On Hold event");

    ReceivedReinvite rfc2543 =
        invite.reinviteFromPeer(
            Sdp.write(Sdp.HOLD_ADDRESS, 40000, 1, 3, List.of(Sdp.PCMU), Direction.SENDRECV));
    assertEquals(200, rfc2543.status);
    assertTrue(call.heldByRemote());

    ReceivedReinvite resume =
        invite.reinviteFromPeer(
            Sdp.write("192.0.2.7", 40002, 1, 4, List.of(Sdp.PCMU), Direction.SENDRECV));
    assertEquals(Direction.SENDRECV, resume.answerSdp().direction());
    assertFalse(call.heldByRemote());
    assertEquals(
        List.of("connect 192.0.2.7:40000", "hold", "hold", "connect 192.0.2.7:40002", "resume"),
        mediaLog);

    ReceivedReinvite otherCodec =
        invite.reinviteFromPeer(
            Sdp.write("192.0.2.7", 40002, 1, 5, List.of(Sdp.PCMA), Direction.SENDRECV));
    assertEquals(488, otherCodec.status);
    assertEquals(List.of(PhoneEvent.INCOMING_CALL, PhoneEvent.CONNECTED), events, "no hold events");
  }

  @Test
  void unconditionalForwardAnswers302WithoutRinging() {
    store.setAll(Map.of("P99901", "1", "P99902", "2003"));
    start();
    ReceivedInvite invite = port.receive(OFFER);
    assertEquals(List.of(302), invite.sent);
    assertEquals("sip:2003@sip.example.com:5060", invite.redirectedTo);
    assertEquals("Idle", ua.callState(1));
    assertTrue(events.isEmpty(), events.toString());
  }

  @Test
  void dndForwardsWhenEnabledElseRejects() {
    store.setAll(Map.of("P8446", "1", "P99901", "3", "P99908", "2004@pbx.example.com"));
    start();
    assertEquals(List.of(486), port.receive(OFFER).sent, "DND forward not enabled");

    ua.halt();
    store.set("P99907", "1");
    start();
    ReceivedInvite invite = port.receive(OFFER);
    assertEquals(List.of(302), invite.sent);
    assertEquals("sip:2004@pbx.example.com", invite.redirectedTo);
  }

  @Test
  void busyForwardSendsTheSecondCallOn() {
    store.setAll(Map.of("P90", "1", "P99901", "3", "P99903", "1", "P99904", "2005"));
    start();
    assertEquals(List.of(180, 200), port.receive(OFFER).sent);
    ReceivedInvite second = port.receive(OFFER);
    assertEquals(List.of(302), second.sent);
    assertEquals("sip:2005@sip.example.com:5060", second.redirectedTo);
    assertEquals(1, ua.calls(1).size());
  }

  @Test
  void noAnswerForwardAfterItsWait() {
    store.setAll(Map.of("P99901", "3", "P99905", "1", "P99906", "2006", "P139", "10"));
    start();
    ReceivedInvite invite = port.receive(OFFER);
    scheduler.runFor(Duration.ofSeconds(9));
    assertEquals(List.of(180), invite.sent);
    scheduler.runFor(Duration.ofSeconds(1));
    assertEquals(List.of(180, 302), invite.sent);
    assertEquals("sip:2006@sip.example.com:5060", invite.redirectedTo);
    assertEquals("Idle", ua.callState(1));
    assertEquals(List.of(PhoneEvent.INCOMING_CALL, PhoneEvent.MISSED_CALL), events);
  }

  @Test
  void noAnswerForwardOffRingsUntilRingTimeout() {
    store.setAll(Map.of("P99901", "3", "P99906", "2006", "P139", "10"));
    start();
    ReceivedInvite invite = port.receive(OFFER);
    scheduler.runFor(Duration.ofSeconds(29));
    assertEquals(List.of(180), invite.sent);
    scheduler.runFor(Duration.ofSeconds(1));
    assertEquals(List.of(180, 480), invite.sent);
    assertNull(invite.redirectedTo);
  }

  @Test
  void aSecondCallWaitsAndAnsweringItHoldsTheFirst() {
    store.set("P90", "1");
    start();
    ReceivedInvite first = port.receive(OFFER);
    ReceivedInvite second = port.receive(OFFER);
    assertEquals(List.of(180), second.sent, "rings, not auto answered over the call");
    assertEquals(2, ua.calls(1).size());
    assertEquals("InCall", ua.callState(1));
    assertEquals(List.of(486), port.receive(OFFER).sent, "a third call finds the line busy");

    Call waiting = ua.answerWaiting(1).orElseThrow();
    assertEquals(List.of(180, 200), second.sent);
    assertEquals(Call.State.CONNECTED, waiting.state());
    SentReinvite hold = first.reinvites.pop();
    assertEquals(Direction.SENDONLY, hold.offer().direction());
    hold.listener().onAnswered(Sdp.write("192.0.2.7", 40000, 1, 2, List.of(0), Direction.RECVONLY));
    assertTrue(ua.call(1).orElseThrow().held());
    assertEquals("InCall", ua.callState(1), "the user talks in the second call");

    waiting.hangup();
    assertEquals("Hold", ua.callState(1), "the first call is still held");
  }

  @Test
  void callWaitingOffMakesTheLineBusy() {
    store.setAll(Map.of("P90", "1", "P91", "1"));
    start();
    port.receive(OFFER);
    assertEquals(List.of(486), port.receive(OFFER).sent);
  }

  @Test
  void theCallerFollowsA302ToTheForwardTarget() {
    start();
    Call call = ua.dial(1, "2002");
    SentInvite first = port.invites.pop();
    first.listener.onFailed(
        new SipResponse(
            407, "Proxy Authentication Required", null, "Digest realm=\"r\", nonce=\"n1\"", -1));
    SentInvite challenged = port.invites.pop();
    challenged.listener.onFailed(
        new SipResponse(302, "Moved Temporarily", null, null, -1, "sip:2003@sip.example.com"));
    SentInvite forwarded = port.invites.pop();
    assertEquals("sip:2003@sip.example.com", forwarded.request.target());
    assertEquals(first.request.callId(), forwarded.request.callId());
    assertEquals(3, forwarded.request.cseq());
    assertNull(forwarded.request.authorization(), "the old credentials do not fit the new URI");

    forwarded.listener.onFailed(
        new SipResponse(
            407, "Proxy Authentication Required", null, "Digest realm=\"r\", nonce=\"n2\"", -1));
    SentInvite again = port.invites.pop();
    assertTrue(again.request.authorization().contains("uri=\"sip:2003@sip.example.com\""));
    again.listener.onAnswered(Sdp.offer("192.0.2.9", 50000, 2));
    assertEquals(Call.State.CONNECTED, call.state());
    assertEquals("sip:2003@sip.example.com", call.forwardedTo().orElseThrow());
  }

  @Test
  void aRedirectLoopEnds() {
    start();
    Call call = ua.dial(1, "2002");
    for (int i = 0; i <= Call.MAX_REDIRECTS; i++) {
      port.invites
          .pop()
          .listener
          .onFailed(new SipResponse(302, "Moved", null, null, -1, "sip:loop" + i + "@x"));
    }
    assertTrue(port.invites.isEmpty());
    assertEquals(Call.State.ENDED, call.state());
    assertEquals(302, call.endStatus());
  }

  @Test
  void anonymousCallsAreRejected433OnlyWhenIntercepted() {
    store.set("P90", "1");
    start();
    ReceivedInvite allowed = port.receive("sip:anonymous@anonymous.invalid", OFFER);
    assertEquals(List.of(180, 200), allowed.sent);
    allowed.dialog.onRemoteBye();

    ua.halt();
    store.set("P446", "1");
    start();
    assertEquals(List.of(433), port.receive("sip:anonymous@anonymous.invalid", OFFER).sent);
    assertEquals(List.of(433), port.receive("sip:Anonymous@192.0.2.50", OFFER).sent);
    assertEquals(List.of(180, 200), port.receive("sip:2001@192.0.2.50", OFFER).sent);
  }

  @Test
  void enteredNumbersGoThroughTheDialPlan() {
    store.setAll(Map.of("P290", "{ ^1900x. | <=1617>[2-9]xxxxxx | x+ }", "P66", "9"));
    start();
    SipUserAgent.DialOutcome local = ua.dialNumber(1, "555-1234");
    assertTrue(local.call().isPresent(), local.decision().toString());
    assertEquals("sip:916175551234@sip.example.com:5060", port.invites.pop().request.target());
    local.call().get().hangup();

    SipUserAgent.DialOutcome blocked = ua.dialNumber(1, "19005551234");
    assertTrue(blocked.call().isEmpty());
    assertTrue(blocked.decision() instanceof io.cradle.cpe.dialplan.DialDecision.Blocked);
    assertTrue(port.invites.isEmpty());
  }

  @Test
  void redialDialsTheLastEnteredNumberThroughTheCurrentPlan() {
    store.setAll(Map.of("P290", "{ <=1617>[2-9]xxxxxx | x+ }"));
    start();
    assertEquals(
        "nothing to redial on account 1",
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> ua.redial(1))
            .getMessage());
    assertTrue(ua.dialNumber(1, "5551234").call().isPresent());
    SentInvite first = port.invites.pop();
    assertEquals("sip:16175551234@sip.example.com:5060", first.request.target());
    first.listener.onFailed(new SipResponse(486, "Busy Here", null, null, -1));

    assertTrue(ua.redial(1).call().isPresent());
    SentInvite again = port.invites.pop();
    assertEquals("sip:16175551234@sip.example.com:5060", again.request.target());
    again.listener.onFailed(new SipResponse(486, "Busy Here", null, null, -1));

    store.set("P290", "{ ^555x. | x+ }");
    scheduler.runFor(Duration.ZERO);
    SipUserAgent.DialOutcome blocked = ua.redial(1);
    assertTrue(blocked.call().isEmpty());
    assertEquals(Optional.of("blocked by dial plan rule ^555x."), blocked.refusal());
    assertTrue(port.invites.isEmpty(), "no INVITE for a blocked number");

    store.set("P290", "{ 1xx }");
    SipUserAgent.DialOutcome unmatched = ua.dialNumber(1, "99");
    assertEquals(Optional.of("no dial plan rule matches the number"), unmatched.refusal());
    assertTrue(port.invites.isEmpty());
  }

  @Test
  void blindTransferRefersThePeerAndHangsUpOnceTheTargetAnswers() {
    start();
    SentInvite invite = connectedCall();
    Call call = ua.call(1).orElseThrow();
    call.transfer("2003");
    FakeSipPort.SentRefer refer = invite.refers.pop();
    assertEquals("sip:2003@sip.example.com:5060", refer.referTo());
    refer.listener().onAccepted();
    assertTrue(events.contains(PhoneEvent.BLIND_TRANSFER));
    refer.listener().onProgress(180);
    assertEquals(Call.State.CONNECTED, call.state());
    refer.listener().onProgress(200);
    assertTrue(invite.byeSent);
    assertEquals(Call.State.ENDED, call.state());
    assertEquals("Idle", ua.callState(1));
  }

  @Test
  void aFailedTransferKeepsTheCall() {
    start();
    SentInvite invite = connectedCall();
    Call call = ua.call(1).orElseThrow();
    call.transfer("2003");
    FakeSipPort.SentRefer refer = invite.refers.pop();
    refer.listener().onAccepted();
    refer.listener().onProgress(486);
    assertEquals(Call.State.CONNECTED, call.state());
    assertFalse(invite.byeSent);
  }

  @Test
  void aReferFromThePeerCallsTheTarget() {
    store.set("P90", "1");
    start();
    ReceivedInvite invite = port.receive(OFFER);
    FakeSipPort.ReceivedRefer refer = invite.referFromPeer("sip:2004@sip.example.com");
    assertEquals(202, refer.status);
    assertEquals(List.of(100), refer.progress);
    assertTrue(invite.reinvites.isEmpty(), "the transferor holds and hangs up, not us");
    SentInvite toTarget = port.invites.pop();
    assertEquals("sip:2004@sip.example.com", toTarget.request.target());
    toTarget.listener.onAnswered(Sdp.offer("192.0.2.9", 50000, 2));
    assertEquals(List.of(100, 200), refer.progress);
    assertEquals(2, ua.calls(1).size());

    FakeSipPort.ReceivedRefer busy = invite.referFromPeer("sip:2005@sip.example.com");
    port.invites.pop().listener.onFailed(new SipResponse(486, "Busy Here", null, null, -1));
    assertEquals(List.of(100, 486), busy.progress);
  }

  @Test
  void attendedTransferRefersTheHeldPeerToReplaceTheConsultation() {
    start();
    SentInvite toB = connectedCall();
    Call withB = ua.call(1).orElseThrow();
    withB.hold();
    toB.reinvites
        .pop()
        .listener()
        .onAnswered(Sdp.write("192.0.2.9", 50000, 7, 2, List.of(8), Direction.RECVONLY));
    Call withC = ua.dial(1, "2003");
    SentInvite toC = port.invites.pop();
    toC.listener.onAnswered(Sdp.offer("192.0.2.10", 52000, 3));
    assertFalse(withB.transfer(withB), "a call cannot replace itself");

    assertTrue(ua.attendedTransfer(1));
    FakeSipPort.SentRefer refer = toB.refers.pop();
    DialogId.ReferTarget target = DialogId.ReferTarget.parse(refer.referTo());
    assertEquals("sip:2003@sip.example.com:5060", target.uri());
    assertEquals(
        new DialogId(toC.request.callId(), "far-" + toC.request.fromTag(), toC.request.fromTag()),
        DialogId.fromReplaces(target.replaces()),
        "named as C sees the dialog: its tag is the to-tag");
    assertTrue(refer.referTo().contains("%3Bto-tag%3D"), "escaped in the URI: " + refer.referTo());

    refer.listener().onAccepted();
    assertTrue(events.contains(PhoneEvent.ATTENDED_TRANSFER), events.toString());
    refer.listener().onProgress(180);
    assertEquals(Call.State.CONNECTED, withB.state());
    refer.listener().onProgress(200);
    assertTrue(toB.byeSent, "the transferor leaves B once B reached C");
    assertEquals(Call.State.ENDED, withB.state());
    assertFalse(toC.byeSent, "C ends the replaced dialog itself (RFC 5589 §7)");
    toC.listener.onRemoteBye();
    assertEquals(Call.State.ENDED, withC.state());
    assertEquals("Idle", ua.callState(1));
  }

  @Test
  void attendedTransferNeedsAHeldCallAndAnother() {
    start();
    connectedCall();
    assertFalse(ua.attendedTransfer(1), "one call: nothing to transfer to");
  }

  @Test
  void theTransfereeCallsTheTargetWithReplaces() {
    store.set("P90", "1");
    start();
    ReceivedInvite fromA = port.receive(OFFER);
    FakeSipPort.ReceivedRefer refer =
        fromA.referFromPeer(
            "sip:2003@sip.example.com?Replaces=a-c%40192.0.2.1%3Bto-tag%3Dc1%3Bfrom-tag%3Da1");
    assertEquals(202, refer.status);
    SentInvite toC = port.invites.pop();
    assertEquals("sip:2003@sip.example.com", toC.request.target(), "no headers in the R-URI");
    assertEquals("a-c@192.0.2.1;to-tag=c1;from-tag=a1", toC.request.replaces());
    toC.listener.onAnswered(Sdp.offer("192.0.2.10", 52000, 3));
    assertEquals(List.of(100, 200), refer.progress);

    FakeSipPort.ReceivedRefer bad =
        fromA.referFromPeer("sip:2003@sip.example.com?Replaces=a-c%3Bto-tag%3Dc1");
    assertEquals(400, bad.status, "a Replaces without from-tag");
    assertTrue(bad.progress.isEmpty());
    assertTrue(port.invites.isEmpty(), "nothing dialed for a bad Refer-To");
  }

  @Test
  void theTargetSwapsTheReplacedCallForTheNewOne() {
    store.setAll(Map.of("P90", "1", "P91", "1"));
    start();
    ReceivedInvite fromA = port.receive(OFFER);
    assertEquals(List.of(180, 200), fromA.sent);
    Call withA = ua.call(1).orElseThrow();

    ReceivedInvite stranger = new ReceivedInvite(OFFER);
    stranger.callId = "b-c";
    stranger.replaces = new DialogId("other", "x", "y");
    port.handler.onInvite(stranger);
    assertEquals(List.of(481), stranger.sent, "no such dialog here");
    assertEquals(Call.State.CONNECTED, withA.state());

    ReceivedInvite fromB = new ReceivedInvite(OFFER);
    fromB.from = "sip:2002@127.0.0.1";
    fromB.callId = "b-c";
    fromB.replaces = withA.dialogId();
    fromB.dialog = port.handler.onInvite(fromB);
    assertTrue(
        fromB.sent.contains(200), "answered at once though call waiting is off: " + fromB.sent);
    assertTrue(fromA.byeSent, "the replaced call is left");
    assertEquals(Call.State.ENDED, withA.state());
    assertEquals(List.of("sip:2002@127.0.0.1"), ua.calls(1).stream().map(Call::remote).toList());
    assertEquals("InCall", ua.callState(1));
  }

  @Test
  void conferenceResumesTheHeldCallAndMixesBoth() {
    start();
    SentInvite toB = connectedCall();
    assertFalse(ua.conference(1), "one call is no conference");
    Call withB = ua.call(1).orElseThrow();
    withB.hold();
    toB.reinvites
        .pop()
        .listener()
        .onAnswered(Sdp.write("192.0.2.9", 50000, 7, 2, List.of(8), Direction.RECVONLY));
    Call withC = ua.dial(1, "2003");
    port.invites.pop().listener.onAnswered(Sdp.offer("192.0.2.10", 52000, 3));
    mediaLog.clear();

    assertTrue(ua.conference(1));
    assertEquals(
        List.of("conference " + withB.localRtpPort() + " " + withC.localRtpPort()), mediaLog);
    SentReinvite resume = toB.reinvites.pop();
    assertEquals(Direction.SENDRECV, resume.offer().direction(), "B is resumed");
    resume
        .listener()
        .onAnswered(Sdp.write("192.0.2.9", 50000, 7, 3, List.of(8), Direction.SENDRECV));
    assertFalse(withB.held());
    assertEquals("InCall", ua.callState(1));

    toB.listener.onRemoteBye();
    assertEquals(List.of(withC), ua.calls(1), "B leaving keeps C");
  }

  /** B (held, then resumed) and C in a conference this phone hosts; returns the two INVITEs. */
  List<SentInvite> conferenceOfBAndC() {
    SentInvite toB = connectedCall();
    ua.call(1).orElseThrow().hold();
    toB.reinvites
        .pop()
        .listener()
        .onAnswered(Sdp.write("192.0.2.9", 50000, 7, 2, List.of(8), Direction.RECVONLY));
    ua.dial(1, "2003");
    SentInvite toC = port.invites.pop();
    toC.listener.onAnswered(Sdp.offer("192.0.2.10", 52000, 3));
    assertTrue(ua.conference(1));
    toB.reinvites
        .pop()
        .listener()
        .onAnswered(Sdp.write("192.0.2.9", 50000, 7, 3, List.of(8), Direction.SENDRECV));
    return List.of(toB, toC);
  }

  @Test
  void theHostLeavingEndsTheConferenceByDefault() {
    start();
    List<SentInvite> legs = conferenceOfBAndC();
    ua.leaveConference(1);
    assertTrue(legs.get(0).byeSent && legs.get(1).byeSent);
    assertTrue(legs.get(0).refers.isEmpty());
    assertEquals("Idle", ua.callState(1));
  }

  @Test
  void withTransferOnConferenceHangupTheHostLeavesBAndCTalking() {
    store.set("P2304", "1");
    start();
    List<SentInvite> legs = conferenceOfBAndC();
    ua.leaveConference(1);
    FakeSipPort.SentRefer refer = legs.get(0).refers.pop();
    assertEquals(
        "sip:2003@sip.example.com:5060", DialogId.ReferTarget.parse(refer.referTo()).uri());
    assertFalse(legs.get(1).byeSent, "C's call is replaced by B's, not hung up");
    refer.listener().onAccepted();
    refer.listener().onProgress(200);
    assertTrue(legs.get(0).byeSent);
    assertTrue(events.contains(PhoneEvent.ATTENDED_TRANSFER));
  }

  @Test
  void theOfferListsThePreferredVocodersIncludingG722() {
    store.setAll(Map.of("P57", "9", "P58", "18", "P59", "0"));
    start();
    ua.dial(1, "2001");
    Sdp offer = Sdp.parse(port.invites.pop().request.sdp()).orElseThrow();
    assertEquals(List.of(Sdp.G722, Sdp.PCMU, 101), offer.payloadTypes(), "G.729 is not spoken");
    assertTrue(port.invites.isEmpty());
  }

  @Test
  void withoutVocoderSettingsTheOfferStaysG711() {
    start();
    ua.dial(1, "2001");
    Sdp offer = Sdp.parse(port.invites.pop().request.sdp()).orElseThrow();
    assertEquals(List.of(Sdp.PCMU, Sdp.PCMA, 101), offer.payloadTypes());
  }

  @Test
  void theAnswerTakesG722OnlyWhenTheVocoderListHasIt() {
    String g722First = Sdp.offer("192.0.2.7", 40000, 1, List.of(Sdp.G722, Sdp.PCMU));
    store.set("P90", "1");
    start();
    ReceivedInvite g711Phone = port.receive(g722First);
    assertEquals(
        List.of(Sdp.PCMU),
        Sdp.parse(g711Phone.answerSdp).orElseThrow().payloadTypes().subList(0, 1));
    ua.call(1).orElseThrow().hangup();

    store.set("P57", "9");
    scheduler.runFor(Duration.ZERO);
    ReceivedInvite g722Phone = port.receive(g722First);
    assertEquals(
        List.of(Sdp.G722),
        Sdp.parse(g722Phone.answerSdp).orElseThrow().payloadTypes().subList(0, 1));
  }

  @Test
  void dndAndForwardChangesApplyAtOnceAndAreReported() {
    store.set("P90", "1");
    start();
    store.set("P8446", "1");
    scheduler.runFor(Duration.ZERO);
    assertEquals(List.of(486), port.receive(OFFER).sent, "DND without a restart");
    store.setAll(Map.of("P99901", "1", "P99902", "2003"));
    scheduler.runFor(Duration.ZERO);
    assertEquals(List.of(302), port.receive(OFFER).sent);
    store.setAll(Map.of("P8446", "0", "P99901", "0"));
    scheduler.runFor(Duration.ZERO);
    assertEquals(List.of(180, 200), port.receive(OFFER).sent);
    assertEquals(
        List.of(
            PhoneEvent.DND_ON,
            PhoneEvent.FORWARD_ON,
            PhoneEvent.DND_OFF,
            PhoneEvent.FORWARD_OFF,
            PhoneEvent.INCOMING_CALL,
            PhoneEvent.CONNECTED),
        events);

    ua.halt();
    store.set("P8446", "1");
    scheduler.runFor(Duration.ZERO);
    assertEquals(PhoneEvent.CONNECTED, events.get(events.size() - 1), "a halted phone is silent");
  }

  @Test
  void autoAnswerForIntercomAnswersOnlyCallsThatAskForIt() {
    store.set("P90", "2");
    start();

    ReceivedInvite plain = port.receive("sip:2001@127.0.0.1", OFFER, Map.of());
    assertEquals(List.of(180), plain.sent, "an ordinary call rings");
    plain.dialog.onCancelled();

    ReceivedInvite paged =
        port.receive(
            "sip:page@127.0.0.1",
            OFFER,
            Map.of("Call-Info", "<sip:page@127.0.0.1>;answer-after=0"));
    assertEquals(List.of(180, 200), paged.sent, "answer-after asks to be answered at once");
    ua.call(1).orElseThrow().hangup();

    ReceivedInvite intercom =
        port.receive(
            "sip:2003@127.0.0.1",
            OFFER,
            Map.of("Alert-Info", "<http://127.0.0.1>;info=alert-autoanswer"));
    assertEquals(List.of(180, 200), intercom.sent, "so does Alert-Info alert-autoanswer");
  }

  @Test
  void autoAnswerOffIgnoresAnIntercomRequest() {
    store.set("P90", "0");
    start();
    ReceivedInvite paged =
        port.receive(
            "sip:page@127.0.0.1",
            OFFER,
            Map.of("Call-Info", "<sip:page@127.0.0.1>;answer-after=0"));
    assertEquals(List.of(180), paged.sent);
  }
}
