package io.cradle.cpe.sip.jain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.media.AudioSource;
import io.cradle.cpe.media.Codec;
import io.cradle.cpe.media.Goertzel;
import io.cradle.cpe.media.MediaEngine;
import io.cradle.cpe.media.PortRange;
import io.cradle.cpe.media.ToneGenerator;
import io.cradle.cpe.media.WavRecorder;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.phone.CallMedia;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.safe.Accelerometer;
import io.cradle.cpe.sip.Call;
import io.cradle.cpe.sip.MediaPort;
import io.cradle.cpe.sip.SipEvents;
import io.cradle.cpe.sip.SipUserAgent;
import io.cradle.cpe.time.Scheduler;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Phones on a real SIP server: a whole phone's lines register through Kamailio and show in its
 * TR-069 data model, and a SAFE panic places the emergency call to the configured number; calls
 * through Kamailio carry tones, and an attended transfer leaves transferee and target talking.
 */
class PhoneOverSipTest {

  private static final String LINE = "Device.Services.VoiceService.1.VoiceProfile.1.Line.1.";

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

  @Test
  void theLinesRegisterAndAPanicCallsTheEmergencyNumber() throws Exception {
    MediaEngine engine = MediaEngine.start(1);
    // The far end: a bare user agent that auto-answers, the nurses' station.
    Scheduler stationScheduler = lab.timebase.scheduler("station");
    PValueStore stationStore = new PValueStore(PValueCatalog.wp820());
    stationStore.setAll(
        Map.of(
            "P271", "1",
            "P47", "127.0.0.1:" + kamailio.port,
            "P35", "2002",
            "P34", "secret2",
            "P40", Integer.toString(Kamailio.freePort()),
            "P90", "1"));
    List<PhoneEvent> stationEvents = new CopyOnWriteArrayList<>();
    SipUserAgent station =
        new SipUserAgent(
            stationStore,
            lab.host,
            "127.0.0.1",
            stationScheduler,
            new SplittableRandom(2),
            "1.0.7.81",
            MediaPort.NONE,
            (event, variables) -> stationEvents.add(event));
    SipLab.on(stationScheduler, () -> station.start());

    Scheduler scheduler = lab.timebase.scheduler("phone");
    Phone phone =
        wholePhone(
            scheduler,
            Map.of("P99810", "1", "P99820", "1", "P99821", "1", "P99823", "2002"),
            new CallMedia(
                engine,
                InetAddress.getLoopbackAddress(),
                new PortRange(32000, 32099),
                () -> ToneGenerator.sine(440),
                () -> (frame, length) -> {}));
    try {
      phone.boot();
      lab.await(
          "line 1 up in the data model",
          scheduler,
          () -> "Up".equals(phone.model().value(LINE + "Status").orElse("")));
      lab.await(
          "the station registered", stationScheduler, () -> "Up".equals(station.lineStatus(1)));

      SipLab.on(scheduler, () -> phone.safe().orElseThrow().panic());

      lab.await(
          "the station answered", stationScheduler, () -> "InCall".equals(station.callState(1)));
      lab.await(
          "the phone in the emergency call",
          scheduler,
          () -> "InCall".equals(phone.model().value(LINE + "CallState").orElse("")));
      assertTrue(stationEvents.contains(PhoneEvent.INCOMING_CALL), stationEvents.toString());
      assertTrue(
          SipLab.on(stationScheduler, () -> station.call(1).orElseThrow().remote())
              .contains("2001"));
      assertEquals("Alarm", phone.model().value("Device.X_GRANDSTREAM_Safe.State").orElse(""));
      lab.await(
          "RTP counted in the line's TR-104 statistics",
          scheduler,
          () -> Long.parseLong(phone.model().value(LINE + "Stats.PacketsSent").orElse("0")) > 10);
    } finally {
      engine.close();
      phone.shutdown();
      SipLab.on(stationScheduler, () -> station.halt());
    }
  }

