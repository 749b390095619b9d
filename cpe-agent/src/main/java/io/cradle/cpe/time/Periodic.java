package io.cradle.cpe.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** A fixed-rate repetition built from one-shot tasks, so every scheduler gets it for free. */
final class Periodic implements Runnable, Cancellable {

  private final Scheduler scheduler;
  private final Duration period;
  private final Runnable task;
  // Cancel may come from another thread (a live fleet's operator), runs come from the scheduler.
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private volatile Cancellable next;
  private Instant due;

  private Periodic(Scheduler scheduler, Duration period, Runnable task) {
    this.scheduler = scheduler;
    this.period = period;
    this.task = task;
  }

  static Periodic start(Scheduler scheduler, Duration period, Runnable task) {
    Objects.requireNonNull(task, "task");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, was " + period);
    }
    Periodic periodic = new Periodic(scheduler, period, task);
    periodic.due = scheduler.now().plus(period);
    periodic.next = scheduler.scheduleAt(periodic.due, periodic);
    return periodic;
  }

  @Override
  public void run() {
    if (cancelled.get()) {
      return;
    }
    due = due.plus(period);
    next = scheduler.scheduleAt(due, this);
    task.run();
  }

  @Override
  public boolean cancel() {
    if (!cancelled.compareAndSet(false, true)) {
      return false;
    }
    // A run racing with this cancel may book one more wake-up; run() sees the flag and ignores it.
    next.cancel();
    return true;
  }
}
