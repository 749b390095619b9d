package io.cradle.cpe.ptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.media.Goertzel;
import io.cradle.cpe.media.ToneGenerator;
import io.cradle.cpe.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Phones talking over an in-memory multicast group on virtual time. */
class PttServiceTest {

  static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

  final VirtualScheduler scheduler = new VirtualScheduler(T0);
  final LoopbackHub hub = new LoopbackHub();

  /** One phone: its store, service, what it heard and what it told. */
  final class Handset implements PttListener, PttService.CallStatus {
    final PValueStore store = new PValueStore(PValueCatalog.wp820());
    final List<String> trace = new ArrayList<>();
    final List<Short> heard = new ArrayList<>();
    final PttService service;
    boolean dnd;
    boolean inCall;

    Handset(String callerId, double toneHz, long seed, String... settings) {
      store.set(PttSettings.PTT_ENABLE, "1");
      store.set(PttSettings.PTT_CALLER_ID, callerId);
      for (int i = 0; i < settings.length; i += 2) {
        store.set(settings[i], settings[i + 1]);
      }
      ToneGenerator mic = ToneGenerator.sine(toneHz);
      service =
          new PttService(
              scheduler,
              store,
              hub.join(),
              new Random(seed),
              mic,
              (frame, n) -> {
                for (int i = 0; i < n; i++) {
                  heard.add(frame[i]);
                }
              },
              this);
      service.addListener(this);
    }

    @Override
    public boolean dnd() {
      return dnd;
    }

    @Override
    public boolean inCall() {
      return inCall;
    }

    @Override
    public void pttReceived(int channel, String callerId) {
      trace.add("received " + channel + " " + callerId);
    }

    @Override
    public void pttEnded(int channel) {
      trace.add("ended " + channel);
    }

    @Override
    public void multicastPageReceived(int priority, String label) {
      trace.add("page " + priority + " " + label);
    }

    @Override
    public void multicastPageEnded(int priority) {
      trace.add("page ended " + priority);
    }

    @Override
    public void callHeld() {
      trace.add("held");
    }

    @Override
    public void callResumed() {
      trace.add("resumed");
    }

    @Override
    public void transmitStarted(int channel) {
      trace.add("tx " + channel);
    }

    @Override
    public void transmitStopped(int channel) {
      trace.add("tx stopped " + channel);
    }

    double powerAt(double hz) {
      short[] x = new short[heard.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = heard.get(i);
      }
      return Goertzel.relativePower(x, hz);
    }
  }

  void run(Duration d) {
    scheduler.runFor(d);
  }

  @Test
  void pressTalksOnTheDefaultChannelAndReleaseEndsIt() {
    Handset alice = new Handset("Alice", 1000, 1);
    Handset bob = new Handset("Bob", 500, 2);

    assertTrue(alice.service.press());
    run(Duration.ofSeconds(2));
    alice.service.release();
    run(Duration.ofMillis(100));

    assertEquals(List.of("tx 1", "tx stopped 1"), alice.trace);
    assertEquals(List.of("received 1 Alice", "ended 1"), bob.trace);
    assertTrue(alice.heard.isEmpty(), "a phone does not hear itself");
    // 2 s at the default ptime of 30 ms: 67 frames of 240 samples, then 3 END packets
    assertEquals(67 + 3, hub.sent);
    assertEquals(67 * 240, bob.heard.size());
    assertTrue(bob.powerAt(1000) > 0.5, "Alice's 1 kHz tone: " + bob.powerAt(1000));
    assertTrue(bob.powerAt(500) < 0.01);
  }

  @Test
  void ptimeAndGroupPagingModeAreHonoured() {
    Handset alice =
        new Handset(
            "Alice",
            1000,
            1,
            PttSettings.PAGING_MODE,
            "2",
            PttSettings.GROUP_ENABLE,
            "1",
            PttSettings.GROUP_PTIME,
            "20",
            PttSettings.GROUP_CALLER_ID,
            "Front desk");
    Handset bob = new Handset("Bob", 500, 2, PttSettings.GROUP_ENABLE, "1");

    alice.service.press();
    run(Duration.ofMillis(990));
    alice.service.release();
    run(Duration.ofMillis(10));

    assertEquals(List.of("received 26 Front desk", "ended 26"), bob.trace);
    assertEquals(50 * 160, bob.heard.size());
  }

