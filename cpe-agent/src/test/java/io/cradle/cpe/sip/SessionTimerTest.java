package io.cradle.cpe.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.sip.FakeSipPort.ReceivedInvite;
import io.cradle.cpe.sip.FakeSipPort.SentInvite;
import io.cradle.cpe.sip.FakeSipPort.SentReinvite;
import io.cradle.cpe.sip.SipPort.SipResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Session timers (RFC 4028) on virtual time against a fake port. */
class SessionTimerTest extends AgentOnFakePortTest {

  static final String OFFER = Sdp.offer("192.0.2.7", 40000, 1);
  static final String ANSWER = Sdp.offer("192.0.2.9", 50000, 2);

  SessionTimerTest() {
    store.setAll(Map.of("P271", "1", "P31", "0", "P47", "sip.example.com", "P35", "2002"));
  }

  void start() {
    newAgent(MediaPort.NONE, SipEvents.NONE);
    ua.start();
  }

  /** Dials, and the callee answers with {@code headers}. */
  SentInvite connect(Map<String, String> headers) {
    ua.dial(1, "2001");
    SentInvite invite = port.invites.pop();
    invite.listener.onAnswered(ANSWER, headers);
    return invite;
  }

  @Test
  void theInviteOffersTheConfiguredTimerAndNothingWhenItIsOff() {
    start();
    assertEquals(
        Map.of("Supported", "timer", "Session-Expires", "180", "Min-SE", "90"),
        dialAndCancel(),
        "UAC Specify Refresher Omit: no refresher parameter");

    settings(Map.of("P434", "600", "P427", "120", "P428", "1"));
    Map<String, String> h = dialAndCancel();
    assertEquals("600;refresher=uac", h.get("Session-Expires"), "Caller Request Timer");
    assertEquals("120", h.get("Min-SE"));

    settings(Map.of("P2495", "0"));
    assertEquals(Map.of(), dialAndCancel());
  }

  @Test
  void asRefresherThePhoneReinvitesAtHalfTheIntervalEachTime() {
    start();
    SentInvite invite = connect(Map.of("Session-Expires", "180;refresher=uac", "Require", "timer"));
    scheduler.runFor(Duration.ofSeconds(89));
    assertTrue(invite.reinvites.isEmpty());
    scheduler.runFor(Duration.ofSeconds(1));
    SentReinvite refresh = invite.reinvites.pop();
    assertEquals("180;refresher=uac", refresh.headers().get("Session-Expires"));
    assertEquals(ua.call(1).orElseThrow().localSdp(), refresh.sdp(), "the session as it stands");
    refresh.listener().onAnswered(ANSWER);
    scheduler.runFor(Duration.ofSeconds(90));
    invite.reinvites.pop().listener().onAnswered(ANSWER);
    assertEquals(Call.State.CONNECTED, ua.call(1).orElseThrow().state());
    assertFalse(invite.byeSent);
  }

  @Test
  void whenThePeerRefreshesAndStopsThePhoneSendsByeBeforeExpiry() {
    start();
    SentInvite invite = connect(Map.of("Session-Expires", "180;refresher=uas"));
    Call call = ua.call(1).orElseThrow();
    // The peer refreshes at 100 s: the 180 s start again from there.
    scheduler.runFor(Duration.ofSeconds(100));
    FakeSipPort.ReceivedReinvite peerRefresh =
        new FakeSipPort.ReceivedReinvite(ANSWER, Map.of("Session-Expires", "180;refresher=uac"));
    invite.listener.onReinvite(peerRefresh);
    assertEquals(200, peerRefresh.status);
    assertEquals("180;refresher=uac", peerRefresh.answerHeaders.get("Session-Expires"));
    scheduler.runFor(Duration.ofSeconds(147));
    assertTrue(invite.reinvites.isEmpty(), "the phone is not the refresher");
    assertFalse(invite.byeSent);
    // 180 - min(32, 60) = 148 s after the last refresh.
    scheduler.runFor(Duration.ofSeconds(1));
    assertTrue(invite.byeSent);
    assertEquals(Call.State.ENDED, call.state());
    assertEquals(408, call.endStatus());
    assertEquals("Session expired", call.endReason());
  }

  @Test
  void a422IsRetriedOnceWithThePeersMinSe() {
    start();
    Call call = ua.dial(1, "2001");
    SentInvite first = port.invites.pop();
    first.listener.onFailed(tooSmall("300"));
    SentInvite second = port.invites.pop();
    assertEquals(first.request.cseq() + 1, second.request.cseq());
    assertEquals(first.request.callId(), second.request.callId());
    assertEquals("300", second.request.headers().get("Session-Expires"));
    assertEquals("300", second.request.headers().get("Min-SE"));
    second.listener.onFailed(tooSmall("600"));
    assertTrue(port.invites.isEmpty(), "one retry, no loop");
    assertEquals(422, call.endStatus());
  }

