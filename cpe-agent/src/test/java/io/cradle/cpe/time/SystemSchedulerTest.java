package io.cradle.cpe.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real-time checks with generous deadlines: they wait on latches, never on fixed sleeps. */
class SystemSchedulerTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final long DEADLINE_SECONDS = 2;

  private final List<Timebase> timebases = new ArrayList<>();
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();

  @AfterEach
  void closeTimebases() {
    timebases.forEach(Timebase::close);
  }

  private Timebase timebase(double speed) {
    Timebase timebase =
        new Timebase(
            START, speed, 2, (name, error) -> failures.add(name + ": " + error.getMessage()));
    timebases.add(timebase);
    return timebase;
  }

  @Test
  void taskRunsAtRealSpeed() throws InterruptedException {
    Timebase timebase = Timebase.realTime();
    timebases.add(timebase);
    CountDownLatch ran = new CountDownLatch(1);

    timebase.scheduler("phone").schedule(Duration.ofMillis(20), ran::countDown);

    assertTrue(ran.await(DEADLINE_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void scaledClockRunsSimulatedMinutesInMilliseconds() throws InterruptedException {
    SystemScheduler phone = timebase(1000).scheduler("phone");
    Instant due = phone.now().plus(Duration.ofSeconds(60));
    AtomicReference<Instant> ranAt = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);

    phone.scheduleAt(
        due,
        () -> {
          ranAt.set(phone.clock().instant());
          ran.countDown();
        });

    assertTrue(ran.await(DEADLINE_SECONDS, TimeUnit.SECONDS));
    assertFalse(ranAt.get().isBefore(due), "ran at " + ranAt.get() + ", due " + due);
  }

  @Test
  void tasksOfOnePhoneNeverOverlap() throws InterruptedException {
    SystemScheduler phone = timebase(1).scheduler("phone");
    int tasks = 1000;
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    int[] unguarded = new int[1]; // plain field: each task must see the previous task's write
    CountDownLatch done = new CountDownLatch(tasks);
    Runnable task =
        () -> {
          if (running.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
          }
          unguarded[0]++;
          busyFor(Duration.ofNanos(20_000)); // widen the window in which an overlap would show
          running.decrementAndGet();
          done.countDown();
        };

    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      producers.add(
          new Thread(
              () -> {
                for (int i = 0; i < tasks / 4; i++) {
                  phone.schedule(
                      Duration.ofMillis(ThreadLocalRandom.current().nextInt(0, 20)), task);
                }
              }));
    }
    producers.forEach(Thread::start);
    for (Thread producer : producers) {
      producer.join();
    }

    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertEquals(0, overlaps.get());
    assertEquals(tasks, unguarded[0]);
  }

  @Test
  void differentPhonesRunInParallel() throws InterruptedException {
    Timebase timebase = timebase(1);
    CountDownLatch otherPhoneRan = new CountDownLatch(1);
    AtomicBoolean sawOtherPhone = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);

    timebase
        .scheduler("blocked")
        .schedule(
            Duration.ZERO,
            () -> {
              try {
                sawOtherPhone.set(otherPhoneRan.await(DEADLINE_SECONDS, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              done.countDown();
            });
    timebase.scheduler("other").schedule(Duration.ofMillis(10), otherPhoneRan::countDown);

    assertTrue(done.await(5, TimeUnit.SECONDS));
    assertTrue(sawOtherPhone.get());
  }

  @Test
  void failingTaskIsReportedAndLaterTasksRun() throws InterruptedException {
    SystemScheduler phone = timebase(1).scheduler("000B82A1B2C3");
    CountDownLatch later = new CountDownLatch(3);

    phone.schedule(
        Duration.ZERO,
        () -> {
          throw new IllegalStateException("boom");
        });
    phone.schedule(Duration.ofMillis(10), later::countDown);
    phone.every(
        Duration.ofMillis(5),
        () -> {
          later.countDown();
          throw new IllegalStateException("periodic boom");
        });

    assertTrue(later.await(DEADLINE_SECONDS, TimeUnit.SECONDS));
    assertTrue(failures.contains("000B82A1B2C3: boom"), failures::toString);
    assertTrue(failures.contains("000B82A1B2C3: periodic boom"), failures::toString);
  }

  @Test
  void cancelledTaskNeverRuns() throws InterruptedException {
    SystemScheduler phone = timebase(1).scheduler("phone");
    AtomicBoolean cancelledRan = new AtomicBoolean();
    CountDownLatch after = new CountDownLatch(1);

    Cancellable task = phone.schedule(Duration.ofMillis(20), () -> cancelledRan.set(true));
    assertTrue(task.cancel());
    assertFalse(task.cancel());
    phone.schedule(Duration.ofMillis(40), after::countDown);

    assertTrue(after.await(DEADLINE_SECONDS, TimeUnit.SECONDS));
    assertFalse(cancelledRan.get());
  }

  @Test
  void closeStopsTheThreads() throws InterruptedException {
    Timebase timebase = timebase(1);
    SystemScheduler phone = timebase.scheduler("phone");
    CountDownLatch ran = new CountDownLatch(1);
    phone.schedule(Duration.ZERO, ran::countDown);
    assertTrue(ran.await(DEADLINE_SECONDS, TimeUnit.SECONDS));

    timebase.close();

    assertTrue(timebase.isTerminated());
    assertThrows(RejectedExecutionException.class, () -> phone.schedule(Duration.ZERO, () -> {}));
  }

  @Test
  void fiveThousandPhonesShareTheTimerThreads() throws InterruptedException {
    Timebase timebase = timebase(1);
    CountDownLatch warm = new CountDownLatch(2);
    timebase.scheduler("warm-up").schedule(Duration.ZERO, warm::countDown);
    timebase.scheduler("warm-up").schedule(Duration.ofMillis(1), warm::countDown);
    assertTrue(warm.await(DEADLINE_SECONDS, TimeUnit.SECONDS));
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

    int phones = 5000;
    CountDownLatch ran = new CountDownLatch(phones);
    for (int i = 0; i < phones; i++) {
      timebase.scheduler("phone-" + i).schedule(Duration.ofMillis(i % 50), ran::countDown);
    }

    assertTrue(ran.await(10, TimeUnit.SECONDS));
    int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
    assertTrue(
        threadsAfter <= threadsBefore + 2,
        "threads before " + threadsBefore + ", after " + threadsAfter);
    assertTrue(timerThreads() <= 2, () -> timerThreads() + " timer threads");
  }

  private static long timerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("cradle-timebase-"))
        .count();
  }

  private static void busyFor(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
