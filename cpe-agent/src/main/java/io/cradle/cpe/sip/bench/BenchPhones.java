package io.cradle.cpe.sip.bench;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.sip.MediaPort;
import io.cradle.cpe.sip.Registration;
import io.cradle.cpe.sip.SipEvents;
import io.cradle.cpe.sip.SipUserAgent;
import io.cradle.cpe.sip.jain.JainSipHost;
import io.cradle.cpe.time.SystemScheduler;
import io.cradle.cpe.time.Timebase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The SIP benches' phones: user agents {@code bench<i>} (password {@code bench}, what the test
 * kamailio.cfg accepts) registering to one registrar through one shared {@link JainSipHost}, each
 * on its own scheduler of one {@link Timebase}, looked at from their own threads.
 */
final class BenchPhones {

  private static final PValueCatalog CATALOG = PValueCatalog.wp820();

  private final List<SipUserAgent> agents = new ArrayList<>();
  private final List<SystemScheduler> schedulers = new ArrayList<>();

  /**
   * Builds and starts {@code count} phones one after the other.
   *
   * @param settings each phone's P-values beyond server and credentials, by index
   * @param media each phone's media, by index
   */
  BenchPhones(
      int count,
      String registrar,
      String host,
      JainSipHost stack,
      Timebase timebase,
      IntFunction<Map<String, String>> settings,
      IntFunction<MediaPort> media)
      throws Exception {
    for (int i = 0; i < count; i++) {
      PValueStore store = new PValueStore(CATALOG);
      Map<String, String> p = new HashMap<>(settings.apply(i));
      p.put("P271", "1");
      p.put("P47", registrar);
      p.put("P35", "bench" + i);
      p.put("P34", "bench");
      store.setAll(p);
      SystemScheduler scheduler = timebase.scheduler("bench" + i);
      SipUserAgent ua =
          new SipUserAgent(
              store,
              stack,
              host,
              scheduler,
              new SplittableRandom(System.nanoTime() + i),
              "1.0.7.81",
              media.apply(i),
              SipEvents.NONE);
      agents.add(ua);
      schedulers.add(scheduler);
      run(i, SipUserAgent::start);
    }
  }

  int size() {
    return agents.size();
  }

  /** Runs {@code what} on phone {@code i}'s scheduler and returns its result. */
  <T> T on(int i, Function<SipUserAgent, T> what) throws Exception {
    SipUserAgent ua = agents.get(i);
    CompletableFuture<T> result = new CompletableFuture<>();
    schedulers
        .get(i)
        .schedule(
            Duration.ZERO,
            () -> {
              try {
                result.complete(what.apply(ua));
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            });
    return result.get(10, TimeUnit.SECONDS);
  }

  /** Runs {@code what} on phone {@code i}'s scheduler. */
  void run(int i, java.util.function.Consumer<SipUserAgent> what) throws Exception {
    on(
        i,
        ua -> {
          what.accept(ua);
          return null;
        });
  }

  /** How many phones {@code which} holds for, each read on its own thread. */
  long count(Predicate<SipUserAgent> which) throws Exception {
    long n = 0;
    for (int i = 0; i < agents.size(); i++) {
      if (on(i, which::test)) {
        n++;
      }
    }
    return n;
  }

  /** How many phones' account 1 registration {@code which} holds for. */
  long countRegistrations(Predicate<Registration> which) throws Exception {
    return count(ua -> ua.registration(1).map(which::test).orElse(false));
  }

  /**
   * Seconds from {@code start} (a {@link System#nanoTime()}) until {@code which} holds for every
   * phone, checked every 100 ms.
   *
   * @throws IllegalStateException naming how many fell short after {@code limit}
   */
  double awaitAll(String what, Predicate<SipUserAgent> which, long start, Duration limit)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      long behind = agents.size() - count(which);
      if (behind == 0) {
        return (System.nanoTime() - start) / 1e9;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(behind + " phones short of " + what + " after " + limit);
      }
      Thread.sleep(100);
    }
  }

  /** Powers every phone's SIP off without a word. */
  void haltAll() throws Exception {
    for (int i = 0; i < agents.size(); i++) {
      run(i, SipUserAgent::halt);
    }
  }
}