  @Test
  void transmitNeedsPttOnAndTheChannelAvailableAndTransmit() {
    Handset off = new Handset("Off", 1000, 1, PttSettings.PTT_ENABLE, "0");
    Handset noTx = new Handset("NoTx", 1000, 2, PttSettings.PTT_TRANSMIT, "0" + "1".repeat(24));
    Handset noAddress = new Handset("NoAddr", 1000, 3, PttSettings.MULTICAST_ADDRESS, "");
    assertFalse(off.service.press());
    assertFalse(noTx.service.press());
    assertFalse(noAddress.service.press());
    assertEquals(0, hub.sent);
  }

  @Test
  void aTalkWhoseEndIsLostTimesOut() {
    Handset alice = new Handset("Alice", 1000, 1);
    Handset bob = new Handset("Bob", 500, 2);
    alice.service.press();
    run(Duration.ofMillis(500));
    hub.drop = true;
    alice.service.release();
    run(Duration.ofMillis(900));
    assertEquals(List.of("received 1 Alice"), bob.trace);
    run(Duration.ofMillis(200));
    assertEquals(List.of("received 1 Alice", "ended 1"), bob.trace);
  }

  @Test
  void priorityChannelPreemptsANormalOne() {
    Handset alice = new Handset("Alice", 1000, 1);
    Handset carol = new Handset("Carol", 700, 3, PttSettings.PTT_DEFAULT_CHANNEL, "24");
    Handset bob = new Handset("Bob", 500, 2);

    alice.service.press();
    run(Duration.ofMillis(300));
    carol.service.press();
    run(Duration.ofMillis(300));
    alice.service.release();
    carol.service.release();
    run(Duration.ofMillis(100));

    assertEquals(
        List.of("received 1 Alice", "ended 1", "received 24 Carol", "ended 24"), bob.trace);
    // Alice was transmitting on a normal channel: the priority talk preempts her transmission;
    // Carol was hearing Alice when she pressed: her priority channel talks over it
    assertEquals(List.of("tx 1", "tx stopped 1", "received 24 Carol", "ended 24"), alice.trace);
    assertEquals(List.of("received 1 Alice", "ended 1", "tx 24", "tx stopped 24"), carol.trace);
  }

  @Test
  void emergencyChannelBargesACallEvenInDndAndTheCallResumes() {
    Handset alice = new Handset("Alice", 1000, 1);
    Handset guard = new Handset("Guard", 700, 3, PttSettings.PTT_DEFAULT_CHANNEL, "25");
    Handset bob = new Handset("Bob", 500, 2);
    bob.dnd = true;
    bob.inCall = true;

    alice.service.press();
    run(Duration.ofMillis(300));
    alice.service.release();
    run(Duration.ofMillis(100));
    guard.service.press();
    run(Duration.ofMillis(300));
    guard.service.release();
    run(Duration.ofMillis(100));

    assertEquals(List.of("held", "received 25 Guard", "ended 25", "resumed"), bob.trace);
    assertTrue(bob.service.ignored() > 0, "Alice's normal talk was ignored");
  }

  @Test
  void acceptWhileBusyBargesACallOnANormalChannel() {
    Handset alice = new Handset("Alice", 1000, 1);
    Handset bob = new Handset("Bob", 500, 2, PttSettings.PTT_ACCEPT_WHILE_BUSY, "1");
    Handset dave = new Handset("Dave", 500, 4);
    bob.inCall = true;
    dave.inCall = true;

    alice.service.press();
    run(Duration.ofMillis(300));
    alice.service.release();
    run(Duration.ofMillis(100));

    assertEquals(List.of("held", "received 1 Alice", "ended 1", "resumed"), bob.trace);
    assertEquals(List.of(), dave.trace);
  }

