package io.cradle.cpe.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The time of a live run: one clock, optionally sped up, and one small timer pool shared by every
 * phone in the JVM, so a fleet of thousands of phones costs a couple of threads, not thousands.
 *
 * <p>Each phone gets a {@link SystemScheduler} view from {@link #scheduler(String)}; views are
 * cheap objects with no threads of their own. Tasks run on the shared threads and should be short:
 * a task that blocks holds up other phones. {@link #close()} stops the threads.
 */
public final class Timebase implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Timebase.class.getName());
  private static final int DEFAULT_THREADS = 2;
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final Instant origin;
  private final long originNanos;
  private final double speed;
  private final BiConsumer<String, Throwable> onFailure;
  private final ScheduledThreadPoolExecutor timer;
  private final Clock clock = new SchedulerClock(this::now);

  /**
   * Starts a timebase whose clock reads {@code origin} now and then runs {@code speed} times as
   * fast as real time; a task that throws is reported to {@code onFailure} with its scheduler's
   * name, and the timer goes on.
   */
  public Timebase(
      Instant origin, double speed, int threads, BiConsumer<String, Throwable> onFailure) {
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be positive and finite, was " + speed);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    this.origin = Objects.requireNonNull(origin, "origin");
    this.originNanos = System.nanoTime();
    this.speed = speed;
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    this.timer = new ScheduledThreadPoolExecutor(threads, threadFactory());
    // Phones re-arm timeouts all the time; without this a cancelled task waits out its delay.
    timer.setRemoveOnCancelPolicy(true);
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** A timebase on the wall clock at real speed, logging failing tasks. */
  public static Timebase realTime() {
    return scaled(Instant.now(), 1.0);
  }

  /** A timebase starting at {@code origin} and running {@code speed} times real time. */
  public static Timebase scaled(Instant origin, double speed) {
    return new Timebase(origin, speed, DEFAULT_THREADS, Timebase::log);
  }

  /**
   * A new scheduler for one phone; {@code name} (e.g. its MAC) identifies it in failure reports.
   */
  public SystemScheduler scheduler(String name) {
    return new SystemScheduler(Objects.requireNonNull(name, "name"), this);
  }

  /** The shared clock, in simulated time. */
  public Clock clock() {
    return clock;
  }

  /** How many simulated seconds pass per real second. */
  public double speed() {
    return speed;
  }

  /** Whether {@link #close()} has stopped every timer thread. */
  public boolean isTerminated() {
    return timer.isTerminated();
  }

  /** Stops the timer threads; pending tasks never run. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warning("timer threads still busy 10 s after close; a task is blocking");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Instant now() {
    long elapsed = System.nanoTime() - originNanos;
    return origin.plusNanos((long) (elapsed * speed));
  }

  /** Runs {@code action} on a timer thread after {@code delay} of simulated time. */
  ScheduledFuture<?> after(Duration delay, Runnable action) {
    double simulatedNanos = delay.getSeconds() * 1e9 + delay.getNano();
    // Round up, so the clock never reads earlier than the due instant when the task runs.
    double realNanos = Math.ceil(simulatedNanos / speed);
    long nanos = (long) Math.max(0, Math.min(realNanos, Long.MAX_VALUE / 2.0));
    return timer.schedule(action, nanos, TimeUnit.NANOSECONDS);
  }

  void failed(String scheduler, Throwable error) {
    try {
      onFailure.accept(scheduler, error);
    } catch (RuntimeException e) {
      // A broken handler must not leave the phone's queue marked busy forever.
      error.addSuppressed(e);
      log(scheduler, error);
    }
  }

  private static void log(String scheduler, Throwable error) {
    LOG.log(Level.WARNING, "A scheduled task of " + scheduler + " failed", error);
  }

  private static ThreadFactory threadFactory() {
    String prefix = "cradle-timebase-" + POOLS.incrementAndGet() + "-";
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      // A forgotten timebase must not keep the JVM alive.
      thread.setDaemon(true);
      return thread;
    };
  }
}
