package io.cradle.cpe.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private final VirtualScheduler scheduler = new VirtualScheduler(START);
  private final List<String> log = new ArrayList<>();

  @Test
  void runsByTimeThenBySchedulingOrder() {
    scheduler.schedule(Duration.ofSeconds(2), () -> log.add("late"));
    scheduler.schedule(Duration.ofSeconds(1), () -> log.add("tie-1"));
    scheduler.schedule(Duration.ofSeconds(1), () -> log.add("tie-2"));
    scheduler.scheduleAt(START.plusSeconds(1), () -> log.add("tie-3"));

    scheduler.runFor(Duration.ofSeconds(5));

    assertEquals(List.of("tie-1", "tie-2", "tie-3", "late"), log);
  }

  @Test
  void taskScheduledAtTheCurrentInstantRunsInTheSameRun() {
    scheduler.schedule(
        Duration.ofSeconds(1),
        () -> {
          log.add("first at " + scheduler.now());
          scheduler.schedule(Duration.ZERO, () -> log.add("then at " + scheduler.now()));
        });

    scheduler.runUntil(START.plusSeconds(1));

    assertEquals(List.of("first at 2026-01-01T00:00:01Z", "then at 2026-01-01T00:00:01Z"), log);
  }

  @Test
  void taskDueInThePastRunsAtTheCurrentInstant() {
    scheduler.runFor(Duration.ofMinutes(1));
    scheduler.scheduleAt(START, () -> log.add("at " + scheduler.now()));

    scheduler.runUntil(scheduler.now());

    assertEquals(List.of("at 2026-01-01T00:01:00Z"), log);
  }

  @Test
  void cancelledTaskNeverRuns() {
    Cancellable task = scheduler.schedule(Duration.ofSeconds(1), () -> log.add("ran"));

    assertTrue(task.cancel());
    assertFalse(task.cancel());
    assertEquals(0, scheduler.pendingCount());
    scheduler.runFor(Duration.ofSeconds(2));

    assertEquals(List.of(), log);
  }

  @Test
  void cancelAfterRunReportsNothingPrevented() {
    Cancellable task = scheduler.schedule(Duration.ofSeconds(1), () -> log.add("ran"));
    scheduler.runFor(Duration.ofSeconds(1));

    assertFalse(task.cancel());
    assertEquals(List.of("ran"), log);
  }

  @Test
  void runUntilLeavesTimeExactlyAtTheTarget() {
    scheduler.schedule(Duration.ofSeconds(3), () -> {});
    Instant target = START.plus(Duration.ofSeconds(7).plusNanos(42));

    scheduler.runUntil(target);

    assertEquals(target, scheduler.now());
    assertEquals(target, scheduler.clock().instant());
    assertThrows(IllegalArgumentException.class, () -> scheduler.runUntil(START));
  }

  @Test
  void clockReflectsVirtualTimeInsideTasks() {
    List<Instant> seen = new ArrayList<>();
    scheduler.schedule(Duration.ofHours(2), () -> seen.add(scheduler.clock().instant()));

    scheduler.runFor(Duration.ofDays(1));

    assertEquals(List.of(START.plus(Duration.ofHours(2))), seen);
    assertEquals(START.plus(Duration.ofDays(1)), scheduler.clock().instant());
  }

  @Test
  void standbyOf150HoursWithA30SecondTimerRunsEveryTick() {
    AtomicInteger ticks = new AtomicInteger();
    scheduler.every(Duration.ofSeconds(30), ticks::incrementAndGet);

    scheduler.runFor(Duration.ofHours(150));

    assertEquals(150 * 120, ticks.get());
    assertEquals(1, scheduler.pendingCount());
  }

  @Test
  void periodicTaskRunsAtFixedRateAndStopsWhenCancelled() {
    List<Instant> runs = new ArrayList<>();
    Cancellable periodic = scheduler.every(Duration.ofSeconds(10), () -> runs.add(scheduler.now()));

    scheduler.runFor(Duration.ofSeconds(25));
    assertTrue(periodic.cancel());
    assertFalse(periodic.cancel());
    scheduler.runFor(Duration.ofMinutes(5));

    assertEquals(List.of(START.plusSeconds(10), START.plusSeconds(20)), runs);
    assertEquals(0, scheduler.pendingCount());
  }

  @Test
  void periodicTaskCanCancelItself() {
    AtomicInteger runs = new AtomicInteger();
    Cancellable[] self = new Cancellable[1];
    self[0] =
        scheduler.every(
            Duration.ofSeconds(1),
            () -> {
              if (runs.incrementAndGet() == 3) {
                self[0].cancel();
              }
            });

    scheduler.runFor(Duration.ofMinutes(1));

    assertEquals(3, runs.get());
    assertEquals(0, scheduler.pendingCount());
  }

  @Test
  void failingTaskReachesTheCallerAndLaterTasksStillRun() {
    scheduler.schedule(
        Duration.ofSeconds(1),
        () -> {
          throw new IllegalStateException("boom");
        });
    scheduler.schedule(Duration.ofSeconds(2), () -> log.add("later"));

    assertThrows(IllegalStateException.class, () -> scheduler.runFor(Duration.ofSeconds(5)));
    assertEquals(START.plusSeconds(1), scheduler.now());
    scheduler.runFor(Duration.ofSeconds(4));

    assertEquals(List.of("later"), log);
  }

  @Test
  void reArmingATimeoutManyTimesKeepsOneLiveEvent() {
    Cancellable timeout = scheduler.schedule(Duration.ofHours(1), () -> log.add("timeout"));
    for (int i = 0; i < 100_000; i++) {
      timeout.cancel();
      timeout = scheduler.schedule(Duration.ofHours(1), () -> log.add("timeout"));
    }

    assertEquals(1, scheduler.pendingCount());
    scheduler.runFor(Duration.ofHours(2));
    assertEquals(List.of("timeout"), log);
  }

  @Test
  void runUntilFromInsideATaskIsRefused() {
    scheduler.schedule(Duration.ofSeconds(1), () -> scheduler.runFor(Duration.ofSeconds(1)));

    assertThrows(IllegalStateException.class, () -> scheduler.runFor(Duration.ofSeconds(2)));
  }
}