  @Test
  void pressWhileATalkPlaysOrInACallIsRefused() {
    Handset alice = new Handset("Alice", 1000, 1);
    Handset bob = new Handset("Bob", 500, 2);
    alice.service.press();
    run(Duration.ofMillis(100));
    assertFalse(bob.service.press(), "same level: Alice's channel 1 is playing");
    alice.service.release();
    run(Duration.ofMillis(100));
    bob.inCall = true;
    assertFalse(bob.service.press());
    bob.inCall = false;
    assertTrue(bob.service.press());
  }

  @Test
  void foreignDatagramsAreCountedNotPlayed() {
    Handset bob = new Handset("Bob", 500, 2);
    hub.join().send(new byte[] {1, 2, 3});
    run(Duration.ofMillis(10));
    assertEquals(1, bob.service.malformed());
    assertEquals(List.of(), bob.trace);
  }

  /** A Grandstream pager: plain G.711 RTP every 20 ms on {@code hub} for {@code duration}. */
  void page(LoopbackHub hub, long ssrc, double toneHz, Duration duration) {
    PttTransport out = hub.join();
    ToneGenerator tone = ToneGenerator.sine(toneHz);
    int frames = (int) (duration.toMillis() / 20);
    for (int i = 0; i < frames; i++) {
      int seq = i;
      scheduler.schedule(
          Duration.ofMillis(20L * i),
          () -> {
            short[] frame = tone.samples(160);
            out.send(
                io.cradle.cpe.media.RtpPacket.of(
                        seq == 0,
                        0,
                        seq,
                        160L * seq,
                        ssrc,
                        io.cradle.cpe.media.Codec.PCMU.newEncoder().encode(frame))
                    .encode());
          });
    }
  }

  Handset pagedPhone(String... more) {
    List<String> settings =
        new ArrayList<>(
            List.of(
                PagingSettings.MULTICAST_ENABLE,
                "1",
                PagingSettings.addressPValue(1),
                "239.0.0.1:6001",
                PagingSettings.labelPValue(1),
                "All staff",
                PagingSettings.addressPValue(5),
                "239.0.0.5:6005",
                PagingSettings.labelPValue(5),
                "Kitchen"));
    settings.addAll(List.of(more));
    return new Handset("Bob", 500, 2, settings.toArray(new String[0]));
  }

  @Test
  void multicastPagePlaysAndEndsAfterSilence() {
    LoopbackHub kitchen = new LoopbackHub();
    Handset bob = pagedPhone();
    bob.service.listenForPaging(5, kitchen.join());
    page(kitchen, 55, 1000, Duration.ofMillis(500));
    run(Duration.ofMillis(1400));
    assertEquals(List.of("page 5 Kitchen"), bob.trace);
    run(Duration.ofMillis(200));
    assertEquals(List.of("page 5 Kitchen", "page ended 5"), bob.trace);
    assertEquals(25 * 160, bob.heard.size());
    assertTrue(bob.powerAt(1000) > 0.5);
  }

  @Test
  void aPhonePagesAMulticastAddressThatOthersHearWithItsLabel() {
    LoopbackHub kitchen = new LoopbackHub();
    Handset alice =
        new Handset(
            "Alice",
            1000,
            1,
            PttSettings.PAGING_MODE,
            "0",
            PagingSettings.MULTICAST_ENABLE,
            "1",
            PagingSettings.addressPValue(5),
            "239.0.0.5:6005",
            PagingSettings.labelPValue(5),
            "Kitchen");
    Handset bob = pagedPhone();
    alice.service.listenForPaging(5, kitchen.join());
    bob.service.listenForPaging(5, kitchen.join());

    assertTrue(alice.service.press(), "multicast mode: the first configured address");
    run(Duration.ofSeconds(1));
    alice.service.release();
    run(Duration.ofMillis(1500));

    assertEquals(List.of("tx 5", "tx stopped 5"), alice.trace, "its own page is not played");
    assertEquals(List.of("page 5 Kitchen", "page ended 5"), bob.trace);
    assertEquals(51, kitchen.sent, "frames at 0, 20, … 1000 ms; plain RTP, no END packets");
    assertTrue(bob.powerAt(1000) > 0.5);
    assertEquals(0, hub.sent, "nothing on the PTT group");
  }

