package io.cradle.cpe.media.bench;

import io.cradle.cpe.media.CallStats;
import io.cradle.cpe.media.Codec;
import io.cradle.cpe.media.Goertzel;
import io.cradle.cpe.media.MediaEngine;
import io.cradle.cpe.media.MediaParameters;
import io.cradle.cpe.media.PortRange;
import io.cradle.cpe.media.RtpStream;
import io.cradle.cpe.media.SendTiming;
import io.cradle.cpe.media.ToneGenerator;
import io.cradle.cpe.media.WavFile;
import io.cradle.cpe.media.WavRecorder;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Media benchmark (not a test): N phone-to-phone G.711 calls on loopback, 50 packets/s each way, in
 * one JVM on one {@link MediaEngine}. Prints packets sent/received/lost, the pacer's send-time
 * deviation from the ideal 20 ms schedule (p50/p99/max), process CPU and thread count, and a {@code
 * RESULT} line.
 *
 * <p>Run: {@code java -cp cpe-agent/target/classes io.cradle.cpe.media.bench.MediaBench [pairs]
 * [seconds]} (defaults 100 and 30; 2 s of warm-up are not measured).
 */
public final class MediaBench {

  private MediaBench() {}

  public static void main(String[] args) throws Exception {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int warmupSeconds = 2;
    InetAddress local = InetAddress.getLoopbackAddress();
    PortRange ports = new PortRange(30000, 30000 + 4 * pairs + 99);
    WavFile tone = new WavFile(8000, ToneGenerator.sine(1000).samples(8000));
    MediaParameters g711 = MediaParameters.of(Codec.PCMU, 20, 101);

    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threadsBean = ManagementFactory.getThreadMXBean();
    List<RtpStream> streams = new ArrayList<>();
    WavRecorder probe = new WavRecorder();
    try (MediaEngine engine = MediaEngine.start(1)) {
      for (int i = 0; i < pairs; i++) {
        RtpStream caller = engine.open(local, ports);
        RtpStream callee = engine.open(local, ports);
        caller.connect(callee.localAddress(), g711);
        callee.connect(caller.localAddress(), g711);
        caller.play(tone.source(true));
        callee.play(tone.source(true));
        if (i == 0) {
          callee.record(probe);
        }
        streams.add(caller);
        streams.add(callee);
      }
      Thread.sleep(warmupSeconds * 1000L);
      List<CallStats> before = new ArrayList<>();
      for (RtpStream s : streams) {
        before.add(s.stats());
      }
      engine.resetSendTiming();
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long cpu = os.getProcessCpuTime() - cpu0;
      long wall = System.nanoTime() - wall0;
      SendTiming timing = engine.sendTiming();
      int threads = threadsBean.getThreadCount();
      long sent = 0;
      long received = 0;
      long lost = 0;
      long late = 0;
      double mosMin = 5;
      double jitterMax = 0;
      for (int i = 0; i < streams.size(); i++) {
        CallStats s = streams.get(i).stats();
        CallStats b = before.get(i);
        sent += s.packetsSent() - b.packetsSent();
        received += s.packetsReceived() - b.packetsReceived();
        lost += s.packetsLost() - b.packetsLost();
        late += s.late() - b.late();
        mosMin = Math.min(mosMin, s.mos());
        jitterMax = Math.max(jitterMax, s.jitterMs());
      }
      for (RtpStream s : streams) {
        s.close();
      }
      short[] heard = probe.samples();
      double toneShare =
          heard.length >= 8000 ? Goertzel.relativePower(heard, heard.length - 8000, 8000, 1000) : 0;
      double cpuPercent = 100.0 * cpu / wall;
      double expected = 2.0 * pairs * 50 * wall / 1e9;
      System.out.printf(
          Locale.ROOT,
          "pairs %d, %d s measured (after %d s warm-up), G.711 PCMU 20 ms, %d streams%n",
          pairs,
          seconds,
          warmupSeconds,
          streams.size());
      System.out.printf(
          Locale.ROOT,
          "packets sent %d (ideal %.0f), received %d, lost %d, late %d%n",
          sent,
          expected,
          received,
          lost,
          late);
      System.out.printf(
          Locale.ROOT,
          "send-time deviation from the 20 ms schedule: p50 %d µs, p99 %d µs, max %d µs over %d"
              + " sends (%d resyncs); pacer thread busy %.1f%% of the time%n",
          timing.p50Micros(),
          timing.p99Micros(),
          timing.maxMicros(),
          timing.sends(),
          timing.resynced(),
          timing.pacerBusyPercent());
      System.out.printf(
          Locale.ROOT,
          "CPU %.1f%% of one core (%d cores, system load average %.1f), %d JVM threads; worst interarrival jitter %.2f ms,"
              + " worst MOS %.2f; 1 kHz share at pair 0's callee %.3f%n",
          cpuPercent,
          Runtime.getRuntime().availableProcessors(),
          os.getSystemLoadAverage(),
          threads,
          jitterMax,
          mosMin,
          toneShare);
      System.out.printf(
          Locale.ROOT,
          "RESULT pairs=%d seconds=%d sent=%d received=%d lost=%d late=%d sendJitterP50us=%d"
              + " sendJitterP99us=%d sendJitterMaxUs=%d cpuPercentOfOneCore=%.1f pacerBusyPercent=%.1f threads=%d loadAverage=%.1f%n",
          pairs,
          seconds,
          sent,
          received,
          lost,
          late,
          timing.p50Micros(),
          timing.p99Micros(),
          timing.maxMicros(),
          cpuPercent,
          timing.pacerBusyPercent(),
          threads,
          os.getSystemLoadAverage());
    }
  }
}
