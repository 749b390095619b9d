package io.cradle.cpe.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.model.DataModel;
import io.cradle.cpe.sip.FakeSipPort.ReceivedRequest;
import io.cradle.cpe.sip.FakeSipPort.SentSubscribe;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Message Waiting Indication (RFC 3842) on virtual time against a fake port. */
class MessageWaitingTest extends AgentOnFakePortTest {

  static final String TWO_NEW =
      "Messages-Waiting: yes\r\nMessage-Account: sip:2002@sip.example.com\r\n"
          + "Voice-Message: 2/8 (1/0)\r\n";

  int changes;

  MessageWaitingTest() {
    // Subscribe for MWI on; register expiration 10 minutes; retry wait 30 s.
    store.setAll(
        Map.of(
            "P271",
            "1",
            "P31",
            "0",
            "P47",
            "sip.example.com",
            "P35",
            "2002",
            "P34",
            "pw",
            "P99",
            "1",
            "P32",
            "10",
            "P138",
            "30"));
  }

  void start() {
    newAgent(MediaPort.NONE, SipEvents.NONE);
    ua.onMessageWaitingChanged(() -> changes++);
    ua.start();
  }

  MessageWaiting mwi() {
    return ua.messageWaiting(1).orElseThrow();
  }

  SentSubscribe nextSubscribe() {
    SentSubscribe s = port.subscribes.pollFirst();
    assertNotNull(s, "no SUBSCRIBE was sent");
    return s;
  }

  ReceivedRequest notify(String body, String subscriptionState) {
    Map<String, String> headers = new HashMap<>(Map.of("Event", "message-summary"));
    if (subscriptionState != null) {
      headers.put("Subscription-State", subscriptionState);
    }
    return port.receiveRequest("NOTIFY", headers, body);
  }

  @Test
  void subscribesToItsOwnAddressAndRefreshesInTheSameDialogBeforeExpiry() {
    start();
    SentSubscribe first = nextSubscribe();
    SipPort.SubscribeRequest r = first.request();
    assertEquals("sip:2002@sip.example.com:5060", r.target());
    assertEquals("message-summary", r.event());
    assertEquals("application/simple-message-summary", r.accept());
    assertEquals(600, r.expires());

    first.ok(300); // the notifier grants less than asked
    assertTrue(mwi().subscribed());
    scheduler.runFor(Duration.ofSeconds(269));
    assertTrue(port.subscribes.isEmpty(), "no refresh before 90 % of the granted time");
    scheduler.runFor(Duration.ofSeconds(1));
    SentSubscribe refresh = nextSubscribe();
    assertEquals(r.callId(), refresh.request().callId());
    assertEquals(r.fromTag(), refresh.request().fromTag());
    assertEquals(r.cseq() + 1, refresh.request().cseq());
    refresh.ok(SipPort.SipResponse.NO_EXPIRES); // no Expires: what was asked
    assertEquals(Duration.ofSeconds(600), mwi().granted());
    assertEquals(2, mwi().accepted());
  }

  @Test
  void aNotifySetsTheCountsTheLedAndTheDataModel() {
    start();
    nextSubscribe().ok(600);
    DataModel.Builder b = DataModel.builder(store);
    SipParameters.addTo(b, ua);
    DataModel model = b.build();
    String features = "Device.Services.VoiceService.1.VoiceProfile.1.Line.1.CallingFeatures.";
    assertEquals("false", model.value(features + "MessageWaiting").orElseThrow());

    assertEquals(200, notify(TWO_NEW, "active;expires=590").status);
    assertEquals(new MessageSummary(true, 2, 8, 1, 0), mwi().summary());
    assertEquals(1, changes);
    assertTrue(ua.messageWaitingIndicator());
    assertEquals("true", model.value(features + "MessageWaiting").orElseThrow());
    assertEquals("2", model.value(features + "X_CRADLE_NewVoiceMessages").orElseThrow());
    assertEquals("8", model.value(features + "X_CRADLE_OldVoiceMessages").orElseThrow());
    assertEquals(
        "true",
        model
            .value("Device.Services.VoiceService.1.X_CRADLE_MessageWaitingIndicator")
            .orElseThrow());

    // The user listened: nothing new.
    assertEquals(200, notify("Messages-Waiting: no\r\nVoice-Message: 0/10\r\n", "active").status);
    assertFalse(ua.messageWaitingIndicator());
    assertEquals("0", model.value(features + "X_CRADLE_NewVoiceMessages").orElseThrow());
    assertEquals(2, changes);
  }

  @Test
  void theIndicatorCanBeDisabled() {
    store.set("P1692", "1");
    start();
    notify(TWO_NEW, null);
    assertTrue(mwi().summary().waiting());
    assertFalse(ua.messageWaitingIndicator());
  }

