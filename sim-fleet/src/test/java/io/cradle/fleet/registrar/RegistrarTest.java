package io.cradle.fleet.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.sip.Call;
import io.cradle.cpe.sip.HostPort;
import io.cradle.cpe.sip.jain.Kamailio;
import io.cradle.cpe.sip.jain.SipLab;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded registrar with real phones' SIP user agents on a shared JAIN-SIP stack, in real
 * time: digest registration over UDP and TCP, 404 and 480, a CANCEL before answer and a MESSAGE.
 * Users 3001-3009 have the password {@code pw}; 3009 never registers.
 */
class RegistrarTest {

  static Registrar registrar;
  static SipLab lab;

  @BeforeAll
  static void start() throws Exception {
    registrar =
        Registrar.start(
            new HostPort("127.0.0.1", Kamailio.freePort()),
            user -> user.matches("300[1-9]") ? Optional.of("pw") : Optional.empty(),
            Clock.systemUTC());
    lab = SipLab.sharedAddress(() -> "registrar " + registrar.counts());
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.close();
    }
    if (registrar != null) {
      registrar.close();
    }
  }

  @Test
  void phonesRegisterWithDigestOverUdpAndTcpAndAnUnknownUserGets404() throws Exception {
    SipLab.LabPhone udp = phone("3001", "pw", Map.of());
    SipLab.LabPhone tcp = phone("3002", "pw", Map.of("P130", "1"));
    SipLab.LabPhone stranger = phone("4711", "pw", Map.of());
    udp.await("3001 registered", () -> "Up".equals(udp.ua().lineStatus(1)));
    tcp.await("3002 registered over TCP", () -> "Up".equals(tcp.ua().lineStatus(1)));
    stranger.await("4711 refused", () -> "Error".equals(stranger.ua().lineStatus(1)));
    String why = stranger.read(() -> stranger.ua().registration(1).orElseThrow().lastError());
    assertTrue(why.startsWith("404 "), why);
    assertTrue(registrar.isRegistered("3001"));
    assertTrue(registrar.isRegistered("3002"));
    assertFalse(registrar.isRegistered("4711"));
  }

  @Test
  void aCallToAnUnregisteredUserGets480AndToAnUnknownOne404() throws Exception {
    SipLab.LabPhone a = phone("3003", "pw", Map.of());
    a.await("3003 registered", () -> "Up".equals(a.ua().lineStatus(1)));

    Call absent = a.read(() -> a.ua().dial(1, "3009"));
    a.await("the call to 3009 ended", () -> absent.state() == Call.State.ENDED);
    assertEquals(480, a.read(absent::endStatus));

    Call unknown = a.read(() -> a.ua().dial(1, "5555"));
    a.await("the call to 5555 ended", () -> unknown.state() == Call.State.ENDED);
    assertEquals(404, a.read(unknown::endStatus));
  }

  @Test
  void betweenPhonesOfOneTransportOnlyTheInvitePassesTheRegistrar() throws Exception {
    SipLab.LabPhone a = phone("3001", "pw", Map.of());
    SipLab.LabPhone b = phone("3008", "pw", Map.of("P90", "1"));
    a.await("3001 registered", () -> "Up".equals(a.ua().lineStatus(1)));
    b.await("3008 registered", () -> "Up".equals(b.ua().lineStatus(1)));
    long forwardedBefore = registrar.counts().forwarded();

    Call call = a.read(() -> a.ua().dial(1, "3008"));
    a.await("connected", () -> call.state() == Call.State.CONNECTED);
    a.read(
        () -> {
          call.hangup();
          return null;
        });
    b.await("3008 hung up by the BYE", () -> "Idle".equals(b.ua().callState(1)));
    assertEquals(forwardedBefore + 1, registrar.counts().forwarded(), "ACK and BYE went direct");
  }

  @Test
  void aCancelBeforeTheAnswerStopsTheRingingAndATcpCallerReachesAUdpCallee() throws Exception {
    SipLab.LabPhone caller = phone("3004", "pw", Map.of("P130", "1"));
    SipLab.LabPhone callee = phone("3005", "pw", Map.of());
    caller.await("3004 registered", () -> "Up".equals(caller.ua().lineStatus(1)));
    callee.await("3005 registered", () -> "Up".equals(callee.ua().lineStatus(1)));

    Call call = caller.read(() -> caller.ua().dial(1, "3005"));
    callee.await("3005 rings", () -> "Ringing".equals(callee.ua().callState(1)));
    caller.await("3004 hears it ring", () -> call.state() == Call.State.RINGING);
    caller.read(
        () -> {
          call.hangup();
          return null;
        });
    callee.await("3005 stops ringing", () -> "Idle".equals(callee.ua().callState(1)));
    caller.await("the call ended", () -> call.state() == Call.State.ENDED);
    assertEquals(487, caller.read(call::endStatus), "Request Terminated, through the proxy");
  }

  @Test
  void aCallToATcpPhoneIsAnsweredAndHungUpPhoneToPhoneAndAMessageIsDelivered() throws Exception {
    SipLab.LabPhone a = phone("3006", "pw", Map.of());
    SipLab.LabPhone b = phone("3007", "pw", Map.of("P90", "1", "P130", "1"));
    a.await("3006 registered", () -> "Up".equals(a.ua().lineStatus(1)));
    b.await("3007 registered", () -> "Up".equals(b.ua().lineStatus(1)));
    long forwardedBefore = registrar.counts().forwarded();

    Call call = a.read(() -> a.ua().dial(1, "3007"));
    a.await("connected", () -> call.state() == Call.State.CONNECTED);
    b.await("3007 in the call", () -> "InCall".equals(b.ua().callState(1)));
    a.read(
        () -> {
          call.hangup();
          return null;
        });
    b.await("3007 hung up by the BYE", () -> "Idle".equals(b.ua().callState(1)));
    // Between a UDP and a TCP phone the registrar record-routes: the BYE passed it too.
    assertEquals(forwardedBefore + 2, registrar.counts().forwarded());

    CompletableFuture<Integer> status = new CompletableFuture<>();
    a.read(
        () -> {
          a.ua().sendMessage(1, "3007", "Aisle 4, please", status::complete);
          return null;
        });
    assertEquals(200, status.get(10, TimeUnit.SECONDS));
    b.await(
        "the message",
        () -> b.ua().messages().stream().anyMatch(m -> m.text().equals("Aisle 4, please")));
  }

  static SipLab.LabPhone phone(String user, String password, Map<String, String> extra)
      throws Exception {
    return lab.phone(registrar.address().toString(), user, password, extra);
  }
}
