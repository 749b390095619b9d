package io.cradle.cpe.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One phone's scheduler in a live run: a thread-free view of a shared {@link Timebase}.
 *
 * <p>Due tasks go into this phone's queue; whichever timer thread finds the queue idle drains it,
 * so the phone's tasks run one at a time (each seeing the previous one's writes) while other phones
 * run on the other timer threads. Scheduling and cancelling are safe from any thread. A task that
 * throws is reported to the timebase's failure handler and the next task runs as usual.
 */
public final class SystemScheduler implements Scheduler {

  private final String name;
  private final Timebase timebase;
  private final Queue<Task> due = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();

  SystemScheduler(String name, Timebase timebase) {
    this.name = name;
    this.timebase = timebase;
  }

  /** The name this scheduler was created with. */
  public String name() {
    return name;
  }

  @Override
  public Clock clock() {
    return timebase.clock();
  }

  @Override
  public Instant now() {
    return timebase.now();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Task scheduled = new Task(Objects.requireNonNull(task, "task"));
    scheduled.timer = timebase.after(delay, () -> enqueue(scheduled));
    if (scheduled.state.get() == State.CANCELLED) {
      // Cancelled before the timer handle existed; drop the timer entry now rather than later.
      scheduled.timer.cancel(false);
    }
    return scheduled;
  }

  @Override
  public Cancellable scheduleAt(Instant at, Runnable task) {
    return schedule(Duration.between(now(), at), task);
  }

  private void enqueue(Task task) {
    due.add(task);
    if (draining.compareAndSet(false, true)) {
      drain();
    }
  }

  private void drain() {
    do {
      Task task;
      while ((task = due.poll()) != null) {
        task.runUnlessCancelled();
      }
      draining.set(false);
      // A task enqueued between the last poll and the reset would otherwise wait for the next one.
    } while (!due.isEmpty() && draining.compareAndSet(false, true));
  }

  private enum State {
    PENDING,
    RAN,
    CANCELLED
  }

  private final class Task implements Cancellable {
    private final Runnable action;
    private final AtomicReference<State> state = new AtomicReference<>(State.PENDING);
    private volatile ScheduledFuture<?> timer;

    Task(Runnable action) {
      this.action = action;
    }

    void runUnlessCancelled() {
      if (!state.compareAndSet(State.PENDING, State.RAN)) {
        return;
      }
      try {
        action.run();
      } catch (Throwable e) { // one phone's bug must not stop its later tasks or the fleet's timer
        timebase.failed(name, e);
      }
    }

    @Override
    public boolean cancel() {
      if (!state.compareAndSet(State.PENDING, State.CANCELLED)) {
        return false;
      }
      ScheduledFuture<?> handle = timer;
      if (handle != null) {
        handle.cancel(false);
      }
      return true;
    }
  }
}