  @Test
  void pagingNeedsMulticastPagingOnAndAJoinedAddress() {
    LoopbackHub kitchen = new LoopbackHub();
    Handset off = new Handset("Off", 1000, 1, PagingSettings.addressPValue(5), "239.0.0.5:6005");
    off.service.listenForPaging(5, kitchen.join());
    assertFalse(off.service.page(5), "P22208 off");
    Handset bob = pagedPhone();
    assertFalse(bob.service.page(1), "configured but not joined");
    bob.service.listenForPaging(5, kitchen.join());
    bob.inCall = true;
    assertFalse(bob.service.page(5), "in a call");
    bob.inCall = false;
    assertTrue(bob.service.page(5));
    assertEquals(1, kitchen.sent, "the first frame goes at once");
  }

  @Test
  void theChannelsCodecSettingSendsG722() throws Exception {
    Handset alice = new Handset("Alice", 1000, 1, PttSettings.PTT_CODEC, "1");
    Handset bob = new Handset("Bob", 500, 2);
    List<Integer> payloadTypes = new ArrayList<>();
    hub.join()
        .receiver(
            (d, n) -> {
              try {
                payloadTypes.add(PttPacket.parse(d, 0, n).rtp().payloadType());
              } catch (io.cradle.cpe.media.MalformedPacketException e) {
                throw new AssertionError(e);
              }
            });
    assertTrue(alice.service.press());
    run(Duration.ofSeconds(1));
    alice.service.release();
    run(Duration.ofMillis(100));
    assertTrue(payloadTypes.stream().allMatch(pt -> pt == 9), "G.722: " + payloadTypes);
    assertEquals(List.of("received 1 Alice", "ended 1"), bob.trace);
    assertTrue(bob.powerAt(1000) > 0.5, "Alice's 1 kHz tone through G.722: " + bob.powerAt(1000));
  }

  @Test
  void talkOnAPickedChannelReachesOnlyPhonesThatHearIt() {
    Handset alice = new Handset("Alice", 1000, 1);
    Handset bob = new Handset("Bob", 500, 2);
    Handset carol =
        new Handset("Carol", 500, 3, PttSettings.PTT_SUBSCRIBE, "1111111111111111111111110");
    assertTrue(alice.service.talk(25));
    run(Duration.ofMillis(500));
    alice.service.release();
    run(Duration.ofMillis(100));
    assertEquals(List.of("tx 25", "tx stopped 25"), alice.trace);
    assertEquals(List.of("received 25 Alice", "ended 25"), bob.trace);
    assertEquals(List.of(), carol.trace, "not subscribed to 25");
    assertFalse(alice.service.talk(40), "group paging is off");
  }

  @Test
  void pagingPriorityActiveLetsAHigherPagePreemptAndPagingBargeHoldsTheCall() {
    LoopbackHub all = new LoopbackHub();
    LoopbackHub kitchen = new LoopbackHub();
    Handset bob = pagedPhone(PagingSettings.PRIORITY_ACTIVE, "1", PagingSettings.BARGE, "3");
    bob.service.listenForPaging(1, all.join());
    bob.service.listenForPaging(5, kitchen.join());
    page(kitchen, 55, 1000, Duration.ofMillis(400));
    run(Duration.ofMillis(200));
    page(all, 11, 700, Duration.ofMillis(400));
    run(Duration.ofSeconds(3));
    assertEquals(
        List.of("page 5 Kitchen", "page ended 5", "page 1 All staff", "page ended 1"), bob.trace);

    bob.trace.clear();
    bob.inCall = true;
    page(kitchen, 56, 1000, Duration.ofMillis(200));
    run(Duration.ofSeconds(2));
    assertEquals(List.of(), bob.trace, "priority 5 is not above the barge level 3");
    page(all, 12, 700, Duration.ofMillis(200));
    run(Duration.ofSeconds(2));
    assertEquals(List.of("held", "page 1 All staff", "page ended 1", "resumed"), bob.trace);
  }
}