  @Test
  void speedDialAndTheDialPageGoThroughTheDialPlan() throws Exception {
    SipUserAgent station = agent("2002", "secret2", Map.of("P90", "1"), MediaPort.NONE);
    Scheduler stationScheduler = schedulers.get(station);
    Scheduler scheduler = lab.timebase.scheduler("speed-dialer");
    Phone phone =
        wholePhone(
            scheduler,
            Map.of(
                "P99826", "3",
                "P99827", "2",
                "P290", "{ ^1900x. | <=200>x }"),
            MediaPort.NONE);
    try {
      phone.boot();
      lab.await(
          "line 1 up",
          scheduler,
          () -> "Up".equals(phone.model().value(LINE + "Status").orElse("")));
      lab.await("station up", stationScheduler, () -> "Up".equals(station.lineStatus(1)));

      SipUserAgent.DialOutcome blocked = SipLab.on(scheduler, () -> phone.dial(1, "19005551234"));
      assertEquals(java.util.Optional.of("blocked by dial plan rule ^1900x."), blocked.refusal());

      // Held past the long press: Speed Dial's "2" becomes 2002 by the plan's <=200>.
      SipLab.on(
          scheduler,
          () -> phone.button().orElseThrow().pressFor(java.time.Duration.ofMillis(1500)));
      lab.await(
          "the station answered the speed dial",
          stationScheduler,
          () -> "InCall".equals(station.callState(1)));
      assertTrue(
          SipLab.on(stationScheduler, () -> station.call(1).orElseThrow().remote())
              .contains("2001"));
      assertEquals(
          1,
          SipLab.on(stationScheduler, () -> station.calls(1).size()),
          "the blocked number never rang anywhere");
    } finally {
      phone.shutdown();
      halt(station);
    }
  }

  /** A whole phone as account 2001 on Kamailio, with SAFE (so the button) and no ACS. */
  private static Phone wholePhone(Scheduler scheduler, Map<String, String> extra, MediaPort media)
      throws Exception {
    Map<String, String> settings =
        new java.util.HashMap<>(
            Map.of(
                // No ACS here: the management plane retries quietly in the background.
                "P4503", "http://127.0.0.1:9/cwmp",
                "P237", "",
                "P192", "",
                "P271", "1",
                "P47", "127.0.0.1:" + kamailio.port,
                "P35", "2001",
                "P34", "secret1",
                "P40", Integer.toString(Kamailio.freePort())));
    settings.putAll(extra);
    return Phone.builder(
            DeviceIdentity.wp820("SIP0001", "V1.0A", "1.0.7.81", "00:0B:82:00:51:01"), scheduler)
        .store(new PValueStore(PValueCatalog.wp820()))
        .factorySettings(settings)
        .random(new SplittableRandom(1))
        .motion(new Accelerometer(new SplittableRandom(3)))
        .sip(lab.host)
        .media(media)
        .build();
  }

