package io.cradle.cpe.tr069;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cwmp.param.DateTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Periodic Informs phased on PeriodicInformTime, on virtual time. */
class PeriodicInformTest {

  static final Instant START = Instant.parse("2026-11-26T10:17:30Z");

  final VirtualScheduler scheduler = new VirtualScheduler(START);
  final List<Instant> fired = new ArrayList<>();
  final PeriodicInform periodic = new PeriodicInform(scheduler, () -> fired.add(scheduler.now()));

  @Test
  void nextAfterIsTheFirstPhaseInstantStrictlyAfterNow() {
    Instant phase = Instant.parse("2026-01-01T00:00:00Z");
    Duration hour = Duration.ofHours(1);
    assertEquals(
        Instant.parse("2026-11-26T11:00:00Z"), PeriodicInform.nextAfter(START, phase, hour));
    assertEquals(
        Instant.parse("2026-11-26T11:00:00Z"),
        PeriodicInform.nextAfter(Instant.parse("2026-11-26T10:00:00Z"), phase, hour),
        "exactly on a phase instant: the next one");
    // A phase in the future also phases the instants before it.
    assertEquals(
        Instant.parse("2026-11-26T10:30:00Z"),
        PeriodicInform.nextAfter(START, Instant.parse("2027-05-05T00:30:00Z"), hour));
    // A phase in 1970 still gives exact results.
    assertEquals(
        Instant.parse("2026-11-26T10:18:00Z"),
        PeriodicInform.nextAfter(START, Instant.EPOCH, Duration.ofMinutes(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> PeriodicInform.nextAfter(START, phase, Duration.ZERO));
  }

  @Test
  void informsFallOnThePhaseGrid() {
    periodic.configure(
        true, Duration.ofMinutes(15), Optional.of(Instant.parse("2026-01-01T00:05:00Z")));
    assertEquals(Optional.of(Instant.parse("2026-11-26T10:20:00Z")), periodic.nextDue());
    scheduler.runUntil(Instant.parse("2026-11-26T11:00:00Z"));
    assertEquals(
        List.of(
            Instant.parse("2026-11-26T10:20:00Z"),
            Instant.parse("2026-11-26T10:35:00Z"),
            Instant.parse("2026-11-26T10:50:00Z")),
        fired);
    assertEquals(Optional.of(Instant.parse("2026-11-26T11:05:00Z")), periodic.nextDue());
  }

  @Test
  void withoutAPhaseTheConfigurationMomentIsThePhase() {
    periodic.configure(true, Duration.ofSeconds(300), Optional.of(DateTimes.UNKNOWN));
    scheduler.runFor(Duration.ofSeconds(900));
    assertEquals(
        List.of(START.plusSeconds(300), START.plusSeconds(600), START.plusSeconds(900)), fired);
  }

  @Test
  void reconfiguringOrDisablingReplacesTheSchedule() {
    periodic.configure(true, Duration.ofSeconds(60), Optional.empty());
    periodic.configure(true, Duration.ofSeconds(100), Optional.empty());
    scheduler.runFor(Duration.ofSeconds(250));
    assertEquals(List.of(START.plusSeconds(100), START.plusSeconds(200)), fired);
    periodic.configure(false, Duration.ofSeconds(100), Optional.empty());
    assertTrue(periodic.nextDue().isEmpty());
    scheduler.runFor(Duration.ofHours(1));
    assertEquals(2, fired.size());
    assertEquals(0, scheduler.pendingCount());
  }

  @Test
  void aCallbackThatThrowsKeepsTheSchedule() {
    PeriodicInform failing =
        new PeriodicInform(
            scheduler,
            () -> {
              fired.add(scheduler.now());
              throw new IllegalStateException("session could not start");
            });
    failing.configure(true, Duration.ofSeconds(10), Optional.empty());
    assertThrows(IllegalStateException.class, () -> scheduler.runFor(Duration.ofSeconds(10)));
    assertEquals(Optional.of(START.plusSeconds(20)), failing.nextDue());
  }
}