  @Test
  void withoutTimerInTheAnswerOnlyForceTimerRefreshes() {
    start();
    SentInvite plain = connect(Map.of());
    scheduler.runFor(Duration.ofHours(1));
    assertTrue(plain.reinvites.isEmpty());
    ua.call(1).orElseThrow().hangup();

    settings(Map.of("P430", "1"));
    SentInvite forced = connect(Map.of());
    scheduler.runFor(Duration.ofSeconds(90));
    assertEquals("180;refresher=uac", forced.reinvites.pop().headers().get("Session-Expires"));
  }

  @Test
  void aRefreshAnswered481EndsTheCall() {
    start();
    SentInvite invite = connect(Map.of("Session-Expires", "120;refresher=uac"));
    Call call = ua.call(1).orElseThrow();
    scheduler.runFor(Duration.ofSeconds(60));
    invite.reinvites.pop().listener().onFailed(481, "Call/Transaction Does Not Exist");
    assertTrue(invite.byeSent);
    assertEquals(481, call.endStatus());
    assertTrue(ua.calls(1).isEmpty());
  }

  @Test
  void aRefreshAnswered491LeavesTheCallUntilItWouldExpire() {
    start();
    SentInvite invite = connect(Map.of("Session-Expires", "120;refresher=uac"));
    Call call = ua.call(1).orElseThrow();
    scheduler.runFor(Duration.ofSeconds(60));
    invite.reinvites.pop().listener().onFailed(491, "Request Pending");
    assertEquals(Call.State.CONNECTED, call.state());
    // 120 - min(32, 40) = 88 s after the session started.
    scheduler.runFor(Duration.ofSeconds(27));
    assertEquals(Call.State.CONNECTED, call.state());
    scheduler.runFor(Duration.ofSeconds(1));
    assertEquals(Call.State.ENDED, call.state());
    assertTrue(invite.byeSent);
  }

  @Test
  void anIncomingInviteBelowMinSeGets422WithMinSe() {
    start();
    ReceivedInvite invite =
        port.receive("sip:2001@127.0.0.1", OFFER, Map.of("Session-Expires", "60"));
    assertEquals(java.util.List.of(422), invite.sent);
    assertEquals(Map.of("Min-SE", "90"), invite.finalHeaders);
    assertTrue(ua.calls(1).isEmpty());
  }

  @Test
  void theCalleeKeepsTheCallersIntervalAndRefresherOrChoosesItsOwn() {
    store.set("P90", "1"); // auto answer
    start();
    ReceivedInvite named =
        port.receive(
            "sip:2001@127.0.0.1",
            OFFER,
            Map.of("Session-Expires", "200;refresher=uac", "Supported", "timer, 100rel"));
    assertEquals("200;refresher=uac", named.finalHeaders.get("Session-Expires"));
    assertEquals("timer", named.finalHeaders.get("Require"));
    ua.call(1).orElseThrow().hangup();

    // UAS Specify Refresher = UAS, the caller left it open: the phone refreshes at 100 s.
    settings(Map.of("P433", "2"));
    ReceivedInvite open =
        port.receive(
            "sip:2001@127.0.0.1", OFFER, Map.of("Session-Expires", "200", "Supported", "timer"));
    assertEquals("200;refresher=uas", open.finalHeaders.get("Session-Expires"));
    scheduler.runFor(Duration.ofSeconds(100));
    assertEquals("200;refresher=uac", open.reinvites.pop().headers().get("Session-Expires"));
    ua.call(1).orElseThrow().hangup();

    // A caller without timer support: no header, and no timer unless Callee Request Timer.
    ReceivedInvite none = port.receive("sip:2001@127.0.0.1", OFFER, Map.of());
    assertNull(none.finalHeaders.get("Session-Expires"));
    ua.call(1).orElseThrow().hangup();
    settings(Map.of("P429", "1"));
    ReceivedInvite requested =
        port.receive("sip:2001@127.0.0.1", OFFER, Map.of("Supported", "timer"));
    assertEquals("180;refresher=uas", requested.finalHeaders.get("Session-Expires"));
  }

  /** The INVITE's extension headers; the call is then cancelled (487). */
  Map<String, String> dialAndCancel() {
    ua.dial(1, "2001");
    SentInvite invite = port.invites.pop();
    invite.listener.onFailed(new SipResponse(487, "Request Terminated", null, null, -1));
    return invite.request.headers();
  }

  /** Changes P-values and lets the user agent read them, as it does on its scheduler. */
  void settings(Map<String, String> pvalues) {
    store.setAll(pvalues);
    scheduler.runFor(Duration.ZERO);
  }

  static SipResponse tooSmall(String minSe) {
    return new SipResponse(
        422,
        "Session Interval Too Small",
        null,
        null,
        SipResponse.NO_EXPIRES,
        null,
        Map.of("Min-SE", minSe));
  }
}
