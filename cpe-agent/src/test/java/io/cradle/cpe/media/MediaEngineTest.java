package io.cradle.cpe.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two phones' call legs on loopback, in real time. */
class MediaEngineTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final PortRange PORTS = new PortRange(41000, 41999);

  private MediaEngine engine;
  private RtpStream a;
  private RtpStream b;

  @BeforeEach
  void start() throws Exception {
    engine =
        MediaEngine.start(
            MediaEngine.Settings.defaults(1).withRtcpInterval(Duration.ofMillis(200)));
    a = engine.open(LOOPBACK, PORTS);
    b = engine.open(LOOPBACK, PORTS);
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    engine.close();
    assertEquals(0, engine.openStreams());
  }

  private void connect(MediaParameters pa, MediaParameters pb) {
    a.connect(b.localAddress(), pa);
    b.connect(a.localAddress(), pb);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Codec.class,
      names = {"PCMA", "G722"})
  void aToneSentIsHeardAtItsFrequency(Codec codec) throws Exception {
    MediaParameters p = MediaParameters.of(codec, 20, 101);
    connect(p, p);
    a.play(ToneGenerator.sine(1000));
    b.play(ToneGenerator.sine(2000));
    WavRecorder atB = new WavRecorder();
    WavRecorder atA = new WavRecorder();
    b.record(atB);
    a.record(atA);
    await(() -> atB.samples().length >= 8000 && atA.samples().length >= 8000, "1 s of audio");
    short[] heard = atB.samples();
    short[] second = Arrays.copyOfRange(heard, heard.length - 8000, heard.length);
    assertTrue(Goertzel.relativePower(second, 1000) > 0.9, "1 kHz at B");
    assertTrue(Goertzel.relativePower(second, 2000) < 0.01, "no 2 kHz at B");
    short[] back = atA.samples();
    assertTrue(Goertzel.relativePower(back, back.length - 8000, 8000, 2000) > 0.9, "2 kHz at A");
    CallStats s = b.stats();
    assertEquals(codec, s.codec());
    assertTrue(s.packetsReceived() >= 50, s.toString());
    // 64 kbit/s both: 160 bytes per 20 ms, G.722's RTP clock counting one tick per byte
    assertEquals(160 * s.packetsReceived(), s.octetsReceived());
  }

  @Test
  void aRoamGapIsLostAudioCountedAtBothEnds() throws Exception {
    MediaParameters p = MediaParameters.of(Codec.PCMU, 20, 101);
    connect(p, p);
    a.play(ToneGenerator.sine(1000));
    b.play(ToneGenerator.sine(2000));
    await(
        () -> a.stats().packetsReceived() >= 25 && b.stats().packetsReceived() >= 25,
        "half a second of audio both ways");
    assertEquals(0, b.stats().packetsLost());

    a.interrupt(Duration.ofMillis(300)); // 15 packets of 20 ms each way
    long receivedByB = b.stats().packetsReceived();
    await(() -> b.stats().packetsReceived() > receivedByB + 40, "the call goes on after the gap");

    assertTrue(b.stats().packetsLost() >= 10, "what A sent in the gap: " + b.stats());
    assertTrue(a.stats().packetsLost() >= 10, "what A did not hear: " + a.stats());
  }

  @Test
  void aWavFilePlayedIsRecordedToAWavFileAtTheFarEnd(@TempDir Path dir) throws Exception {
    Path played = dir.resolve("announcement.wav");
    new WavFile(8000, ToneGenerator.sine(697).samples(8000))
        .write(played); // 697 whole cycles: a seamless loop
    MediaParameters p = MediaParameters.of(Codec.PCMU, 30, 101);
    connect(p, p);
    WavRecorder recorder = new WavRecorder();
    b.record(recorder);
    a.play(WavFile.read(played).source(true));
    await(() -> recorder.samples().length >= 8000, "1 s heard");
    Path heard = dir.resolve("heard.wav");
    recorder.save(heard);
    WavFile back = WavFile.read(heard);
    short[] s = back.samples();
    assertEquals(0, s.length % 240, "whole 30 ms frames");
    assertTrue(Goertzel.relativePower(s, s.length - 4000, 4000, 697) > 0.9, "697 Hz heard");
  }

  @Test
  void rfc2833DigitsArriveInOrder() throws Exception {
    a.connect(b.localAddress(), Codec.PCMU, 20, 101);
    b.connect(a.localAddress(), Codec.PCMU, 20, 101);
    List<String> digits = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(5);
    b.listener(
        new RtpStream.Listener() {
          @Override
          public void onDtmf(char digit, int durationMs) {
            digits.add(digit + "/" + durationMs);
            done.countDown();
          }
        });
    for (char d : "1234#".toCharArray()) {
      a.sendDtmf(d, Duration.ofMillis(60));
    }
    assertTrue(done.await(5, TimeUnit.SECONDS), "got " + digits);
    assertEquals(List.of("1/60", "2/60", "3/60", "4/60", "#/60"), digits);
  }

  @Test
  void inAudioDigitsAreHeardByGoertzel() throws Exception {
    MediaParameters p = MediaParameters.of(Codec.PCMU, 20, -1).withDtmfMode(DtmfMode.IN_AUDIO);
    connect(p, p);
    List<Character> digits = new CopyOnWriteArrayList<>();
    WavRecorder recorder = new WavRecorder();
    b.record(AudioSink.tee(recorder, new DtmfDetector(digits::add)));
    for (char d : "9*0".toCharArray()) {
      a.sendDtmf(d);
    }
    await(() -> digits.size() >= 3, "three digits, got " + digits);
    assertEquals(List.of('9', '*', '0'), digits);
    assertTrue(recorder.samples().length > 0);
  }

  @Test
  void rtcpReportsGiveRoundTripAndNoLoss() throws Exception {
    MediaParameters p = MediaParameters.of(Codec.PCMU, 20, 101);
    connect(p, p);
    a.play(ToneGenerator.sine(440));
    await(
        () ->
            a.stats().roundTripMs() >= 0
                && b.stats().roundTripMs() >= 0
                && a.stats().rtcpReceived() >= 3,
        "RTT on both legs");
    for (RtpStream s : List.of(a, b)) {
      CallStats st = s.stats();
      // loopback; generous bound because the build machine is shared and often overloaded
      assertTrue(st.roundTripMs() >= 0 && st.roundTripMs() < 1000, st.toString());
      assertEquals(0, st.packetsLost(), st.toString());
      assertEquals(0.0, st.farEndLossFraction(), st.toString());
      assertTrue(st.farEndJitterMs() >= 0, st.toString());
      if (st.late() == 0) {
        assertTrue(st.mos() > 4.3, "MOS " + st.mos() + " for " + st);
      }
      assertEquals("0", st.tr104().get("PacketsLost"));
    }
    assertEquals(0, a.errors() + b.errors());
  }

  @Test
  void silenceFromTheFarEndTimesOut() throws Exception {
    CountDownLatch timedOut = new CountDownLatch(1);
    a.listener(
        new RtpStream.Listener() {
          @Override
          public void onRtpTimeout() {
            timedOut.countDown();
          }
        });
    // b never connects, so it never sends
    a.connect(
        b.localAddress(),
        MediaParameters.of(Codec.PCMU, 20, 101).withRtpTimeout(Duration.ofMillis(300)));
    assertTrue(timedOut.await(3, TimeUnit.SECONDS));
  }

  @Test
  void aFullPortRangeIsReportedAndClosedStreamsFreeTheirPorts() throws Exception {
    PortRange two = new PortRange(42000, 42003);
    RtpStream x = engine.open(LOOPBACK, two);
    RtpStream y = engine.open(LOOPBACK, two);
    java.net.BindException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.net.BindException.class, () -> engine.open(LOOPBACK, two));
    assertTrue(e.getMessage().contains("42000"), e.getMessage());
    assertEquals(
        java.util.Set.of(42000, 42002),
        java.util.Set.of(x.localAddress().getPort(), y.localAddress().getPort()));
    x.close();
    // the port is free once the selector thread has deregistered the channel, right after close
    RtpStream z = null;
    for (int i = 0; z == null; i++) {
      try {
        z = engine.open(LOOPBACK, two);
      } catch (java.net.BindException stillBound) {
        if (i == 100) {
          throw stillBound;
        }
        Thread.sleep(10);
      }
    }
    assertEquals(x.localAddress(), z.localAddress());
    y.close();
    z.close();
  }

  @Test
  void malformedDatagramsAreCountedAndDoNotDisturbTheCall() throws Exception {
    MediaParameters p = MediaParameters.of(Codec.PCMU, 20, 101);
    connect(p, p);
    try (java.net.DatagramSocket rogue = new java.net.DatagramSocket(0, LOOPBACK)) {
      byte[] junk = {0x40, 0, 0, 1, 2, 3};
      rogue.send(new java.net.DatagramPacket(junk, junk.length, b.localAddress()));
      InetSocketAddress rtcp = new InetSocketAddress(LOOPBACK, b.localAddress().getPort() + 1);
      rogue.send(new java.net.DatagramPacket(junk, junk.length, rtcp));
    }
    await(() -> b.errors() == 2, "two malformed packets counted");
    long before = b.stats().packetsReceived();
    await(() -> b.stats().packetsReceived() > before + 5, "the call goes on");
    assertEquals(a.localAddress(), b.remoteAddress());
  }

  @Test
  void closingTheEngineClosesItsStreams() throws Exception {
    MediaEngine other = MediaEngine.start(2);
    RtpStream x = other.open(LOOPBACK, PORTS);
    RtpStream y = other.open(LOOPBACK, PORTS);
    x.connect(y.localAddress(), Codec.PCMU, 20, 101);
    y.connect(x.localAddress(), Codec.PCMU, 20, 101);
    await(() -> y.stats().packetsReceived() > 3, "y hears x across receiver threads");
    other.close();
    assertEquals(0, other.openStreams());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> x.connect(y.localAddress(), Codec.PCMU, 20, 101));
  }

  @Test
  void symmetricRtpLatchesOntoWhereThePacketsComeFrom() throws Exception {
    InetSocketAddress nowhere = new InetSocketAddress(LOOPBACK, 9); // discard port: nobody there
    a.connect(nowhere, MediaParameters.of(Codec.PCMU, 20, 101).withSymmetricRtp(true));
    b.connect(a.localAddress(), MediaParameters.of(Codec.PCMU, 20, 101));
    await(() -> b.localAddress().equals(a.remoteAddress()), "a latched onto b");
    await(() -> b.stats().packetsReceived() > 10, "b hears a");
  }
}
