package io.cradle.fleet.scenario;

import io.cradle.cpe.safe.Activity;
import io.cradle.cpe.wifi.AccessPoint;
import io.cradle.cpe.wifi.Position;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * A fleet scenario, as read by {@link ScenarioParser}: the floor plan (access points, areas), how
 * the wearers move ({@link Pattern}s), which phones there are, when they sit in the charging cradle
 * and which man-down and panic events happen when. Times are phone time from the fleet's start.
 *
 * @param duration how long the shift lasts in phone time; empty: the command line decides
 * @param speed how much faster than real time the phones' clocks run; empty: the command line
 * @param groups the {@code phones} lines in order: phone indices are assigned consecutively from 0
 * @param calls the phones' call traffic to each other; empty: only scripted calls, if any
 */
public record Scenario(
    String source,
    Optional<Duration> duration,
    OptionalDouble speed,
    double floorWidth,
    double floorHeight,
    List<AccessPoint> accessPoints,
    List<Area> areas,
    List<Pattern> patterns,
    List<PhoneGroup> groups,
    List<Charge> charges,
    List<ScriptedEvent> events,
    Optional<CallLoad> calls) {

  /** How long a callee lets a scripted call ring without a {@code calls} line. */
  public static final Duration DEFAULT_ANSWER_AFTER = Duration.ofSeconds(3);

  public Scenario {
    accessPoints = List.copyOf(accessPoints);
    areas = List.copyOf(areas);
    patterns = List.copyOf(patterns);
    groups = List.copyOf(groups);
    charges = List.copyOf(charges);
    events = List.copyOf(events);
  }

  /** How many phones the scenario has. */
  public int phoneCount() {
    return groups.stream().mapToInt(PhoneGroup::count).sum();
  }

  /** The {@code phones} line phone {@code index} (0-based) belongs to. */
  public PhoneGroup groupOf(int index) {
    int first = 0;
    for (PhoneGroup g : groups) {
      if (index < first + g.count()) {
        return g;
      }
      first += g.count();
    }
    throw new IndexOutOfBoundsException("phone " + index + " of " + phoneCount());
  }

  /** A named rectangle of the floor, in metres from the floor's corner. */
  public record Area(String name, double x, double y, double width, double height) {

    public boolean contains(Position p) {
      return p.x() >= x && p.x() <= x + width && p.y() >= y && p.y() <= y + height;
    }

    /** The point of this area nearest to {@code p} ({@code p} itself when inside). */
    public Position nearestTo(Position p) {
      return Position.of(
          Math.min(Math.max(p.x(), x), x + width), Math.min(Math.max(p.y(), y), y + height));
    }

    /** A uniformly drawn point of the area. */
    public Position randomPoint(RandomGenerator random) {
      return Position.of(x + random.nextDouble() * width, y + random.nextDouble() * height);
    }

    public double size() {
      return width * height;
    }
  }

  /**
   * How a kind of wearer moves: within {@code areas}, each leg of the walk is walking, running or
   * standing idle with the given weights; moving legs go to a random waypoint at the given speed,
   * idle legs last an exponentially distributed time with mean {@code meanPause}.
   */
  public record Pattern(
      String name,
      List<Area> areas,
      double walk,
      double run,
      double idle,
      double walkSpeed,
      double runSpeed,
      Duration meanPause) {

    public Pattern {
      areas = List.copyOf(areas);
    }

    /** The activity of a leg for a uniform draw {@code u} in [0, 1). */
    Activity activityFor(double u) {
      double total = walk + run + idle;
      double x = u * total;
      if (x < walk) {
        return Activity.WALKING;
      }
      return x < walk + run ? Activity.RUNNING : Activity.STANDING;
    }
  }

  /**
   * One {@code phones} line.
   *
   * @param ssid the network the phones join
   * @param batteryLow lowest initial state of charge, 0..1
   * @param batteryHigh highest initial state of charge; each phone draws uniformly in between
   * @param safe whether SAFE monitoring is on (P99810=1)
   */
  public record PhoneGroup(
      int count,
      Pattern pattern,
      String ssid,
      double batteryLow,
      double batteryHigh,
      boolean safe) {}

  /** Phones {@code first..last} sit in the cradle from {@code at} for {@code duration}. */
  public record Charge(int first, int last, Duration at, Duration duration) {}

  /** What a scripted event does to its phone. */
  public enum EventKind {
    /** The wearer falls and lies still: activity FALLEN, no more movement. */
    MAN_DOWN("man-down"),
    /** The wearer holds the panic button: an alarm at once. */
    PANIC("panic"),
    /** The wearer talks on a PTT channel (1-25) or pages a group (26-50), holding the button. */
    PTT("ptt"),
    /** The wearer sends a Grandstream multicast page to the paging address of a priority. */
    PAGE("page"),
    /** The wearer calls another phone of the fleet over SIP and hangs up after a while. */
    CALL("call");

    private final String word;

    EventKind(String word) {
      this.word = word;
    }

    /** The word in the scenario file. */
    public String word() {
      return word;
    }
  }

  /**
   * A scripted event: at {@code at}, phone {@code phone} (0-based) has {@code kind}.
   *
   * @param channel for {@link EventKind#PTT} the channel or group (1-50), for {@link
   *     EventKind#PAGE} the paging priority (1-10); 0 for the others
   * @param length how long the button is held, or the call lasts once answered ({@link
   *     Duration#ZERO} for man-down and panic)
   * @param callee for {@link EventKind#CALL} the phone called; -1 for the others
   */
  public record ScriptedEvent(
      Duration at, int phone, EventKind kind, int channel, Duration length, int callee) {

    /** An event that calls no one. */
    public ScriptedEvent(Duration at, int phone, EventKind kind, int channel, Duration length) {
      this(at, phone, kind, channel, length, -1);
    }
  }

  /**
   * The {@code calls} line: each phone calls a randomly chosen other phone {@code perPhoneHour}
   * times an hour on average (a Poisson process in phone time), the callee answers after {@code
   * answerAfter} and the caller hangs up {@code duration} after the answer.
   */
  public record CallLoad(double perPhoneHour, Duration duration, Duration answerAfter) {}

  /** Whether any phone places a call: then the phones need SIP. */
  public boolean placesCalls() {
    return calls.isPresent() || events.stream().anyMatch(e -> e.kind() == EventKind.CALL);
  }

  /** How long a callee lets a call ring before answering. */
  public Duration answerAfter() {
    return calls.map(CallLoad::answerAfter).orElse(DEFAULT_ANSWER_AFTER);
  }

  /** Whether any phone talks or pages: then every phone has PTT and listens. */
  public boolean usesPtt() {
    return events.stream().anyMatch(e -> e.kind() == EventKind.PTT || e.kind() == EventKind.PAGE);
  }

  /** The paging priorities the scenario's pages use, in order: the addresses phones join. */
  public List<Integer> pagingPriorities() {
    return events.stream()
        .filter(e -> e.kind() == EventKind.PAGE)
        .map(ScriptedEvent::channel)
        .distinct()
        .sorted()
        .toList();
  }
}
