package io.cradle.cpe.tr069;

import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cwmp.param.DateTimes;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The periodic Inform timer: every {@code ManagementServer.PeriodicInformInterval}, phased on
 * {@code PeriodicInformTime} so Informs fall at {@code PeriodicInformTime + k·interval} for whole k
 * (cwmp-digest §8). With no PeriodicInformTime (or the unknown time {@code 0001-01-01}) the phase
 * is the moment the timer was configured.
 *
 * <p>Each run is booked at its exact phase instant, so a late or slow session does not drift the
 * schedule. {@code onDue} runs on the scheduler; the shell queues {@code 2 PERIODIC} and opens a
 * session there.
 */
public final class PeriodicInform {

  private final Scheduler scheduler;
  private final Runnable onDue;
  private Instant phase;
  private Duration interval;
  private Instant next;
  private Cancellable pending;

  public PeriodicInform(Scheduler scheduler, Runnable onDue) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.onDue = Objects.requireNonNull(onDue, "onDue");
  }

  /**
   * The first instant {@code phase + k·interval} strictly after {@code now}, for any whole k
   * (negative when the phase is in the future).
   */
  public static Instant nextAfter(Instant now, Instant phase, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("PeriodicInformInterval must be positive: " + interval);
    }
    BigInteger period = BigInteger.valueOf(interval.toNanos());
    Duration between = Duration.between(phase, now);
    BigInteger offset =
        BigInteger.valueOf(between.getSeconds())
            .multiply(BigInteger.valueOf(1_000_000_000L))
            .add(BigInteger.valueOf(between.getNano()));
    // Floor division (BigInteger.mod is never negative), then one period past now.
    long k = offset.subtract(offset.mod(period)).divide(period).longValueExact() + 1;
    return phase.plus(interval.multipliedBy(k));
  }

  /**
   * (Re)configures the timer from the ManagementServer parameters; a change to any of them restarts
   * it.
   *
   * @param periodicInformTime empty or {@link DateTimes#UNKNOWN} for "no phase given"
   */
  public void configure(
      boolean enabled, Duration periodicInformInterval, Optional<Instant> periodicInformTime) {
    stop();
    if (!enabled) {
      return;
    }
    this.interval = Objects.requireNonNull(periodicInformInterval, "periodicInformInterval");
    Instant now = scheduler.now();
    this.phase = periodicInformTime.filter(t -> !t.equals(DateTimes.UNKNOWN)).orElse(now);
    book(nextAfter(now, phase, interval));
  }

  /** Stops the timer. */
  public void stop() {
    if (pending != null) {
      pending.cancel();
      pending = null;
    }
    next = null;
  }

  /** When the next periodic Inform is due; empty when the timer is stopped. */
  public Optional<Instant> nextDue() {
    return Optional.ofNullable(next);
  }

  private void book(Instant at) {
    next = at;
    pending = scheduler.scheduleAt(at, this::fire);
  }

  private void fire() {
    // Book the next run first, so a failing callback keeps the schedule.
    book(nextAfter(next, phase, interval));
    onDue.run();
  }
}
