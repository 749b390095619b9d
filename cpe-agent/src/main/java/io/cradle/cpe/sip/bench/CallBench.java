package io.cradle.cpe.sip.bench;

import io.cradle.cpe.media.AudioSink;
import io.cradle.cpe.media.CallStats;
import io.cradle.cpe.media.MediaEngine;
import io.cradle.cpe.media.PortRange;
import io.cradle.cpe.media.SendTiming;
import io.cradle.cpe.media.ToneGenerator;
import io.cradle.cpe.phone.CallMedia;
import io.cradle.cpe.sip.Call;
import io.cradle.cpe.sip.HostPort;
import io.cradle.cpe.sip.jain.JainSipHost;
import io.cradle.cpe.time.Timebase;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * N concurrent phone-to-phone calls through a running SIP proxy (default 100 calls, 200 phones),
 * with real G.711 RTP at 50 packets/s each way: phones {@code bench<2k>} call {@code bench<2k+1>},
 * which auto-answer. All phones share one SIP address ({@link JainSipHost#shared}) and one {@link
 * MediaEngine}. Prints the call setup time, packets sent/received/lost, the media pacer's send-time
 * deviation (p50/p99/max), process CPU and threads, and a {@code RESULT} line.
 *
 * <pre>
 * java -cp cpe-agent/target/classes:... io.cradle.cpe.sip.bench.CallBench \
 *     --proxy 127.0.0.1:5070 --calls 100 --seconds 30 --sip-port 30000
 * </pre>
 */
public final class CallBench {

  /** What the phones hear: not kept, the bench measures the network side. */
  private static final AudioSink DISCARD = (frame, length) -> {};

  private CallBench() {}

  public static void main(String[] args) throws Exception {
    String proxy = "127.0.0.1:5060";
    int calls = 100;
    int seconds = 30;
    int sipPort = 30000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--proxy":
          proxy = args[i + 1];
          break;
        case "--calls":
          calls = Integer.parseInt(args[i + 1]);
          break;
        case "--seconds":
          seconds = Integer.parseInt(args[i + 1]);
          break;
        case "--sip-port":
          sipPort = Integer.parseInt(args[i + 1]);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    int warmupSeconds = 2;
    InetAddress loopback = InetAddress.getLoopbackAddress();
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = ManagementFactory.getThreadMXBean();
    PortRange rtpPorts = new PortRange(sipPort + 2, sipPort + 2 + 4 * calls + 100);
    List<CallMedia> media = new ArrayList<>();
    try (Timebase timebase = Timebase.realTime();
        JainSipHost stack = JainSipHost.shared(new HostPort("127.0.0.1", sipPort));
        MediaEngine engine = MediaEngine.start(1)) {
      for (int i = 0; i < 2 * calls; i++) {
        media.add(
            new CallMedia(
                engine, loopback, rtpPorts, () -> ToneGenerator.sine(1000), () -> DISCARD));
      }
      long start = System.nanoTime();
      BenchPhones phones =
          new BenchPhones(
              2 * calls,
              proxy,
              "127.0.0.1",
              stack,
              timebase,
              i -> i % 2 == 1 ? Map.of("P90", "1") : Map.of(),
              media::get);
      Duration limit = Duration.ofSeconds(60);
      double registered =
          phones.awaitAll("registration", ua -> "Up".equals(ua.lineStatus(1)), start, limit);

      long dialStart = System.nanoTime();
      for (int k = 0; k < calls; k++) {
        String callee = "bench" + (2 * k + 1);
        phones.on(2 * k, ua -> ua.dial(1, callee));
      }
      double connected =
          phones.awaitAll("a call", ua -> "InCall".equals(ua.callState(1)), dialStart, limit);

      Thread.sleep(warmupSeconds * 1000L);
      List<Optional<CallStats>> before = stats(phones, media);
      engine.resetSendTiming();
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long cpu = os.getProcessCpuTime() - cpu0;
      long wall = System.nanoTime() - wall0;
      SendTiming timing = engine.sendTiming();
      int threadCount = threads.getThreadCount();
      List<Optional<CallStats>> after = stats(phones, media);
      long stillInCall = phones.count(ua -> "InCall".equals(ua.callState(1)));
      long sent = 0;
      long received = 0;
      long lost = 0;
      double worstMos = 5;
      for (int i = 0; i < after.size(); i++) {
        if (after.get(i).isEmpty() || before.get(i).isEmpty()) {
          continue; // not in a call all along: counted in stillInCall
        }
        CallStats a = after.get(i).get();
        CallStats b = before.get(i).get();
        sent += a.packetsSent() - b.packetsSent();
        received += a.packetsReceived() - b.packetsReceived();
        lost += a.packetsLost() - b.packetsLost();
        worstMos = Math.min(worstMos, a.mos());
      }
      for (int k = 0; k < calls; k++) {
        phones.run(2 * k, ua -> ua.call(1).ifPresent(Call::hangup));
      }
      double hungUp =
          phones.awaitAll(
              "hanging up", ua -> "Idle".equals(ua.callState(1)), System.nanoTime(), limit);
      double cpuPercent = 100.0 * cpu / wall;
      double ideal = 2.0 * calls * 50 * wall / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%d phones registered in %.1f s; %d calls through %s connected in %.1f s;"
              + " all hung up in %.1f s%n",
          2 * calls,
          registered,
          calls,
          proxy,
          connected,
          hungUp);
      System.out.printf(
          Locale.ROOT,
          "%d s measured (after %d s warm-up): RTP packets sent %d (ideal %.0f), received %d,"
              + " lost %d; %d of %d phones still in their call at the end; worst MOS %.2f%n",
          seconds,
          warmupSeconds,
          sent,
          ideal,
          received,
          lost,
          stillInCall,
          2 * calls,
          worstMos);
      System.out.printf(
          Locale.ROOT,
          "send-time deviation from the 20 ms schedule: p50 %d µs, p99 %d µs, max %d µs over %d"
              + " sends; pacer busy %.1f%%%n",
          timing.p50Micros(),
          timing.p99Micros(),
          timing.maxMicros(),
          timing.sends(),
          timing.pacerBusyPercent());
      System.out.printf(
          Locale.ROOT,
          "CPU %.1f%% of one core (%d cores, load average %.1f), %d JVM threads%n",
          cpuPercent,
          Runtime.getRuntime().availableProcessors(),
          os.getSystemLoadAverage(),
          threadCount);
      System.out.printf(
          Locale.ROOT,
          "RESULT calls=%d seconds=%d sent=%d received=%d lost=%d sendJitterP50us=%d"
              + " sendJitterP99us=%d sendJitterMaxUs=%d cpuPercentOfOneCore=%.1f threads=%d"
              + " loadAverage=%.1f%n",
          calls,
          seconds,
          sent,
          received,
          lost,
          timing.p50Micros(),
          timing.p99Micros(),
          timing.maxMicros(),
          cpuPercent,
          threadCount,
          os.getSystemLoadAverage());
      phones.haltAll();
    }
  }

  /** Each phone's call's RTP statistics now, empty for a phone not in a call. */
  private static List<Optional<CallStats>> stats(BenchPhones phones, List<CallMedia> media)
      throws Exception {
    List<Optional<CallStats>> all = new ArrayList<>();
    for (int i = 0; i < phones.size(); i++) {
      CallMedia m = media.get(i);
      all.add(
          phones.on(
              i,
              ua ->
                  ua.call(1)
                      .flatMap(call -> m.stream(call.localRtpPort()))
                      .map(stream -> stream.stats())));
    }
    return all;
  }
}
