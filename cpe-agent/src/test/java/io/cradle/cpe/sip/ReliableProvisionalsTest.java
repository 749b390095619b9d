package io.cradle.cpe.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.sip.FakeSipPort.ReceivedInvite;
import io.cradle.cpe.sip.SipPort.SipResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Enable 100rel (RFC 3262) as the state machines see it: what the INVITE says and whether the 180
 * goes reliably. The PRACKs themselves are the adapter's (SippTest).
 */
class ReliableProvisionalsTest extends AgentOnFakePortTest {

  void start(Map<String, String> pvalues) {
    Map<String, String> p =
        new HashMap<>(Map.of("P271", "1", "P31", "0", "P47", "sip.example.com", "P35", "2002"));
    p.putAll(pvalues);
    store.setAll(p);
    newAgent(MediaPort.NONE, SipEvents.NONE);
    ua.start();
  }

  @Test
  void theInviteSupports100relOnlyWhenEnabledAlsoAfterA422() {
    start(Map.of("P435", "1"));
    ua.dial(1, "2001");
    FakeSipPort.SentInvite invite = port.invites.pop();
    assertEquals("timer, 100rel", invite.request.headers().get("Supported"));
    invite.listener.onFailed(
        new SipResponse(
            422, "Session Interval Too Small", null, null, -1, null, Map.of("Min-SE", "600")));
    assertEquals("timer, 100rel", port.invites.pop().request.headers().get("Supported"));
  }

  @Test
  void withoutIt100relIsNotOfferedEvenWithoutTimers() {
    start(Map.of("P2495", "0"));
    ua.dial(1, "2001");
    assertEquals(Map.of(), port.invites.pop().request.headers());
  }

  @Test
  void theCalleeRingsReliablyWhenBothEndsSupport100rel() {
    start(Map.of("P435", "1"));
    String offer = Sdp.offer("192.0.2.7", 40000, 1);
    ReceivedInvite supporting =
        port.receive("sip:2001@127.0.0.1", offer, Map.of("Supported", "100rel, timer"));
    assertTrue(supporting.reliableRinging);
    ua.call(1).orElseThrow().reject();

    ReceivedInvite plain = port.receive("sip:2001@127.0.0.1", offer, Map.of());
    assertFalse(plain.reliableRinging, "a caller without 100rel gets a plain 180");
  }

  @Test
  void aCallerRequiringWhatTheAccountDoesNotSpeakGets420() {
    start(Map.of("P2495", "0"));
    String offer = Sdp.offer("192.0.2.7", 40000, 1);
    ReceivedInvite invite =
        port.receive("sip:2001@127.0.0.1", offer, Map.of("Require", "100rel, timer, foo"));
    assertEquals(java.util.List.of(420), invite.sent);
    assertEquals(Map.of("Unsupported", "100rel, timer, foo"), invite.finalHeaders);
    assertTrue(ua.calls(1).isEmpty());
  }

  @Test
  void aCallerRequiringWhatTheAccountSpeaksRings() {
    start(Map.of("P435", "1"));
    ReceivedInvite invite =
        port.receive(
            "sip:2001@127.0.0.1",
            Sdp.offer("192.0.2.7", 40000, 1),
            Map.of("Require", "100rel", "Session-Expires", "1800"));
    assertEquals(java.util.List.of(180), invite.sent);
    assertTrue(invite.reliableRinging);
  }

  @Test
  void disabledThePhoneRingsUnreliablyWhateverTheCallerSupports() {
    start(Map.of());
    ReceivedInvite invite =
        port.receive(
            "sip:2001@127.0.0.1", Sdp.offer("192.0.2.7", 40000, 1), Map.of("Supported", "100rel"));
    assertEquals(java.util.List.of(180), invite.sent);
    assertFalse(invite.reliableRinging);
  }
}
