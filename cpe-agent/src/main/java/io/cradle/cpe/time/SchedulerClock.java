package io.cradle.cpe.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/** A {@link Clock} that reads a scheduler's time, so models can use java.time as usual. */
final class SchedulerClock extends Clock {

  private final Supplier<Instant> time;
  private final ZoneId zone;

  SchedulerClock(Supplier<Instant> time) {
    this(time, ZoneOffset.UTC);
  }

  private SchedulerClock(Supplier<Instant> time, ZoneId zone) {
    this.time = time;
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new SchedulerClock(time, zone);
  }

  @Override
  public Instant instant() {
    return time.get();
  }
}
