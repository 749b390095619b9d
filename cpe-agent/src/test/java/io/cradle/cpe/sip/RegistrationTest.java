package io.cradle.cpe.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.sip.FakeSipPort.SentRegister;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cwmp.auth.DigestResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Registration on virtual time against a fake port: the far end is played by the test. */
class RegistrationTest {

  final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
  final PValueStore store = new PValueStore(PValueCatalog.wp820());
  final List<PhoneEvent> events = new ArrayList<>();
  final Map<Integer, FakeSipPort> ports = new HashMap<>();
  final SipNetwork network =
      (address, transport, deliverOn) ->
          ports.computeIfAbsent(address.port(), p -> new FakeSipPort(address));
  SipUserAgent ua;

  RegistrationTest() {
    store.setAll(
        Map.of(
            "P271", "1",
            "P47", "sip.example.com:5070",
            "P35", "2001",
            "P36", "auth2001",
            "P34", "secret",
            "P32", "1", // Register Expiration: 1 minute
            "P138", "30")); // Registration Retry Wait Time
  }

  FakeSipPort start() {
    ua =
        new SipUserAgent(
            store,
            network,
            "127.0.0.1",
            scheduler,
            new SplittableRandom(7),
            "1.0.7.81",
            MediaPort.NONE,
            (event, variables) -> events.add(event));
    ua.start();
    return ports.get(5060);
  }

  Registration registration() {
    return ua.registration(1).orElseThrow();
  }

  @Test
  void answersTheDigestChallengeAndRegisters() {
    FakeSipPort port = start();
    SentRegister first = port.nextRegister();
    assertNull(first.request().authorization());
    assertEquals(60, first.request().expires());
    assertEquals("Grandstream WP820 1.0.7.81", first.request().userAgent());
    assertEquals("sip:sip.example.com:5070", first.request().requestUri());
    assertEquals("Registering", ua.lineStatus(1));

    first.challenge("n1", false);
    SentRegister second = port.nextRegister();
    DigestResponse auth = DigestResponse.parse(second.request().authorization()).orElseThrow();
    assertEquals("auth2001", auth.username());
    assertEquals("auth", auth.qop());
    assertEquals("00000001", auth.nc());
    String ha1 = md5("auth2001:cradle:secret");
    String ha2 = md5("REGISTER:sip:sip.example.com:5070");
    assertEquals(md5(ha1 + ":n1:00000001:" + auth.cnonce() + ":auth:" + ha2), auth.response());
    assertEquals(first.request().cseq() + 1, second.request().cseq());
    assertEquals(first.request().callId(), second.request().callId());

    second.ok(60);
    assertEquals(Registration.State.REGISTERED, registration().state());
    assertEquals("Up", ua.lineStatus(1));
    assertEquals(List.of(PhoneEvent.REGISTER), events);
  }

  @Test
  void refreshesAtTheConfiguredMarginBeforeExpiry() {
    store.set("P2330", "15"); // Re-register before Expiration
    FakeSipPort port = start();
    port.nextRegister().challenge("n1", false);
    port.nextRegister().ok(60);

    scheduler.runFor(Duration.ofSeconds(44));
    assertTrue(port.registers.isEmpty(), "no refresh before 60 - 15 s");
    scheduler.runFor(Duration.ofSeconds(1));
    SentRegister refresh = port.nextRegister();
    // The refresh reuses the last nonce with the next count: no new challenge round trip.
    assertEquals(
        "00000002", DigestResponse.parse(refresh.request().authorization()).orElseThrow().nc());
    refresh.ok(60);
    assertEquals(List.of(PhoneEvent.REGISTER), events, "a refresh is not a new registration");
  }

  @Test
  void refreshesAtNinetyPercentWithoutAMargin() {
    FakeSipPort port = start();
    port.nextRegister().ok(40); // the registrar granted less than asked
    assertEquals(Duration.ofSeconds(40), registration().granted());
    scheduler.runFor(Duration.ofSeconds(35));
    assertTrue(port.registers.isEmpty());
    scheduler.runFor(Duration.ofSeconds(1));
    port.nextRegister().ok(40);
  }

