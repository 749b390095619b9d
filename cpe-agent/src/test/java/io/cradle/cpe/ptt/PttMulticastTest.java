package io.cradle.cpe.ptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.media.Codec;
import io.cradle.cpe.media.Goertzel;
import io.cradle.cpe.media.RtpPacket;
import io.cradle.cpe.media.ToneGenerator;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cpe.time.Timebase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Real IP multicast, in real time, on the host's first multicast interface (Linux's {@code lo} has
 * no MULTICAST flag; IP_MULTICAST_LOOP delivers to sockets of the same host). Skipped, with the
 * reason, only if no interface can join a group.
 */
class PttMulticastTest {

  /** A fresh administratively scoped group and port, so parallel builds do not hear each other. */
  static InetSocketAddress freshGroup() {
    Random r = new Random();
    return new InetSocketAddress(
        "239.255." + (1 + r.nextInt(250)) + "." + (1 + r.nextInt(250)), 20000 + r.nextInt(30000));
  }

  static PttChannelSocket openOrSkip(InetSocketAddress group) {
    Optional<NetworkInterface> nif = PttChannelSocket.defaultInterface();
    Assumptions.assumeTrue(
        nif.isPresent(), "no interface up with MULTICAST and IPv4: multicast impossible here");
    try {
      return PttChannelSocket.open(group, nif.get());
    } catch (IOException e) {
      Assumptions.abort("cannot join " + group + " on " + nif.get().getName() + ": " + e);
      throw new AssertionError(e);
    }
  }

  @Test
  void aTalkPacketReachesEveryMemberOfTheGroupIncludingTheSender() throws Exception {
    InetSocketAddress group = freshGroup();
    try (PttChannelSocket a = openOrSkip(group);
        PttChannelSocket b = openOrSkip(group)) {
      BlockingQueue<byte[]> atA = new LinkedBlockingQueue<>();
      BlockingQueue<byte[]> atB = new LinkedBlockingQueue<>();
      a.receiver((d, n) -> atA.add(java.util.Arrays.copyOf(d, n)));
      b.receiver((d, n) -> atB.add(java.util.Arrays.copyOf(d, n)));

      short[] tone = ToneGenerator.sine(1000).samples(240);
      RtpPacket rtp = RtpPacket.of(true, 0, 1, 0, 77, Codec.PCMU.newEncoder().encode(tone));
      a.send(new PttPacket(24, false, "Alice", rtp).encode());

      byte[] got = atB.poll(3, TimeUnit.SECONDS);
      assertNotNull(got, "nothing arrived on " + group);
      PttPacket p = PttPacket.parse(got, 0, got.length);
      assertEquals(24, p.channel());
      assertEquals("Alice", p.callerId());
      short[] decoded = new short[240];
      Codec.PCMU.newDecoder().decode(p.rtp().payload(), decoded);
      assertTrue(Goertzel.relativePower(decoded, 1000) > 0.5);
      assertNotNull(atA.poll(3, TimeUnit.SECONDS), "IP_MULTICAST_LOOP: the sender hears itself");
      assertEquals(0, a.sendFailures());
    }
  }

  @Test
  void twoPhonesTalkOverRealMulticast() throws Exception {
    InetSocketAddress group = freshGroup();
    List<String> bobTrace = new CopyOnWriteArrayList<>();
    List<Short> bobHeard = new CopyOnWriteArrayList<>();
    try (Timebase time = Timebase.realTime();
        PttChannelSocket aliceSocket = openOrSkip(group);
        PttChannelSocket bobSocket = openOrSkip(group)) {
      Scheduler aliceClock = time.scheduler("alice");
      Scheduler bobClock = time.scheduler("bob");
      PttService alice =
          new PttService(
              aliceClock,
              store("Alice", group),
              aliceSocket,
              new Random(1),
              ToneGenerator.sine(1000),
              (f, n) -> {},
              PttService.CallStatus.IDLE);
      PttService bob =
          new PttService(
              bobClock,
              store("Bob", group),
              bobSocket,
              new Random(2),
              ToneGenerator.sine(500),
              (f, n) -> {
                for (int i = 0; i < n; i++) {
                  bobHeard.add(f[i]);
                }
              },
              PttService.CallStatus.IDLE);
      bob.addListener(
          new PttListener() {
            @Override
            public void pttReceived(int channel, String callerId) {
              bobTrace.add("received " + channel + " " + callerId);
            }

            @Override
            public void pttEnded(int channel) {
              bobTrace.add("ended " + channel);
            }
          });

      aliceClock.schedule(java.time.Duration.ZERO, alice::press);
      aliceClock.schedule(java.time.Duration.ofMillis(400), alice::release);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (bobTrace.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(List.of("received 1 Alice", "ended 1"), bobTrace);
      short[] x = new short[bobHeard.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = bobHeard.get(i);
      }
      assertTrue(x.length >= 240 * 5, "heard " + x.length + " samples");
      assertTrue(Goertzel.relativePower(x, 1000) > 0.5);
    }
  }

  private static PValueStore store(String callerId, InetSocketAddress group) {
    PValueStore store = new PValueStore(PValueCatalog.wp820());
    store.setAll(
        Map.of(
            PttSettings.PTT_ENABLE,
            "1",
            PttSettings.PTT_CALLER_ID,
            callerId,
            PttSettings.MULTICAST_ADDRESS,
            group.getAddress().getHostAddress() + ":" + group.getPort()));
    return store;
  }
}
