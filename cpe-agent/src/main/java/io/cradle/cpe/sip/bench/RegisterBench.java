package io.cradle.cpe.sip.bench;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.sip.HostPort;
import io.cradle.cpe.sip.MediaPort;
import io.cradle.cpe.sip.Registration;
import io.cradle.cpe.sip.SipEvents;
import io.cradle.cpe.sip.SipUserAgent;
import io.cradle.cpe.sip.jain.JainSipHost;
import io.cradle.cpe.time.SystemScheduler;
import io.cradle.cpe.time.Timebase;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
    PValueCatalog catalog = PValueCatalog.wp820();
    List<SipUserAgent> agents = new ArrayList<>();
    List<SystemScheduler> schedulers = new ArrayList<>();
    long start;
    try (Timebase timebase = Timebase.realTime();
        JainSipHost stack = JainSipHost.shared(new HostPort(host, sipPort))) {
      start = System.nanoTime();
      for (int i = 0; i < phones; i++) {
        PValueStore store = new PValueStore(catalog);
        store.setAll(
            Map.of(
                "P271",
                "1",
                "P47",
                registrar,
                "P35",
                "bench" + i,
                "P34",
                "bench",
                "P32",
                "1",
                "P2330",
                "50",
                "P130",
                Integer.toString(transportCode)));
        SystemScheduler scheduler = timebase.scheduler("bench" + i);
        SipUserAgent ua =
            new SipUserAgent(
                store,
                stack,
                host,
                scheduler,
                new SplittableRandom(System.nanoTime() + i),
                "1.0.7.81",
                MediaPort.NONE,
                SipEvents.NONE);
        call(
            scheduler,
            () -> {
              ua.start();
              return null;
            });
        agents.add(ua);
        schedulers.add(scheduler);
      }
      double started = (System.nanoTime() - start) / 1e9;
      double registered = awaitAll(agents, schedulers, 1, start, Duration.ofSeconds(120));
      long refreshStart = System.nanoTime();
      double refreshed = awaitAll(agents, schedulers, 2, start, Duration.ofSeconds(120));
      int peakThreads = threads.getPeakThreadCount();
      int nowThreads = threads.getThreadCount();
      System.gc();
      Thread.sleep(200);
      System.gc();
      Runtime rt = Runtime.getRuntime();
      long heap = rt.totalMemory() - rt.freeMemory();
      long failed = count(agents, schedulers, r -> r.state() == Registration.State.FAILED);
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
      for (int i = 0; i < agents.size(); i++) {
        SipUserAgent ua = agents.get(i);
        call(
            schedulers.get(i),
            () -> {
              ua.halt();
              return null;
            });
      }
      System.out.printf("ports closed in %.1f s%n", (System.nanoTime() - stopStart) / 1e9);
    }
  }

  /** Seconds from {@code start} until every phone had {@code successes} accepted REGISTERs. */
  private static double awaitAll(
      List<SipUserAgent> agents,
      List<SystemScheduler> schedulers,
      long successes,
      long start,
      Duration limit)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      long behind = count(agents, schedulers, r -> r.successes() < successes);
      if (behind == 0) {
        return (System.nanoTime() - start) / 1e9;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            behind + " phones short of " + successes + " registrations after " + limit);
      }
      Thread.sleep(100);
    }
  }

  private static long count(
      List<SipUserAgent> agents,
      List<SystemScheduler> schedulers,
      java.util.function.Predicate<Registration> which)
      throws Exception {
    long n = 0;
    for (int i = 0; i < agents.size(); i++) {
      SipUserAgent ua = agents.get(i);
      if (call(schedulers.get(i), () -> ua.registration(1).map(which::test).orElse(false))) {
        n++;
      }
    }
    return n;
  }

  private static <T> T call(SystemScheduler scheduler, Supplier<T> what) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    scheduler.schedule(Duration.ZERO, () -> result.complete(what.get()));
    return result.get(10, TimeUnit.SECONDS);
  }
}