  @Test
  void aStaleNonceIsAnsweredAgain() {
    FakeSipPort port = start();
    port.nextRegister().challenge("n1", false);
    port.nextRegister().ok(60);
    scheduler.runFor(Duration.ofSeconds(54));
    port.nextRegister().challenge("n2", true);
    SentRegister again = port.nextRegister();
    assertEquals("n2", DigestResponse.parse(again.request().authorization()).orElseThrow().nonce());
    again.ok(60);
    assertEquals(Registration.State.REGISTERED, registration().state());
  }

  @Test
  void wrongPasswordFailsAndRetriesAfterTheRetryWaitTime() {
    FakeSipPort port = start();
    port.nextRegister().challenge("n1", false);
    port.nextRegister().challenge("n2", false); // refused although answered
    assertEquals(Registration.State.FAILED, registration().state());
    assertEquals("Error", ua.lineStatus(1));
    assertEquals("401 Unauthorized", registration().lastError());
    assertTrue(port.registers.isEmpty(), "no third try at once");

    scheduler.runFor(Duration.ofSeconds(29));
    assertTrue(port.registers.isEmpty());
    scheduler.runFor(Duration.ofSeconds(1));
    SentRegister retry = port.nextRegister();
    retry.answer(403, "Forbidden");
    assertEquals("403 Forbidden", registration().lastError());
    assertEquals(Registration.State.FAILED, registration().state());
    assertTrue(events.isEmpty());
  }

  @Test
  void noAnswerFailsOverToTheSecondaryServerAndBack() {
    store.set("P2312", "backup.example.com");
    FakeSipPort port = start();
    port.nextRegister().listener().onNoResponse("Timer F");
    assertEquals("backup.example.com:5060", registration().currentServer().toString());
    scheduler.runFor(Duration.ofSeconds(30));
    SentRegister toBackup = port.nextRegister();
    assertEquals("sip:backup.example.com:5060", toBackup.request().requestUri());
    toBackup.answer(503, "Service Unavailable");
    scheduler.runFor(Duration.ofSeconds(30));
    assertEquals("sip:sip.example.com:5070", port.nextRegister().request().requestUri());
  }

  @Test
  void outboundProxyIsTheNextHop() {
    store.set("P48", "proxy.example.com:5080");
    FakeSipPort port = start();
    SentRegister r = port.nextRegister();
    assertEquals("proxy.example.com:5080", r.request().nextHop().toString());
    assertEquals("sip.example.com:5070", r.request().registrar().toString());
  }

  @Test
  void unregisterOnRebootClearsAllBindingsFirst() {
    store.set("P81", "1");
    FakeSipPort port = start();
    SentRegister wildcard = port.nextRegister();
    assertTrue(wildcard.request().wildcard());
    assertEquals(0, wildcard.request().expires());
    wildcard.ok(0);
    SentRegister register = port.nextRegister();
    assertFalse(register.request().wildcard());
    assertEquals(60, register.request().expires());
  }

  @Test
  void unregisterRemovesTheBindingAndStopsRefreshing() {
    FakeSipPort port = start();
    port.nextRegister().ok(60);
    registration().unregister();
    SentRegister bye = port.nextRegister();
    assertEquals(0, bye.request().expires());
    assertFalse(bye.request().wildcard());
    bye.ok(0);
    assertEquals(Registration.State.UNREGISTERED, registration().state());
    assertEquals(List.of(PhoneEvent.REGISTER, PhoneEvent.UNREGISTER), events);
    scheduler.runFor(Duration.ofHours(2));
    assertTrue(port.registers.isEmpty());
  }

  static String md5(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("MD5")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void inactiveAccountDoesNotRegister() {
    store.set("P271", "0");
    start();
    assertTrue(ports.isEmpty());
    assertEquals("Disabled", ua.lineStatus(1));
    assertEquals("Disabled", ua.lineStatus(2));
  }
}
