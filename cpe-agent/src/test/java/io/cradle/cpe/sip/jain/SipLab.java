package io.cradle.cpe.sip.jain;

import static org.junit.jupiter.api.Assertions.fail;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.sip.MediaPort;
import io.cradle.cpe.sip.SipUserAgent;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cpe.time.Timebase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the real-time SIP tests share: the JVM's one JAIN-SIP stack, a real-time timebase for the
 * phones, and a way to look at a phone from its own thread and wait for it. Public for sim-fleet's
 * tests (cpe-agent's test-jar).
 */
public final class SipLab implements AutoCloseable {

  public final JainSipHost host;
  public final Timebase timebase = Timebase.realTime();

  /** The phones {@link #phone} started, halted by {@link #close()}. */
  private final List<LabPhone> phones = new CopyOnWriteArrayList<>();

  /** What the peer wrote, shown when a wait times out. */
  private final Supplier<String> peerLog;

  private SipLab(JainSipHost host, Supplier<String> peerLog) {
    this.host = host;
    this.peerLog = peerLog;
  }

  /** Each phone listens on its own address, where a peer can call it without a registrar. */
  static SipLab ownAddresses(Supplier<String> peerLog) {
    return new SipLab(JainSipHost.start(), peerLog);
  }

  /** All phones share one SIP address, as in a fleet; peers reach them through a registrar. */
  public static SipLab sharedAddress(Supplier<String> peerLog) throws java.io.IOException {
    return new SipLab(
        JainSipHost.shared(new io.cradle.cpe.sip.HostPort("127.0.0.1", Kamailio.freePort())),
        peerLog);
  }

  /** Runs {@code what} on the phone's scheduler thread, where its SIP state lives. */
  public static <T> T on(Scheduler scheduler, Supplier<T> what) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    scheduler.schedule(
        Duration.ZERO,
        () -> {
          try {
            result.complete(what.get());
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    return result.get(5, TimeUnit.SECONDS);
  }

  public static void on(Scheduler scheduler, Runnable what) throws Exception {
    on(
        scheduler,
        () -> {
          what.run();
          return null;
        });
  }

  /** Waits up to 15 s for {@code condition}, read on the phone's thread. */
  public void await(String what, Scheduler scheduler, Supplier<Boolean> condition)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!on(scheduler, condition)) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what + "; peer log:\n" + peerLog.get());
      }
      Thread.sleep(20);
    }
  }

  /** A phone's SIP side: its user agent, the scheduler its state lives on, what it reported. */
  public record LabPhone(
      SipUserAgent ua, Scheduler scheduler, List<PhoneEvent> events, SipLab lab) {

    /** Reads {@code what} on the phone's thread. */
    public <T> T read(Supplier<T> what) throws Exception {
      return on(scheduler, what);
    }

    /** Waits up to 15 s for {@code condition}, read on the phone's thread. */
    public void await(String what, Supplier<Boolean> condition) throws Exception {
      lab.await(what, scheduler, condition);
    }
  }

  /**
   * Starts the SIP user agent of a phone whose account 1 registers {@code user} with {@code
   * password} to {@code server} ({@code host:port}), display name {@code Phone <user>}, plus the
   * {@code extra} P-values; {@link #close()} halts it.
   */
  public LabPhone phone(String server, String user, String password, Map<String, String> extra)
      throws Exception {
    PValueStore store = new PValueStore(PValueCatalog.wp820());
    Map<String, String> p = new HashMap<>();
    p.put("P271", "1");
    p.put("P47", server);
    p.put("P35", user);
    p.put("P34", password);
    p.put("P3", "Phone " + user);
    p.putAll(extra);
    store.setAll(p);
    Scheduler scheduler = timebase.scheduler("sip-" + user);
    List<PhoneEvent> events = new CopyOnWriteArrayList<>();
    SipUserAgent ua =
        new SipUserAgent(
            store,
            host,
            "127.0.0.1",
            scheduler,
            new SplittableRandom(user.hashCode()),
            "1.0.7.81",
            MediaPort.NONE,
            (event, variables) -> events.add(event));
    LabPhone phone = new LabPhone(ua, scheduler, events, this);
    phones.add(phone);
    on(scheduler, ua::start);
    return phone;
  }

  @Override
  public void close() {
    for (LabPhone phone : phones) {
      try {
        on(phone.scheduler(), phone.ua()::halt);
      } catch (Exception ignored) {
        // the stack goes down next anyway
      }
    }
    host.close();
    timebase.close();
  }
}
