package io.cradle.cpe.battery;

import io.cradle.cpe.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records every battery event with its virtual time, as "seconds event". */
final class Recorder implements BatteryListener {

  final List<String> trace = new ArrayList<>();
  final List<Instant> times = new ArrayList<>();
  private final Scheduler scheduler;
  private final Instant start;

  Recorder(Scheduler scheduler) {
    this.scheduler = scheduler;
    this.start = scheduler.now();
  }

  private void add(String event) {
    Duration at = Duration.between(start, scheduler.now());
    times.add(scheduler.now());
    trace.add(at.toNanos() + " " + event);
  }

  /** The events without their times. */
  List<String> events() {
    return trace.stream().map(s -> s.substring(s.indexOf(' ') + 1)).toList();
  }

  /** The time of the first event named {@code event}. */
  Instant when(String event) {
    for (int i = 0; i < trace.size(); i++) {
      if (events().get(i).equals(event)) {
        return times.get(i);
      }
    }
    throw new AssertionError("no " + event + " in " + trace);
  }

  @Override
  public void lowBattery(int level) {
    add("low " + level);
  }

  @Override
  public void criticalBattery(int level) {
    add("critical " + level);
  }

  @Override
  public void shutdown() {
    add("shutdown");
  }

  @Override
  public void chargingStarted(boolean chargingTone) {
    add("charging tone=" + chargingTone);
  }

  @Override
  public void chargingFull() {
    add("full");
  }

  @Override
  public void chargingStopped() {
    add("stopped");
  }

  @Override
  public void autoBootOnCharger() {
    add("autoboot");
  }

  @Override
  public void ledChanged(Led led) {
    add("led " + led);
  }
}
