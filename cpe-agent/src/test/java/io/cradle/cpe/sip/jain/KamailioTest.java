package io.cradle.cpe.sip.jain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.sip.Call;
import io.cradle.cpe.sip.Registration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real phones' SIP user agents on the shared JAIN-SIP stack against a real Kamailio (registrar with
 * digest authentication, proxy), in real time. Skipped only when kamailio is not installed.
 */
class KamailioTest {

  static Kamailio kamailio;
  static SipLab lab;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(
        Kamailio.binary() != null,
        "kamailio is not installed (apt-get install kamailio; .ci/run installs it)");
    kamailio = Kamailio.start();
    lab = SipLab.sharedAddress(kamailio::log);
  }

  @AfterAll
  static void stop() throws Exception {
    if (lab != null) {
      lab.close();
    }
    if (kamailio != null) {
      kamailio.close();
    }
  }

  static SipLab.LabPhone phone(String user, String password, Map<String, String> extra)
      throws Exception {
    return lab.phone("127.0.0.1:" + kamailio.port, user, password, extra);
  }

  @Test
  void twoPhonesRegisterAndOneCallsTheOtherWhichAutoAnswers() throws Exception {
    SipLab.LabPhone a = phone("2001", "secret1", Map.of());
    SipLab.LabPhone b = phone("2002", "secret2", Map.of("P90", "1"));
    a.await("2001 registered", () -> "Up".equals(a.ua().lineStatus(1)));
    b.await("2002 registered", () -> "Up".equals(b.ua().lineStatus(1)));
    assertEquals(PhoneEvent.REGISTER, a.events().get(0));

    Call call = a.read(() -> a.ua().dial(1, "2002"));
    a.await("A connected", () -> call.state() == Call.State.CONNECTED);
    b.await("B in call", () -> "InCall".equals(b.ua().callState(1)));
    assertEquals("InCall", a.read(() -> a.ua().callState(1)));
    Call incoming = b.read(() -> b.ua().call(1).orElseThrow());
    assertTrue(incoming.remote().contains("2001"), incoming.remote());
    assertEquals(incoming.localRtpPort(), call.remoteSdp().orElseThrow().port());
    assertEquals(call.localRtpPort(), incoming.remoteSdp().orElseThrow().port());

    a.read(
        () -> {
          call.hangup();
          return null;
        });
    b.await("B idle after BYE", () -> "Idle".equals(b.ua().callState(1)));
    assertEquals(Call.State.ENDED, incoming.state());
    assertEquals("Idle", a.read(() -> a.ua().callState(1)));
    assertTrue(b.events().contains(PhoneEvent.INCOMING_CALL));
    assertTrue(b.events().contains(PhoneEvent.DISCONNECTED));
  }

  @Test
  void phonesSharingOneSipAddressEachGetTheirOwnCalls() throws Exception {
    SipLab.LabPhone a = phone("bench9001", "bench", Map.of());
    SipLab.LabPhone b = phone("bench9002", "bench", Map.of("P90", "1"));
    SipLab.LabPhone c = phone("bench9003", "bench", Map.of("P90", "1"));
    for (SipLab.LabPhone p : List.of(a, b, c)) {
      p.await("registered", () -> "Up".equals(p.ua().lineStatus(1)));
    }

    Call toC = a.read(() -> a.ua().dial(1, "bench9003"));
    a.await("A connected to C", () -> toC.state() == Call.State.CONNECTED);
    assertEquals("InCall", c.read(() -> c.ua().callState(1)));
    assertEquals("Idle", b.read(() -> b.ua().callState(1)));
    assertEquals(List.of(PhoneEvent.REGISTER), b.events());

    // C's BYE must find A's dialog, and A's call end, on the same shared address.
    SipLab.on(c.scheduler(), () -> c.ua().call(1).orElseThrow().hangup());
    a.await("A idle after C's BYE", () -> "Idle".equals(a.ua().callState(1)));

    Call toB = c.read(() -> c.ua().dial(1, "bench9002"));
    c.await("C connected to B", () -> toB.state() == Call.State.CONNECTED);
    assertEquals("Idle", a.read(() -> a.ua().callState(1)));
    SipLab.on(c.scheduler(), toB::hangup);
    b.await("B idle", () -> "Idle".equals(b.ua().callState(1)));
    // One socket per transport (the TCP test may have opened the other), not one per phone.
    assertTrue(lab.host.listeningPointCount() <= 2, lab.host.listeningPointCount() + " points");
    assertTrue(lab.host.portCount() >= 3);
  }

  @Test
  void aForwardedCallReachesTheTargetAndIsHeldAndResumedThroughKamailio() throws Exception {
    SipLab.LabPhone a = phone("bench9101", "bench", Map.of());
    SipLab.LabPhone b = phone("bench9102", "bench", Map.of("P99901", "1", "P99902", "bench9103"));
    SipLab.LabPhone c = phone("bench9103", "bench", Map.of("P90", "1"));
    for (SipLab.LabPhone p : List.of(a, b, c)) {
      p.await("registered", () -> "Up".equals(p.ua().lineStatus(1)));
    }

    Call call = a.read(() -> a.ua().dial(1, "bench9102"));
    a.await("A connected to C by B's forward", () -> call.state() == Call.State.CONNECTED);
    assertTrue(a.read(() -> call.forwardedTo().orElseThrow()).startsWith("sip:bench9103@"));
    assertEquals("InCall", c.read(() -> c.ua().callState(1)));
    assertEquals(List.of(PhoneEvent.REGISTER), b.events(), "B forwarded without ringing");

    SipLab.on(a.scheduler(), call::hold);
    a.await("A holds", () -> "Hold".equals(a.ua().callState(1)));
    assertTrue(c.read(() -> c.ua().call(1).orElseThrow().heldByRemote()));
    SipLab.on(a.scheduler(), call::unhold);
    a.await("A resumed", () -> "InCall".equals(a.ua().callState(1)));
    assertFalse(c.read(() -> c.ua().call(1).orElseThrow().heldByRemote()));
    assertTrue(a.events().containsAll(List.of(PhoneEvent.ON_HOLD, PhoneEvent.UNHOLD)));

    SipLab.on(a.scheduler(), call::hangup);
    c.await("C idle", () -> "Idle".equals(c.ua().callState(1)));
  }

  @Test
  void kamailioAnswersTheOptionsKeepAlives() throws Exception {
    SipLab.LabPhone e = phone("bench9201", "bench", Map.of("P2397", "1", "P2398", "1"));
    e.await(
        "two keep-alives answered",
        () -> e.ua().registration(1).orElseThrow().keepAlivesAnswered() >= 2);
    assertEquals("Up", e.read(() -> e.ua().lineStatus(1)));
  }

  @Test
  void wrongPasswordIsRefusedAndTheLineShowsIt() throws Exception {
    SipLab.LabPhone c = phone("2003", "not-the-password", Map.of("P138", "1"));
    c.await(
        "2003 failed",
        () -> c.ua().registration(1).orElseThrow().state() == Registration.State.FAILED);
    assertEquals("Error", c.read(() -> c.ua().lineStatus(1)));
    assertEquals(
        "403 Wrong password", c.read(() -> c.ua().registration(1).orElseThrow().lastError()));
    assertTrue(c.events().isEmpty());
  }

  @Test
  void registersOverTcp() throws Exception {
    SipLab.LabPhone d = phone("2003", "secret3", Map.of("P130", "1"));
    d.await("2003 registered over TCP", () -> "Up".equals(d.ua().lineStatus(1)));
    d.read(
        () -> {
          d.ua().registration(1).orElseThrow().unregister();
          return null;
        });
    d.await(
        "2003 unregistered",
        () -> d.ua().registration(1).orElseThrow().state() == Registration.State.UNREGISTERED);
    assertEquals(List.of(PhoneEvent.REGISTER, PhoneEvent.UNREGISTER), d.events());
  }
}
