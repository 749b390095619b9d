package io.cradle.fleet.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.safe.Activity;
import io.cradle.cpe.time.RandomStreams;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cpe.wifi.Position;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MobilityTest {

  private static final Instant START = Instant.parse("2026-11-26T22:00:00Z");

  // An L-shaped pair of touching areas, and an office that overlaps the aisles.
  private static final Scenario SCENARIO =
      ScenarioParser.parse(
          """
          floor width=120 height=60
          ap ssid=wh bssid=00:11:22:33:44:01 band=5 channel=36 x=15 y=15
          area name=aisles x=0 y=0 w=100 h=30
          area name=dock x=100 y=0 w=20 h=60
          area name=office x=90 y=20 w=20 h=10
          pattern name=picker areas=aisles,dock,office walk=0.6 run=0.1 idle=0.3 pause=30s
          phones count=1 pattern=picker
          """,
          "test");

  @Test
  void theWearerStaysInsideThePatternsAreasForAWholeShift() {
    List<Position> track = walk(7, Duration.ofHours(8), new ArrayList<>());
    Scenario.Pattern picker = SCENARIO.patterns().get(0);
    for (Position p : track) {
      assertTrue(
          picker.areas().stream().anyMatch(a -> a.contains(p)), () -> p + " is outside the areas");
    }
    // It does get around: both areas visited, and a fair distance covered.
    assertTrue(track.stream().anyMatch(p -> p.x() > 100 && p.y() > 30), "the dock's far end");
    assertTrue(track.stream().anyMatch(p -> p.x() < 50), "the aisles");
  }

  @Test
  void theSameSeedGivesTheSameTrajectoryAndAnotherSeedAnother() {
    List<Activity> activities = new ArrayList<>();
    List<Position> a = walk(7, Duration.ofHours(1), activities);
    List<Position> b = walk(7, Duration.ofHours(1), new ArrayList<>());
    List<Position> c = walk(8, Duration.ofHours(1), new ArrayList<>());
    assertEquals(a, b);
    assertNotEquals(a, c);
    Map<Activity, Integer> seen = new EnumMap<>(Activity.class);
    activities.forEach(x -> seen.merge(x, 1, Integer::sum));
    assertTrue(
        seen.keySet().containsAll(List.of(Activity.WALKING, Activity.RUNNING, Activity.STANDING)),
        seen::toString);
  }

  @Test
  void walkingMovesAtWalkingSpeedAndStandingDoesNotMove() {
    VirtualScheduler scheduler = new VirtualScheduler(START);
    Mobility m = mobility(scheduler, 3, new ArrayList<>());
    m.start();
    Scenario.Pattern picker = SCENARIO.patterns().get(0);
    for (int i = 0; i < 3600; i++) {
      Activity before = m.activity();
      Position p = m.position();
      scheduler.runFor(Duration.ofSeconds(1));
      double moved = p.distanceTo(m.position());
      if (before == m.activity()) {
        // The same leg type for the whole second (a new leg may have started, at most as fast).
        double limit = before == Activity.RUNNING ? picker.runSpeed() : picker.walkSpeed();
        if (before == Activity.STANDING) {
          limit = picker.runSpeed(); // a standing leg may end into a moving one within the second
        }
        assertTrue(moved <= limit + 1e-6, () -> before + " moved " + moved + " m in 1 s");
      }
    }
  }

  @Test
  void aManDownLiesStillWhereHeFell() {
    VirtualScheduler scheduler = new VirtualScheduler(START);
    List<Activity> activities = new ArrayList<>();
    Mobility m = mobility(scheduler, 5, activities);
    m.start();
    scheduler.runFor(Duration.ofMinutes(10));
    m.fall();
    Position fell = m.position();
    scheduler.runFor(Duration.ofHours(1));
    assertEquals(fell, m.position());
    assertEquals(Activity.FALLEN, m.activity());
    assertEquals(Activity.FALLEN, activities.get(activities.size() - 1));
    assertEquals(0, scheduler.pendingCount(), "no more legs booked");
  }

  private static List<Position> walk(long seed, Duration length, List<Activity> activities) {
    VirtualScheduler scheduler = new VirtualScheduler(START);
    Mobility m = mobility(scheduler, seed, activities);
    m.start();
    List<Position> track = new ArrayList<>();
    for (long s = 0; s < length.toSeconds(); s += 5) {
      track.add(m.position());
      scheduler.runFor(Duration.ofSeconds(5));
    }
    return track;
  }

  private static Mobility mobility(VirtualScheduler scheduler, long seed, List<Activity> seen) {
    return new Mobility(
        scheduler,
        RandomStreams.of(seed).forPhone("00:0B:82:10:00:01").stream("mobility"),
        SCENARIO.patterns().get(0),
        seen::add);
  }
}
