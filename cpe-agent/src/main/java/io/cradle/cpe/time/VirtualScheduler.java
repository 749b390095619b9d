package io.cradle.cpe.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A deterministic discrete-event scheduler: virtual time moves only when the caller runs it.
 *
 * <p>Events are ordered by (time, sequence number), so tasks due at the same instant run in the
 * order they were scheduled. {@link #runUntil} runs them on the caller's thread; there are no
 * threads and no sleeping. A task that throws stops the run and the exception reaches the caller,
 * with time at that task's instant, so a broken model fails its test loudly.
 *
 * <p>Cancelled events stay in the queue and are skipped when they come up (lazy removal), because
 * removing from the middle of a heap costs linear time; when they outnumber the live events the
 * queue is swept once, so a model that keeps re-arming a long timeout cannot grow it without bound.
 * {@link #pendingCount} counts only live events. Not thread-safe: one simulation belongs to one
 * thread.
 */
public final class VirtualScheduler implements Scheduler {

  private static final int SWEEP_THRESHOLD = 1024;
  private static final Comparator<Event> ORDER =
      Comparator.comparing(Event::time).thenComparingLong(Event::sequence);

  private final PriorityQueue<Event> queue = new PriorityQueue<>(ORDER);
  private final Clock clock = new SchedulerClock(this::now);
  private Instant now;
  private long nextSequence;
  private int pending;
  private boolean running;

  /** Creates a scheduler whose virtual time starts at {@code start}. */
  public VirtualScheduler(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    return scheduleAt(now.plus(delay), task);
  }

  @Override
  public Cancellable scheduleAt(Instant at, Runnable task) {
    Objects.requireNonNull(task, "task");
    Instant time = at.isBefore(now) ? now : at;
    Event event = new Event(time, nextSequence++, task);
    queue.add(event);
    pending++;
    return event;
  }

  /** Runs every task due at or before {@code target}, then leaves time exactly at the target. */
  public void runUntil(Instant target) {
    if (target.isBefore(now)) {
      throw new IllegalArgumentException("cannot run back in time from " + now + " to " + target);
    }
    if (running) {
      // A task advancing time under its own feet would reorder events behind its caller's back.
      throw new IllegalStateException("runUntil called from inside a scheduled task");
    }
    running = true;
    try {
      Event event;
      while ((event = queue.peek()) != null && !event.time().isAfter(target)) {
        queue.poll();
        if (event.cancelled) {
          continue;
        }
        event.done = true;
        pending--;
        now = event.time();
        event.task().run();
      }
      now = target;
    } finally {
      running = false;
    }
  }

  /** Runs for {@code duration} of virtual time from now. */
  public void runFor(Duration duration) {
    runUntil(now.plus(duration));
  }

  /** The number of tasks scheduled and neither run nor cancelled. */
  public int pendingCount() {
    return pending;
  }

  private final class Event implements Cancellable {
    private final Instant time;
    private final long sequence;
    private final Runnable task;
    private boolean cancelled;
    private boolean done;

    Event(Instant time, long sequence, Runnable task) {
      this.time = time;
      this.sequence = sequence;
      this.task = task;
    }

    Instant time() {
      return time;
    }

    long sequence() {
      return sequence;
    }

    Runnable task() {
      return task;
    }

    @Override
    public boolean cancel() {
      if (cancelled || done) {
        return false;
      }
      cancelled = true;
      pending--;
      int garbage = queue.size() - pending;
      if (garbage > SWEEP_THRESHOLD && garbage > pending) {
        queue.removeIf(e -> e.cancelled);
      }
      return true;
    }
  }
}