  @Test
  void anUnreadableNotifyIsAnswered400AndLosesNothing() {
    start();
    notify(TWO_NEW, null);
    ReceivedRequest bad = notify("Messages-Waiting: perhaps\r\n", null);
    assertEquals(400, bad.status);
    ReceivedRequest noCount = notify("Voice-Message: 3/4\r\n", null);
    assertEquals(400, noCount.status);
    ReceivedRequest badCount = notify("Messages-Waiting: yes\r\nVoice-Message: many\r\n", null);
    assertEquals(400, badCount.status);
    assertEquals(new MessageSummary(true, 2, 8, 1, 0), mwi().summary());
    assertEquals(1, changes);
  }

  @Test
  void unsolicitedMwiCountsWithoutSubscribing() {
    store.set("P99", "0");
    start();
    assertTrue(port.subscribes.isEmpty());
    assertEquals(200, notify(TWO_NEW, null).status);
    assertEquals(2, mwi().summary().newMessages());
  }

  @Test
  void aRefusedSubscriptionIsTriedAgainInANewDialogAfterTheRetryWait() {
    start();
    SentSubscribe refused = nextSubscribe();
    refused.answer(489, "Bad Event");
    assertFalse(mwi().subscribed());
    assertEquals("489 Bad Event", mwi().lastError());
    scheduler.runFor(Duration.ofSeconds(29));
    assertTrue(port.subscribes.isEmpty());
    scheduler.runFor(Duration.ofSeconds(1));
    SentSubscribe again = nextSubscribe();
    assertNotEquals(refused.request().callId(), again.request().callId());
    again.listener().onNoResponse("no answer (Timer F)");
    scheduler.runFor(Duration.ofSeconds(30));
    nextSubscribe().ok(600);
    assertTrue(mwi().subscribed());
    assertEquals("", mwi().lastError());
  }

  @Test
  void aChallengeIsAnsweredOnceWithTheAccountsCredentials() {
    start();
    SentSubscribe first = nextSubscribe();
    first
        .listener()
        .onResponse(
            new SipPort.SipResponse(
                401,
                "Unauthorized",
                "Digest realm=\"cradle\", nonce=\"n1\", qop=\"auth\", algorithm=MD5",
                null,
                SipPort.SipResponse.NO_EXPIRES));
    SentSubscribe withCredentials = nextSubscribe();
    assertTrue(withCredentials.request().authorization().contains("username=\"2002\""));
    assertTrue(
        withCredentials
            .request()
            .authorization()
            .contains("uri=\"sip:2002@sip.example.com:5060\""));
    assertEquals(first.request().callId(), withCredentials.request().callId());
    withCredentials.answer(401, "Unauthorized");
    assertTrue(port.subscribes.isEmpty(), "a second challenge is a failure, not a loop");
    assertEquals("401 Unauthorized", mwi().lastError());
  }

  @Test
  void aTerminatedSubscriptionIsRenewedAfterTheRetryWait() {
    start();
    SentSubscribe first = nextSubscribe();
    first.ok(600);
    assertEquals(200, notify("", "terminated;reason=timeout").status);
    assertFalse(mwi().subscribed());
    scheduler.runFor(Duration.ofSeconds(30));
    SentSubscribe renewed = nextSubscribe();
    assertNotEquals(first.request().callId(), renewed.request().callId());
    // The old refresh timer went with the old subscription.
    renewed.ok(600);
    scheduler.runFor(Duration.ofSeconds(539));
    assertTrue(port.subscribes.isEmpty());
  }

  @Test
  void stoppingEndsTheSubscriptionWithExpiresZero() {
    start();
    nextSubscribe().ok(600);
    ua.stop(Duration.ofSeconds(2));
    SentSubscribe end = nextSubscribe();
    assertEquals(0, end.request().expires());
    end.ok(0);
    scheduler.runFor(Duration.ofHours(1));
    assertTrue(port.subscribes.isEmpty(), "no refresh after stop");
  }

  @Test
  void messageSummaryBodiesAreReadAsRfc3842Writes() {
    assertEquals(
        new MessageSummary(true, 0, 0, 0, 0), MessageSummary.parse("Messages-Waiting: yes\r\n"));
    assertEquals(
        new MessageSummary(false, 0, 3, 0, 0),
        MessageSummary.parse(
            "messages-waiting: NO\nFax-Message: 1/1\nVoice-Message: 0/3\n\nTo: x\r\n"));
    MessageSummary s = new MessageSummary(true, 4, 5, 1, 2);
    assertEquals(s, MessageSummary.parse(s.body()));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MessageSummary.parse(""));
    assertTrue(e.getMessage().contains("Messages-Waiting"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> MessageSummary.parse("Messages-Waiting: yes\nVoice-Message: 99999999999/1\n"));
  }
}
