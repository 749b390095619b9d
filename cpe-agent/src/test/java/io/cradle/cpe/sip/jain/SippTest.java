package io.cradle.cpe.sip.jain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.sip.Call;
import io.cradle.cpe.sip.MediaPort;
import io.cradle.cpe.sip.MessageSummary;
import io.cradle.cpe.sip.SipUserAgent;
import io.cradle.cpe.time.Scheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A phone's SIP user agent on the shared JAIN-SIP stack against SIPp, directly (no registrar): SIPp
 * as UAS answering or busy, SIPp as UAC calling the auto-answering phone or cancelling. Skipped
 * only when sipp is not installed.
 */
class SippTest {

  static SipLab lab;
  SipUserAgent ua;
  Scheduler scheduler;
  final List<PhoneEvent> events = new CopyOnWriteArrayList<>();
  int phonePort;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(
        Sipp.binary() != null, "sipp is not installed (apt-get install sip-tester; .ci/run does)");
    lab = SipLab.ownAddresses(() -> "(see the SIPp log)");
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @AfterEach
  void halt() throws Exception {
    if (ua != null) {
      read(
          () -> {
            ua.halt();
            return null;
          });
    }
  }

  /** A phone that does not register, with its SIP server at {@code server}. */
  void phone(String server, Map<String, String> extra) throws Exception {
    PValueStore store = new PValueStore(PValueCatalog.wp820());
    phonePort = Kamailio.freePort();
    Map<String, String> p = new HashMap<>();
    p.put("P271", "1");
    p.put("P31", "0");
    p.put("P47", server);
    p.put("P35", "2002");
    p.put("P40", Integer.toString(phonePort));
    p.putAll(extra);
    store.setAll(p);
    scheduler = lab.timebase.scheduler("sipp-phone");
    ua =
        new SipUserAgent(
            store,
            lab.host,
            "127.0.0.1",
            scheduler,
            new SplittableRandom(3),
            "1.0.7.81",
            MediaPort.NONE,
            (event, variables) -> events.add(event));
    read(
        () -> {
          ua.start();
          return null;
        });
  }

  <T> T read(Supplier<T> what) throws Exception {
    return SipLab.on(scheduler, what);
  }

