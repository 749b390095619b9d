package io.cradle.cpe.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.sip.FakeSipPort.ReceivedRequest;
import io.cradle.cpe.sip.FakeSipPort.SentRequest;
import io.cradle.cwmp.auth.DigestChallenge;
import io.cradle.cwmp.auth.DigestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** OPTIONS keep-alive, SIP MESSAGE and NOTIFY check-sync on virtual time against a fake port. */
class SipRequestsTest extends AgentOnFakePortTest {

  final List<String> provisioning = new ArrayList<>();

  SipRequestsTest() {
    store.setAll(Map.of("P271", "1", "P47", "sip.example.com", "P35", "2002", "P34", "pw"));
  }

  void start() {
    newAgent(MediaPort.NONE, SipEvents.NONE);
    ua.onCheckSync((account, reboot) -> provisioning.add(account + (reboot ? " reboot" : " sync")));
    ua.start();
  }

  void registered() {
    start();
    port.nextRegister().ok(3600);
  }

  @Test
  void keepAlivesGoEveryIntervalAndMaxTriesUnansweredRegisterAgain() {
    store.setAll(Map.of("P2397", "1", "P2398", "30", "P2399", "3"));
    registered();
    scheduler.runFor(Duration.ofSeconds(29));
    assertTrue(port.requests.isEmpty());
    scheduler.runFor(Duration.ofSeconds(1));
    SentRequest options = port.requests.pop();
    assertEquals("OPTIONS", options.request().method());
    assertEquals("sip:sip.example.com:5060", options.request().target());
    options.answer(405, "Method Not Allowed"); // any answer will do
    assertEquals(1, ua.registration(1).orElseThrow().keepAlivesAnswered());

    for (int i = 0; i < 2; i++) {
      scheduler.runFor(Duration.ofSeconds(30));
      port.requests.pop().listener().onNoResponse("Timer F");
    }
    scheduler.runFor(Duration.ofSeconds(30));
    port.requests.pop().answer(200, "OK"); // the count starts again
    for (int i = 0; i < 2; i++) {
      scheduler.runFor(Duration.ofSeconds(30));
      port.requests.pop().listener().onNoResponse("Timer F");
    }
    assertTrue(port.registers.isEmpty(), "two misses in a row are not yet three");
    scheduler.runFor(Duration.ofSeconds(30));
    port.requests.pop().listener().onNoResponse("Timer F");
    assertEquals(3600, port.nextRegister().request().expires(), "the third miss registers again");
  }

  @Test
  void noKeepAlivesUnlessEnabled() {
    registered();
    scheduler.runFor(Duration.ofMinutes(10));
    assertTrue(port.requests.isEmpty());
  }

  @Test
  void aMessageIsKeptAndAnswered200() {
    start();
    ReceivedRequest message = port.receiveRequest("MESSAGE", Map.of(), "Room 12 needs help");
    assertEquals(200, message.status);
    SipUserAgent.TextMessage kept = ua.messages().get(0);
    assertEquals("Room 12 needs help", kept.text());
    assertEquals("sip:2001@sip.example.com", kept.from());
    assertEquals(1, kept.account());
  }

  @Test
  void sendingAMessageAnswersOneChallengeAndRefusesLongTexts() {
    start();
    List<Integer> outcome = new ArrayList<>();
    assertThrows(
        IllegalArgumentException.class,
        () -> ua.sendMessage(1, "2001", "x".repeat(161), outcome::add));
    ua.sendMessage(1, "2001", "x".repeat(160), outcome::add);
    SentRequest first = port.requests.pop();
    assertEquals("MESSAGE", first.request().method());
    assertEquals("text/plain", first.request().contentType());
    assertEquals("sip:2001@sip.example.com:5060", first.request().target());
    first
        .listener()
        .onResponse(
            new SipPort.SipResponse(
                407, "Proxy Authentication Required", null, "Digest realm=\"r\", nonce=\"n\"", -1));
    SentRequest second = port.requests.pop();
    assertTrue(second.request().proxyAuthorization());
    assertEquals(2, second.request().cseq());
    second
        .listener()
        .onResponse(
            new SipPort.SipResponse(
                407, "Proxy Authentication Required", null, "Digest realm=\"r\", nonce=\"m\"", -1));
    assertTrue(port.requests.isEmpty(), "answered once");
    assertEquals(List.of(407), outcome);
  }

