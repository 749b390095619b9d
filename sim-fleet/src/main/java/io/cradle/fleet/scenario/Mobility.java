package io.cradle.fleet.scenario;

import io.cradle.cpe.safe.Activity;
import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cpe.wifi.Position;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * One wearer's movement on the phone's {@link Scheduler}: a random-waypoint walk inside the {@link
 * Scenario.Pattern}'s areas. Each leg draws its activity from the pattern's mix: walking or running
 * legs go to a random point of an area (areas weighted by size) at the pattern's speed, idle legs
 * stand still for an exponentially distributed pause. A leg into another area goes through the
 * points where the two areas are nearest each other, so areas that touch are never left; a gap
 * between areas is crossed on the shortest line.
 *
 * <p>The position is computed from the current leg and the scheduler's clock when asked (no
 * per-second ticks), so it can feed the Wi-Fi radio's scans and link checks at any rate. The same
 * random stream and the same scheduler times give the same trajectory. A man-down ({@link #fall})
 * ends the walk: the wearer lies where they fell. Draws and state changes run on the scheduler;
 * {@link #position()} and {@link #activity()} may be read from any thread.
 */
public final class Mobility {

  /** Shortest leg, so a waypoint drawn next to the wearer does not make a burst of tiny legs. */
  static final Duration MIN_LEG = Duration.ofSeconds(1);

  private final Scheduler scheduler;
  private final RandomGenerator random;
  private final Scenario.Pattern pattern;
  private final Consumer<Activity> onActivity;

  private volatile Leg leg;
  private volatile Activity activity = Activity.STANDING;
  private Scenario.Area area;
  private Cancellable next;
  private boolean stopped;

  /**
   * A wearer not walking yet.
   *
   * @param random this phone's own mobility stream
   * @param onActivity told each new activity (e.g. the phone's accelerometer), on the scheduler
   */
  public Mobility(
      Scheduler scheduler,
      RandomGenerator random,
      Scenario.Pattern pattern,
      Consumer<Activity> onActivity) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.random = Objects.requireNonNull(random, "random");
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.onActivity = Objects.requireNonNull(onActivity, "onActivity");
    // Placed before start, so a radio that asks early gets an answer.
    this.area = randomArea();
    this.leg = Leg.still(area.randomPoint(random), scheduler.now());
  }

  /** Starts walking from the starting point. Call on the scheduler (or before it runs). */
  public void start() {
    if (next == null && !stopped) {
      nextLeg();
    }
  }

  /** The wearer falls (man-down): lying still where they are, activity FALLEN, no more legs. */
  public void fall() {
    leg = Leg.still(position(), scheduler.now());
    stop();
    setActivity(Activity.FALLEN);
  }

  /** Stops the walk where the wearer is. */
  public void stop() {
    stopped = true;
    if (next != null) {
      next.cancel();
    }
    leg = Leg.still(position(), scheduler.now());
  }

  /** Where the wearer is now. */
  public Position position() {
    return leg.at(scheduler.now());
  }

  /** What the wearer is doing now. */
  public Activity activity() {
    return activity;
  }

  /** The pattern's areas. */
  public List<Scenario.Area> areas() {
    return pattern.areas();
  }

  private void nextLeg() {
    if (stopped) {
      return;
    }
    Instant now = scheduler.now();
    Position from = leg.at(now);
    Activity a = pattern.activityFor(random.nextDouble());
    Duration length;
    if (a == Activity.STANDING) {
      // Exponential pause: memoryless, so idle spells look like a real shift's.
      double seconds = -Math.log(1 - random.nextDouble()) * pattern.meanPause().toNanos() / 1e9;
      length = max(Duration.ofNanos((long) (seconds * 1e9)), MIN_LEG);
      leg = Leg.still(from, now);
    } else {
      Scenario.Area target = randomArea();
      Position to = target.randomPoint(random);
      List<Position> route = new ArrayList<>();
      route.add(from);
      if (target != area) {
        // Through the nearest points of the two areas: the border they share when they touch.
        Position exit = area.nearestTo(to);
        route.add(exit);
        route.add(target.nearestTo(exit));
      }
      route.add(to);
      double speed = a == Activity.RUNNING ? pattern.runSpeed() : pattern.walkSpeed();
      Leg moving = new Leg(List.copyOf(route), now, speed);
      length = max(Duration.ofNanos((long) (moving.length() / speed * 1e9)), MIN_LEG);
      leg = moving;
      area = target;
    }
    setActivity(a);
    next = scheduler.schedule(length, this::nextLeg);
  }

  private void setActivity(Activity a) {
    if (a != activity) {
      activity = a;
      onActivity.accept(a);
    }
  }

  private Scenario.Area randomArea() {
    List<Scenario.Area> areas = pattern.areas();
    double total = areas.stream().mapToDouble(Scenario.Area::size).sum();
    double x = random.nextDouble() * total;
    for (Scenario.Area a : areas) {
      x -= a.size();
      if (x < 0) {
        return a;
      }
    }
    return areas.get(areas.size() - 1);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** A polyline walked from {@code start} at {@code speed} m/s; stays at its end once there. */
  private record Leg(List<Position> points, Instant start, double speed) {

    static Leg still(Position p, Instant at) {
      return new Leg(List.of(p), at, 0);
    }

    double length() {
      double sum = 0;
      for (int i = 1; i < points.size(); i++) {
        sum += points.get(i - 1).distanceTo(points.get(i));
      }
      return sum;
    }

    Position at(Instant t) {
      double left = Math.max(0, Duration.between(start, t).toNanos() / 1e9) * speed;
      for (int i = 1; i < points.size(); i++) {
        Position a = points.get(i - 1);
        Position b = points.get(i);
        double d = a.distanceTo(b);
        if (left <= d) {
          double f = d == 0 ? 0 : left / d;
          return Position.of(a.x() + (b.x() - a.x()) * f, a.y() + (b.y() - a.y()) * f);
        }
        left -= d;
      }
      return points.get(points.size() - 1);
    }
  }
}