  @Test
  void aCallThroughKamailioCarriesTheCallersToneToTheCallee() throws Exception {
    try (MediaEngine engine = MediaEngine.start(1)) {
      WavRecorder heardByCallee = new WavRecorder();
      SipUserAgent caller =
          agent(
              "2001",
              "secret1",
              Map.of(),
              new CallMedia(
                  engine,
                  InetAddress.getLoopbackAddress(),
                  new PortRange(31000, 31099),
                  () -> ToneGenerator.sine(1000),
                  () -> (frame, length) -> {}));
      Scheduler callerScheduler = schedulers.get(caller);
      SipUserAgent callee =
          agent(
              "2002",
              "secret2",
              Map.of("P90", "1"),
              new CallMedia(
                  engine,
                  InetAddress.getLoopbackAddress(),
                  new PortRange(31100, 31199),
                  AudioSource::silence,
                  () -> heardByCallee));
      Scheduler calleeScheduler = schedulers.get(callee);
      lab.await("caller registered", callerScheduler, () -> "Up".equals(caller.lineStatus(1)));
      lab.await("callee registered", calleeScheduler, () -> "Up".equals(callee.lineStatus(1)));

      SipLab.on(callerScheduler, () -> caller.dial(1, "2002"));
      lab.await("in call", calleeScheduler, () -> "InCall".equals(callee.callState(1)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (heardByCallee.samples().length < 8000 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      short[] heard = heardByCallee.samples();
      assertTrue(heard.length >= 8000, "a second of audio arrived, got " + heard.length);
      short[] last = java.util.Arrays.copyOfRange(heard, heard.length - 4000, heard.length);
      double tone = Goertzel.relativePower(last, 1000);
      double other = Goertzel.relativePower(last, 2000);
      assertTrue(tone > 0.5 && other < 0.05, "1 kHz " + tone + ", 2 kHz " + other);

      SipLab.on(callerScheduler, () -> caller.call(1).orElseThrow().hangup());
      lab.await("hung up", calleeScheduler, () -> "Idle".equals(callee.callState(1)));
      for (SipUserAgent ua : List.of(caller, callee)) {
        SipLab.on(
            schedulers.get(ua),
            () -> {
              ua.halt();
              return null;
            });
      }
    }
  }

  @Test
  void anAttendedTransferThroughKamailioLeavesTheTransfereeTalkingToTheTarget() throws Exception {
    try (MediaEngine engine = MediaEngine.start(1)) {
      WavRecorder heardByB = new WavRecorder();
      WavRecorder heardByC = new WavRecorder();
      SipUserAgent a = agent("2001", "secret1", Map.of(), media(engine, 33000, 400, null));
      SipUserAgent b =
          agent("2002", "secret2", Map.of("P90", "1"), media(engine, 33100, 1000, heardByB));
      SipUserAgent c =
          agent("2003", "secret3", Map.of("P90", "1"), media(engine, 33200, 600, heardByC));
      Scheduler as = consult(a, b, c);

      assertTrue(SipLab.on(as, () -> a.attendedTransfer(1)));

      lab.await("A left both calls", as, () -> a.calls(1).isEmpty());
      lab.await(
          "B talks to C only",
          schedulers.get(b),
          () -> b.calls(1).size() == 1 && b.call(1).orElseThrow().remote().contains("2003"));
      lab.await(
          "C talks to B only",
          schedulers.get(c),
          () -> c.calls(1).size() == 1 && c.call(1).orElseThrow().remote().contains("2002"));
      awaitTone("B's tone at C", heardByC, 1000);
      awaitTone("C's tone at B", heardByB, 600);
      halt(a, b, c);
    }
  }

  @Test
  void aConferenceHostedByAPhoneMixesTheOtherTwoForEachFarEnd() throws Exception {
    try (MediaEngine engine = MediaEngine.start(1)) {
      WavRecorder heardByB = new WavRecorder();
      SipUserAgent a = agent("2001", "secret1", Map.of(), media(engine, 35000, 400, null));
      SipUserAgent b =
          agent("2002", "secret2", Map.of("P90", "1"), media(engine, 35100, 1000, heardByB));
      SipUserAgent c =
          agent("2003", "secret3", Map.of("P90", "1"), media(engine, 35200, 600, null));
      Scheduler as = consult(a, b, c);

      assertTrue(SipLab.on(as, () -> a.conference(1)));
      lab.await("B resumed", as, () -> a.calls(1).stream().noneMatch(Call::held));
      short[] atB = awaitTone("C's tone at B", heardByB, 600, 0.25);
      assertTrue(Goertzel.relativePower(atB, 400) > 0.25, "A's tone at B too");
      assertTrue(Goertzel.relativePower(atB, 1000) < 0.02, "B does not hear itself");

      SipLab.on(schedulers.get(c), () -> c.call(1).orElseThrow().hangup());
      lab.await("C left", as, () -> a.calls(1).size() == 1);
      awaitTone("A alone at B once C left", heardByB, 400, 0.9);
      assertEquals("InCall", SipLab.on(schedulers.get(b), () -> b.callState(1)));
      halt(a, b, c);
    }
  }

  @Test
  void phonesPreferringG722TalkG722ThroughKamailioAndAG711PhoneGetsG711() throws Exception {
    try (MediaEngine engine = MediaEngine.start(1)) {
      WavRecorder heardByB = new WavRecorder();
      CallMedia aMedia = media(engine, 34000, 3000, null);
      CallMedia bMedia = media(engine, 34100, 0, heardByB);
      CallMedia cMedia = media(engine, 34200, 0, null);
      SipUserAgent a = agent("2001", "secret1", Map.of("P57", "9", "P58", "0"), aMedia);
      SipUserAgent b = agent("2002", "secret2", Map.of("P90", "1", "P57", "9"), bMedia);
      SipUserAgent c = agent("2003", "secret3", Map.of("P90", "1"), cMedia);
      for (SipUserAgent ua : List.of(a, b, c)) {
        lab.await("registered", schedulers.get(ua), () -> "Up".equals(ua.lineStatus(1)));
      }
      Scheduler as = schedulers.get(a);
      SipLab.on(as, () -> a.dial(1, "2002"));
      lab.await("A talks to B", as, () -> "InCall".equals(a.callState(1)));
      awaitTone("A's tone at B", heardByB, 3000);
      assertEquals(Codec.G722, SipLab.on(as, () -> codec(a, aMedia)));
      assertEquals(Codec.G722, SipLab.on(schedulers.get(b), () -> codec(b, bMedia)));
      SipLab.on(as, () -> a.call(1).orElseThrow().hangup());
      lab.await("hung up", as, () -> a.calls(1).isEmpty());

      SipLab.on(as, () -> a.dial(1, "2003"));
      lab.await("A talks to C", as, () -> "InCall".equals(a.callState(1)));
      assertEquals(
          Codec.PCMU,
          SipLab.on(schedulers.get(c), () -> codec(c, cMedia)),
          "C does not speak G.722 though A offered it first");
      lab.await("A sends what C answered", as, () -> codec(a, aMedia) == Codec.PCMU);
      halt(a, b, c);
    }
  }

  /** The codec the call of {@code ua}'s account 1 sends; read on its scheduler. */
  private static Codec codec(SipUserAgent ua, CallMedia media) {
    return media.stream(ua.call(1).orElseThrow().localRtpPort()).orElseThrow().stats().codec();
  }

  private static CallMedia media(MediaEngine engine, int firstPort, double tone, WavRecorder ear) {
    return new CallMedia(
        engine,
        InetAddress.getLoopbackAddress(),
        new PortRange(firstPort, firstPort + 99),
        () -> tone > 0 ? ToneGenerator.sine(tone) : AudioSource.silence(),
        () -> ear != null ? ear : (frame, length) -> {});
  }

  /** Waits until the last half second {@code ear} heard is dominated by {@code frequency}. */
  private static void awaitTone(String what, WavRecorder ear, double frequency)
      throws InterruptedException {
    awaitTone(what, ear, frequency, 0.5);
  }

  /**
   * Waits until {@code frequency} has more than {@code share} of the power of the last half second
   * {@code ear} heard; returns that half second.
   */
  private static short[] awaitTone(String what, WavRecorder ear, double frequency, double share)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    double power = 0;
    while (System.nanoTime() < deadline) {
      short[] heard = ear.samples();
      if (heard.length >= 4000) {
        short[] last = java.util.Arrays.copyOfRange(heard, heard.length - 4000, heard.length);
        power = Goertzel.relativePower(last, frequency);
        if (power > share) {
          return last;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError(what + ": " + frequency + " Hz has " + power + " of the power");
  }

  private void halt(SipUserAgent... agents) throws Exception {
    for (SipUserAgent ua : agents) {
      SipLab.on(schedulers.get(ua), () -> ua.halt());
    }
  }

  private final Map<SipUserAgent, Scheduler> schedulers = new java.util.HashMap<>();

  private SipUserAgent agent(
      String user, String password, Map<String, String> extra, MediaPort media) throws Exception {
    Scheduler scheduler = lab.timebase.scheduler("ua-" + user);
    PValueStore store = new PValueStore(PValueCatalog.wp820());
    Map<String, String> settings = new java.util.HashMap<>(extra);
    settings.putAll(
        Map.of(
            "P271",
            "1",
            "P47",
            "127.0.0.1:" + kamailio.port,
            "P35",
            user,
            "P34",
            password,
            "P40",
            Integer.toString(Kamailio.freePort())));
    store.setAll(settings);
    SipUserAgent ua =
        new SipUserAgent(
            store,
            lab.host,
            "127.0.0.1",
            scheduler,
            new SplittableRandom(user.hashCode()),
            "1.0.7.81",
            media,
            SipEvents.NONE);
    schedulers.put(ua, scheduler);
    SipLab.on(scheduler, () -> ua.start());
    return ua;
  }

  /**
   * Once all three are registered: A calls B (2002), holds B and calls C (2003), the start of an
   * attended transfer or a conference. Returns A's scheduler.
   */
  private Scheduler consult(SipUserAgent a, SipUserAgent b, SipUserAgent c) throws Exception {
    for (SipUserAgent ua : List.of(a, b, c)) {
      lab.await("registered", schedulers.get(ua), () -> "Up".equals(ua.lineStatus(1)));
    }
    Scheduler as = schedulers.get(a);
    SipLab.on(as, () -> a.dial(1, "2002"));
    lab.await("A talks to B", as, () -> "InCall".equals(a.callState(1)));
    SipLab.on(as, () -> a.call(1).orElseThrow().hold());
    lab.await("B held", as, () -> "Hold".equals(a.callState(1)));
    SipLab.on(as, () -> a.dial(1, "2003"));
    lab.await("A talks to C", as, () -> "InCall".equals(a.callState(1)));
    return as;
  }
}
