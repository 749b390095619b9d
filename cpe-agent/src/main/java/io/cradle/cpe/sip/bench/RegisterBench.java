package io.cradle.cpe.sip.bench;

import io.cradle.cpe.sip.HostPort;
import io.cradle.cpe.sip.MediaPort;
import io.cradle.cpe.sip.Registration;
import io.cradle.cpe.sip.SipUserAgent;
import io.cradle.cpe.sip.jain.JainSipHost;
import io.cradle.cpe.time.Timebase;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Registers N phones (default 1,000) in one JVM to a running registrar, all on the stack's one
 * shared SIP address (as a fleet runs them), waits until each has registered and refreshed once,
 * then prints registrations/s, threads and heap. Users are {@code bench<i>} with password {@code
 * bench} (what the test kamailio.cfg accepts).
 *
 * <pre>
 * java -cp cpe-agent/target/classes:... io.cradle.cpe.sip.bench.RegisterBench \
 *     --registrar 127.0.0.1:5070 --phones 1000 --sip-port 30000
 * </pre>
 *
 * Register Expiration is 1 minute and Re-register before Expiration 50 s, so the refresh comes 10 s
 * after the registration.
 */
public final class RegisterBench {

  private RegisterBench() {}

  public static void main(String[] args) throws Exception {
    String registrar = "127.0.0.1:5060";
    int phones = 1000;
    int sipPort = 30000;
    String host = "127.0.0.1";
    int transportCode = 0;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--registrar":
          registrar = args[i + 1];
          break;
        case "--phones":
          phones = Integer.parseInt(args[i + 1]);
          break;
        case "--sip-port":
          sipPort = Integer.parseInt(args[i + 1]);
          break;
        case "--host":
          host = args[i + 1];
          break;
        case "--tcp":
          transportCode = Boolean.parseBoolean(args[i + 1]) ? 1 : 0;
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int threadsBefore = threads.getThreadCount();
    int transport = transportCode;
    try (Timebase timebase = Timebase.realTime();
        JainSipHost stack = JainSipHost.shared(new HostPort(host, sipPort))) {
      long start = System.nanoTime();
      BenchPhones bench =
          new BenchPhones(
              phones,
              registrar,
              host,
              stack,
              timebase,
              i -> Map.of("P32", "1", "P2330", "50", "P130", Integer.toString(transport)),
              i -> MediaPort.NONE);
      double started = (System.nanoTime() - start) / 1e9;
      Duration limit = Duration.ofSeconds(120);
      double registered = bench.awaitAll("1 registration", successes(1), start, limit);
      long refreshStart = System.nanoTime();
      double refreshed = bench.awaitAll("2 registrations", successes(2), start, limit);
      int peakThreads = threads.getPeakThreadCount();
      int nowThreads = threads.getThreadCount();
      System.gc();
      Thread.sleep(200);
      System.gc();
      Runtime rt = Runtime.getRuntime();
      long heap = rt.totalMemory() - rt.freeMemory();
      long failed = bench.countRegistrations(r -> r.state() == Registration.State.FAILED);
      System.out.printf(
          "phones %d, SIP ports %d on %d socket(s), registered in %.1f s (%.0f registrations/s),"
              + " all refreshed %.1f s after start (%d registrations in all), failed now %d%n",
          phones,
          stack.portCount(),
          stack.listeningPointCount(),
          registered,
          phones / registered,
          refreshed,
          2L * phones,
          failed);
      System.out.printf(
          "threads: %d before, %d now, %d peak (%.2f per phone); heap after GC %.1f MB"
              + " (%.1f KB per phone, stack and all)%n",
          threadsBefore,
          nowThreads,
          peakThreads,
          (nowThreads - threadsBefore) / (double) phones,
          heap / 1e6,
          heap / 1e3 / phones);
      System.out.printf(
          "ports opened and first REGISTERs sent in %.1f s; refresh round %.1f s after the last"
              + " first registration%n",
          started, (System.nanoTime() - refreshStart) / 1e9);
      long stopStart = System.nanoTime();
      bench.haltAll();
      System.out.printf("ports closed in %.1f s%n", (System.nanoTime() - stopStart) / 1e9);
    }
  }

  /** A phone whose registrar accepted {@code n} REGISTERs (the first and the refreshes). */
  private static Predicate<SipUserAgent> successes(long n) {
    return ua -> ua.registration(1).map(r -> r.successes() >= n).orElse(false);
  }
}