  void await(String what, Supplier<Boolean> condition, Sipp sipp) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!read(condition)) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what + "; sipp:\n" + sipp.log());
      }
      Thread.sleep(20);
    }
  }

  @Test
  void phoneCallsSippUasAndHangsUp() throws Exception {
    try (Sipp sipp = Sipp.start("uas", List.of())) {
      phone("127.0.0.1:" + sipp.port, Map.of());
      Call call = read(() -> ua.dial(1, "service"));
      await("connected", () -> call.state() == Call.State.CONNECTED, sipp);
      assertEquals(Call.State.CONNECTED, read(call::state));
      read(
          () -> {
            call.hangup();
            return null;
          });
      assertEquals(0, sipp.await(Duration.ofSeconds(15)), sipp.log());
      assertEquals(
          List.of(PhoneEvent.OUTGOING_CALL, PhoneEvent.CONNECTED, PhoneEvent.DISCONNECTED), events);
    }
  }

  @Test
  void busySippUasEndsTheCallWith486() throws Exception {
    try (Sipp sipp = Sipp.start("sipp-uas-486.xml", List.of())) {
      phone("127.0.0.1:" + sipp.port, Map.of());
      Call call = read(() -> ua.dial(1, "service"));
      await("ended", () -> call.state() == Call.State.ENDED, sipp);
      assertEquals(486, read(call::endStatus));
      assertEquals("Idle", read(() -> ua.callState(1)));
      assertEquals(0, sipp.await(Duration.ofSeconds(15)), sipp.log());
    }
  }

  @Test
  void sippCallsThePhoneWhichAutoAnswers() throws Exception {
    phone("127.0.0.1:5060", Map.of("P90", "1"));
    try (Sipp sipp =
        Sipp.start("uac", List.of("-s", "2002", "-d", "500", "127.0.0.1:" + phonePort))) {
      assertEquals(0, sipp.await(Duration.ofSeconds(15)), sipp.log());
      await("idle after SIPp's BYE", () -> "Idle".equals(ua.callState(1)), sipp);
      assertEquals(
          List.of(PhoneEvent.INCOMING_CALL, PhoneEvent.CONNECTED, PhoneEvent.DISCONNECTED), events);
    }
  }

  @Test
  void theIntercomAutoAnswerPicksUpAPageButLetsAPlainCallRing() throws Exception {
    phone("127.0.0.1:5060", Map.of("P90", "2"));
    try (Sipp page =
        Sipp.start("sipp-uac-intercom.xml", List.of("-s", "2002", "127.0.0.1:" + phonePort))) {
      assertEquals(0, page.await(Duration.ofSeconds(15)), page.log());
      await("idle after the page's BYE", () -> "Idle".equals(ua.callState(1)), page);
      assertEquals(
          List.of(PhoneEvent.INCOMING_CALL, PhoneEvent.CONNECTED, PhoneEvent.DISCONNECTED), events);
    }
    events.clear();
    try (Sipp plain =
        Sipp.start("sipp-uac-cancel.xml", List.of("-s", "2002", "127.0.0.1:" + phonePort))) {
      // SIPp's CANCEL only succeeds on a call still ringing: an answered one would get 200.
      assertEquals(0, plain.await(Duration.ofSeconds(15)), plain.log());
      await("idle after CANCEL", () -> "Idle".equals(ua.callState(1)), plain);
      assertTrue(events.contains(PhoneEvent.MISSED_CALL), events.toString());
    }
  }

  @Test
  void sippCancelsBeforeThePhoneAnswers() throws Exception {
    phone("127.0.0.1:5060", Map.of());
    try (Sipp sipp =
        Sipp.start("sipp-uac-cancel.xml", List.of("-s", "2002", "127.0.0.1:" + phonePort))) {
      assertEquals(0, sipp.await(Duration.ofSeconds(15)), sipp.log());
      await("idle after CANCEL", () -> "Idle".equals(ua.callState(1)), sipp);
      assertTrue(events.contains(PhoneEvent.MISSED_CALL), events.toString());
    }
  }

  @Test
  void anInviteWithABadOrUnknownReplacesIsRefusedAndNeverRings() throws Exception {
    phone("127.0.0.1:5060", Map.of("P90", "1"));
    try (Sipp sipp =
        Sipp.start("sipp-uac-replaces.xml", List.of("-s", "2002", "127.0.0.1:" + phonePort))) {
      // SIPp checks 400 for the malformed Replaces, then 481 for one naming no dialog here.
      assertEquals(0, sipp.await(Duration.ofSeconds(15)), sipp.log());
      assertEquals("Idle", read(() -> ua.callState(1)));
      assertTrue(!events.contains(PhoneEvent.INCOMING_CALL), events.toString());
    }
  }

  @Test
  void sippHoldsAndResumesThePhoneByReinvite() throws Exception {
    phone("127.0.0.1:5060", Map.of("P90", "1"));
    try (Sipp sipp =
        Sipp.start("sipp-uac-hold.xml", List.of("-s", "2002", "127.0.0.1:" + phonePort))) {
      await("held by SIPp", () -> ua.call(1).map(Call::heldByRemote).orElse(false), sipp);
      // SIPp checks the phone answered a=recvonly to the hold and a=sendrecv to the resume.
      assertEquals(0, sipp.await(Duration.ofSeconds(15)), sipp.log());
      await("idle after SIPp's BYE", () -> "Idle".equals(ua.callState(1)), sipp);
      assertEquals(
          List.of(PhoneEvent.INCOMING_CALL, PhoneEvent.CONNECTED, PhoneEvent.DISCONNECTED), events);
    }
  }

  @Test
  void theBusyPhoneForwardsSippsCallWith302() throws Exception {
    try (Sipp server = Sipp.start("uas", List.of())) {
      phone("127.0.0.1:" + server.port, Map.of("P99901", "3", "P99903", "1", "P99904", "2005"));
      Call busy = read(() -> ua.dial(1, "service"));
      await("busy in a call", () -> busy.state() == Call.State.CONNECTED, server);
      try (Sipp caller =
          Sipp.start("sipp-uac-forwarded.xml", List.of("-s", "2002", "127.0.0.1:" + phonePort))) {
        // SIPp checks the 302's Contact names the Busy To number.
        assertEquals(0, caller.await(Duration.ofSeconds(15)), caller.log());
      }
      assertEquals(List.of(busy), read(() -> ua.calls(1)));
      read(
          () -> {
            busy.hangup();
            return null;
          });
      assertEquals(0, server.await(Duration.ofSeconds(15)), server.log());
    }
  }

  @Test
  void anAuthenticatedCheckSyncReachesThePhone() throws Exception {
    phone("127.0.0.1:5060", Map.of("P34", "pw"));
    List<Boolean> requests = new CopyOnWriteArrayList<>();
    read(
        () -> {
          ua.onCheckSync((account, reboot) -> requests.add(reboot));
          return null;
        });
    try (Sipp sipp =
        Sipp.start(
            "sipp-uac-check-sync.xml",
            List.of("-s", "2002", "-au", "2002", "-ap", "pw", "127.0.0.1:" + phonePort))) {
      // SIPp sees the 401 first and the 200 only for the right digest.
      assertEquals(0, sipp.await(Duration.ofSeconds(15)), sipp.log());
      await("check-sync delivered", () -> !requests.isEmpty(), sipp);
      assertEquals(List.of(false), requests);
    }
  }

  @Test
  void textMessagesGoBothWays() throws Exception {
    try (Sipp server = Sipp.start("sipp-uas-message.xml", List.of())) {
      phone("127.0.0.1:" + server.port, Map.of());
      List<Integer> outcome = new CopyOnWriteArrayList<>();
      read(
          () -> {
            ua.sendMessage(1, "service", "On my way", outcome::add);
            return null;
          });
      // SIPp checks the text arrived.
      assertEquals(0, server.await(Duration.ofSeconds(15)), server.log());
      await("200 for the message", () -> outcome.equals(List.of(200)), server);
    }
    try (Sipp sender =
        Sipp.start("sipp-uac-message.xml", List.of("-s", "2002", "127.0.0.1:" + phonePort))) {
      assertEquals(0, sender.await(Duration.ofSeconds(15)), sender.log());
      assertEquals("Room 12 needs help", read(() -> ua.messages().get(0).text()).strip());
    }
  }

  @Test
  void sippAsNotifierTakesTheMwiSubscriptionNotifiesAndSeesTheRefreshInItsDialog()
      throws Exception {
    try (Sipp notifier = Sipp.start("sipp-uas-mwi.xml", List.of())) {
      phone("127.0.0.1:" + notifier.port, Map.of("P99", "1"));
      // SIPp checks the Event and Accept, and that the refresh carries its To tag.
      assertEquals(0, notifier.await(Duration.ofSeconds(15)), notifier.log());
      await(
          "the refresh accepted",
          () -> ua.messageWaiting(1).orElseThrow().accepted() == 2,
          notifier);
      assertEquals(
          new MessageSummary(true, 2, 8, 0, 0),
          read(() -> ua.messageWaiting(1).orElseThrow().summary()));
      assertEquals(
          Duration.ofSeconds(600), read(() -> ua.messageWaiting(1).orElseThrow().granted()));
      assertTrue(read(ua::messageWaitingIndicator));
    }
  }

  @Test
  void unsolicitedMwiIsCountedAndAnUnreadableOneRefused400() throws Exception {
    phone("127.0.0.1:5060", Map.of());
    try (Sipp voicemail =
        Sipp.start("sipp-uac-mwi.xml", List.of("-s", "2002", "127.0.0.1:" + phonePort))) {
      // SIPp checks 200 for the first NOTIFY and 400 for the unreadable one.
      assertEquals(0, voicemail.await(Duration.ofSeconds(15)), voicemail.log());
      assertEquals(3, read(() -> ua.messageWaiting(1).orElseThrow().summary().newMessages()));
    }
  }

  @Test
  void asSessionRefresherThePhoneReinvitesSipp() throws Exception {
    try (Sipp sipp = Sipp.start("sipp-uas-session-timer.xml", List.of())) {
      phone("127.0.0.1:" + sipp.port, Map.of());
      Call call = read(() -> ua.dial(1, "service"));
      // SIPp checks the INVITE offers the timer and the re-INVITE 2 s in refreshes it, then BYEs.
      assertEquals(0, sipp.await(Duration.ofSeconds(15)), sipp.log());
      await("ended by SIPp's BYE", () -> call.state() == Call.State.ENDED, sipp);
      assertEquals("Remote hangup", read(call::endReason));
    }
  }

  @Test
  void withEnable100relThePhonePracksSippsReliableRinging() throws Exception {
    try (Sipp sipp = Sipp.start("sipp-uas-100rel.xml", List.of())) {
      phone("127.0.0.1:" + sipp.port, Map.of("P435", "1"));
      Call call = read(() -> ua.dial(1, "service"));
      // SIPp answers only after the PRACK for its 180.
      await("connected", () -> call.state() == Call.State.CONNECTED, sipp);
      read(
          () -> {
            call.hangup();
            return null;
          });
      assertEquals(0, sipp.await(Duration.ofSeconds(15)), sipp.log());
    }
  }

  @Test
  void withEnable100relThePhoneRingsReliablyAndSippPracks() throws Exception {
    phone("127.0.0.1:5060", Map.of("P435", "1", "P90", "1"));
    try (Sipp sipp =
        Sipp.start("sipp-uac-100rel.xml", List.of("-s", "2002", "127.0.0.1:" + phonePort))) {
      // SIPp checks the 180 is reliable and its PRACK answered; the stack holds the auto answer's
      // 200 until that PRACK.
      assertEquals(0, sipp.await(Duration.ofSeconds(15)), sipp.log());
      await("idle after SIPp's BYE", () -> "Idle".equals(ua.callState(1)), sipp);
    }
  }

  @Test
  void sippTransfersThePhoneBlindToAnotherSipp() throws Exception {
    try (Sipp target = Sipp.start("uas", List.of())) {
      // The phone's SIP server is the target's SIPp: the new INVITE goes there as its next hop.
      phone("127.0.0.1:" + target.port, Map.of("P90", "1"));
      transferTo(target);
    }
  }

  @Test
  void aClickToDialServersReferMakesThePhoneCallTheTarget() throws Exception {
    try (Sipp target = Sipp.start("uas", List.of())) {
      phone("127.0.0.1:" + target.port, Map.of("P99921", "1"));
      try (Sipp server =
          Sipp.start(
              "sipp-uac-unsolicited-refer.xml",
              List.of(
                  "-s",
                  "2002",
                  "-key",
                  "target",
                  "sip:service@127.0.0.1:" + target.port,
                  "127.0.0.1:" + phonePort))) {
        assertEquals(0, server.await(Duration.ofSeconds(15)), server.log());
      }
      await("in the call with the target", () -> "InCall".equals(ua.callState(1)), target);
      assertTrue(read(() -> ua.call(1).orElseThrow().remote()).contains(":" + target.port));
      read(
          () -> {
            ua.call(1).orElseThrow().hangup();
            return null;
          });
      assertEquals(0, target.await(Duration.ofSeconds(15)), target.log());
    }
  }

  private void transferTo(Sipp target) throws Exception {
    try (Sipp transferor =
        Sipp.start(
            "sipp-uac-refer.xml",
            List.of(
                "-s",
                "2002",
                "-key",
                "target",
                "sip:service@127.0.0.1:" + target.port,
                "127.0.0.1:" + phonePort))) {
      // SIPp checks the 202 and that the phone's last NOTIFY says the target answered.
      assertEquals(0, transferor.await(Duration.ofSeconds(15)), transferor.log());
      await(
          "in the call with the target",
          () -> ua.calls(1).size() == 1 && "InCall".equals(ua.callState(1)),
          target);
      assertTrue(read(() -> ua.call(1).orElseThrow().remote()).contains(":" + target.port));
      read(
          () -> {
            ua.call(1).orElseThrow().hangup();
            return null;
          });
      assertEquals(0, target.await(Duration.ofSeconds(15)), target.log());
    }
  }
}
