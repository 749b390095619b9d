package io.cradle.cpe.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time source of one phone: its clock and a way to run tasks later.
 *
 * <p>Tasks of one scheduler never run concurrently, so a phone's models need no locks. A task due
 * in the past runs as soon as possible, as {@link java.util.concurrent.ScheduledExecutorService}
 * treats a negative delay.
 */
public interface Scheduler {

  /** The phone's clock; models read time here and never from the wall clock. */
  Clock clock();

  /** The current instant of {@link #clock()}. */
  default Instant now() {
    return clock().instant();
  }

  /** Runs {@code task} once, {@code delay} after now. */
  Cancellable schedule(Duration delay, Runnable task);

  /** Runs {@code task} once, at {@code at}. */
  Cancellable scheduleAt(Instant at, Runnable task);

  /**
   * Runs {@code task} every {@code period}, first one period from now, at a fixed rate: a late run
   * does not shift the runs after it. The next run is booked before the task runs, so a task that
   * throws keeps its schedule.
   */
  default Cancellable every(Duration period, Runnable task) {
    return Periodic.start(this, period, task);
  }
}