  @Test
  void checkSyncIsChallengedThenProvisions() {
    start();
    ReceivedRequest unauthenticated =
        port.receiveRequest("NOTIFY", Map.of("Event", "check-sync"), "");
    assertEquals(401, unauthenticated.status);
    assertTrue(provisioning.isEmpty());

    ReceivedRequest wrong = port.receiveRequest("NOTIFY", answered(unauthenticated, "nope"), "");
    assertEquals(401, wrong.status);
    assertTrue(provisioning.isEmpty());

    ReceivedRequest right = port.receiveRequest("NOTIFY", answered(wrong, "pw"), "");
    assertEquals(200, right.status);
    assertEquals(List.of("1 sync"), provisioning);
  }

  @Test
  void rebootEventsRebootAndOtherEventsAreRefused() {
    store.set("P4428", "1");
    start();
    assertEquals(200, port.receiveRequest("NOTIFY", Map.of("Event", "reboot"), "").status);
    assertEquals(
        200, port.receiveRequest("NOTIFY", Map.of("Event", "check-sync;reboot=true"), "").status);
    assertEquals(200, port.receiveRequest("NOTIFY", Map.of("Event", "resync"), "").status);
    assertEquals(List.of("1 reboot", "1 reboot", "1 sync"), provisioning);
    assertEquals(489, port.receiveRequest("NOTIFY", Map.of("Event", "dialog"), "").status);
  }

  @Test
  void anUnsolicitedReferIsRefusedUnlessAllowed() {
    start();
    ReceivedRequest refused =
        port.receiveRequest("REFER", Map.of("Refer-To", "<sip:2003@192.0.2.1>"), "");
    assertEquals(603, refused.status);
    assertTrue(port.invites.isEmpty(), "nothing dialled");
  }

  @Test
  void anAllowedUnsolicitedReferDialsItsTarget() {
    store.set("P99921", "1");
    start();
    assertEquals(400, port.receiveRequest("REFER", Map.of("Refer-To", "mailto:x@y"), "").status);
    ReceivedRequest accepted =
        port.receiveRequest("REFER", Map.of("Refer-To", "<sip:2003@192.0.2.1>;method=INVITE"), "");
    assertEquals(202, accepted.status);
    assertEquals("sip:2003@192.0.2.1", port.invites.pop().request.target());
  }

  @Test
  void forceAuthChallengesTheUnsolicitedReferFirst() {
    store.set("P99921", "2");
    start();
    Map<String, String> refer = Map.of("Refer-To", "<sip:2003@192.0.2.1>");
    ReceivedRequest challenged = port.receiveRequest("REFER", refer, "");
    assertEquals(401, challenged.status);
    assertTrue(port.invites.isEmpty());
    Map<String, String> wrong = new HashMap<>(refer);
    wrong.put("Authorization", authorization("REFER", challenged, "nope"));
    ReceivedRequest refused = port.receiveRequest("REFER", wrong, "");
    assertEquals(401, refused.status);
    assertTrue(port.invites.isEmpty(), "a wrong password dials nothing");
    Map<String, String> right = new HashMap<>(refer);
    right.put("Authorization", authorization("REFER", refused, "pw"));
    assertEquals(202, port.receiveRequest("REFER", right, "").status);
    assertEquals("sip:2003@192.0.2.1", port.invites.pop().request.target());
  }

  /** The NOTIFY again with an Authorization for {@code challenged}'s challenge. */
  Map<String, String> answered(ReceivedRequest challenged, String password) {
    return Map.of(
        "Event", "check-sync", "Authorization", authorization("NOTIFY", challenged, password));
  }

  private static String authorization(String method, ReceivedRequest challenged, String password) {
    return new DigestClient(new SplittableRandom(9))
        .authorize(
            method,
            "sip:2002@192.0.2.2:5060",
            "2002",
            password,
            DigestChallenge.parse(challenged.challenge).orElseThrow())
        .toHeader();
  }
}
