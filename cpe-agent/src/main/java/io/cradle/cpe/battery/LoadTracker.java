package io.cradle.cpe.battery;

import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps a {@link Battery}'s {@link Load} in step with what the phone does, on the phone's {@link
 * Scheduler}. A part of the load is on while it is <em>held</em> (a call, PTT listening, a ringing
 * screen) or until a <em>burst</em> runs out (a scan, the screen after a key press); overlapping
 * bursts of one part extend it rather than add up, as one radio or one backlight cannot be on
 * twice. The battery is told only when the resulting load changes, so a burst costs two battery
 * events.
 *
 * <p>Movement is not a part: walking costs nothing by itself, only the scans and roams the radio
 * does on the way.
 */
public final class LoadTracker {

  /**
   * How long one Wi-Fi scan keeps the radio busy: an active scan of the 2.4 and 5 GHz channels
   * dwells some 20-40 ms on each of about 25 channels (assumption; wpa_supplicant-class radios).
   */
  public static final Duration SCAN_TIME = Duration.ofSeconds(1);

  /**
   * How long the screen stays lit after something wakes it (a call ends, a talk arrives, a
   * warning): Android's default screen timeout, which the WP820 inherits (assumption).
   */
  public static final Duration SCREEN_TIMEOUT = Duration.ofSeconds(30);

  private final Scheduler scheduler;
  private final Battery battery;
  private final Map<Load.Part, Set<Object>> holders = new EnumMap<>(Load.Part.class);
  private final Map<Load.Part, Instant> burstEnds = new EnumMap<>(Load.Part.class);
  private final Map<Load.Part, Cancellable> burstTimers = new EnumMap<>(Load.Part.class);

  public LoadTracker(Scheduler scheduler, Battery battery) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.battery = Objects.requireNonNull(battery, "battery");
  }

  /**
   * {@code reason} holds {@code part} on ({@code on}) or lets go of it; the part is on while any
   * reason holds it.
   */
  public synchronized void hold(Load.Part part, Object reason, boolean on) {
    Set<Object> reasons = holders.computeIfAbsent(part, p -> new HashSet<>());
    if (on) {
      reasons.add(reason);
    } else {
      reasons.remove(reason);
    }
    apply();
  }

  /** {@code part} is on for at least {@code duration} from now. */
  public synchronized void burst(Load.Part part, Duration duration) {
    Instant end = scheduler.now().plus(duration);
    Instant current = burstEnds.get(part);
    if (current != null && !end.isAfter(current)) {
      return;
    }
    burstEnds.put(part, end);
    Cancellable previous = burstTimers.put(part, scheduler.scheduleAt(end, () -> expire(part)));
    if (previous != null) {
      previous.cancel();
    }
    apply();
  }

  /** Whether {@code part} is on now. */
  public synchronized boolean isOn(Load.Part part) {
    return !holders.getOrDefault(part, Set.of()).isEmpty() || burstEnds.containsKey(part);
  }

  private synchronized void expire(Load.Part part) {
    burstEnds.remove(part);
    burstTimers.remove(part);
    apply();
  }

  private void apply() {
    Load load = Load.IDLE;
    for (Load.Part part : Load.Part.values()) {
      if (part != Load.Part.IDLE && isOn(part)) {
        load = part.set(load, true);
      }
    }
    if (!load.equals(battery.load())) {
      battery.setLoad(load);
    }
  }
}
