package io.cradle.fleet.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT/SIGTERM) as a request to stop: the shutdown hook marks the run as stopping and
 * then waits (at most {@link #GRACE_SECONDS}) until the main thread has shut the phones down and
 * written its summary and report, because the JVM exits as soon as its hooks return.
 */
public final class StopSignal {

  static final long GRACE_SECONDS = 45;

  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean requested;
  private volatile boolean fromSignal;
  private Thread hook;

  /** A stop signal that Ctrl-C raises. */
  public static StopSignal onShutdown() {
    StopSignal signal = new StopSignal();
    signal.hook =
        new Thread(
            () -> {
              signal.fromSignal = true;
              signal.requested = true;
              try {
                signal.done.await(GRACE_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "sim-fleet-shutdown");
    Runtime.getRuntime().addShutdownHook(signal.hook);
    return signal;
  }

  /** A stop signal only {@link #request()} raises (tests, embedding). */
  public static StopSignal manual() {
    return new StopSignal();
  }

  /** Asks the run to stop. */
  public void request() {
    requested = true;
  }

  public boolean requested() {
    return requested;
  }

  /** Whether the JVM is shutting down (Ctrl-C): then it must not call {@code System.exit}. */
  public boolean fromSignal() {
    return fromSignal;
  }

  /** The main thread has cleaned up: the hook may return and the JVM exit. */
  public void done() {
    done.countDown();
    if (hook != null && !fromSignal) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Shutdown started after all: the hook returns at once since done() counted down.
      }
    }
  }
}
