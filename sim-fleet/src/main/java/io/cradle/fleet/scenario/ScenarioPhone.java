package io.cradle.fleet.scenario;

import io.cradle.cpe.battery.Battery;
import io.cradle.cpe.battery.BatterySpec;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.ptt.PagingSettings;
import io.cradle.cpe.ptt.PttService;
import io.cradle.cpe.ptt.PttSettings;
import io.cradle.cpe.ptt.Talk;
import io.cradle.cpe.safe.Accelerometer;
import io.cradle.cpe.safe.Activity;
import io.cradle.cpe.safe.AlarmKind;
import io.cradle.cpe.safe.SafeListener;
import io.cradle.cpe.safe.SafeMonitor;
import io.cradle.cpe.safe.SafeSettings;
import io.cradle.cpe.time.RandomStreams;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cpe.wifi.AccessPoint;
import io.cradle.cpe.wifi.DhcpPool;
import io.cradle.cpe.wifi.Position;
import io.cradle.cpe.wifi.RadioEnvironment;
import io.cradle.cpe.wifi.WifiRadio;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One phone of a scenario: its Wi-Fi radio on the shared floor, its battery charged to a seeded
 * level from its {@code phones} line, its accelerometer, and the wearer's {@link Mobility}; then
 * the scenario's charging times and scripted events for it, on the phone's scheduler.
 */
public final class ScenarioPhone {

  /**
   * How long a wearer who is on their feet takes to cancel a SAFE warning (or an alarm other than a
   * panic) that their own running or standing about set off: without it the monitor would sit in
   * Alarm for the rest of the shift and miss the scenario's man-down.
   */
  public static final Duration REACTION_TIME = Duration.ofSeconds(5);

  private final Scenario scenario;
  private final int index;
  private final Scheduler scheduler;
  private final Scenario.PhoneGroup group;
  private final WifiRadio wifi;
  private final Battery battery;
  private final Accelerometer accelerometer;
  private final Mobility mobility;
  private final ScenarioStats stats;

  private ScenarioPhone(
      Scenario scenario,
      int index,
      Scheduler scheduler,
      PValueStore store,
      RandomStreams.PhoneStreams random,
      RadioEnvironment floor,
      ScenarioStats stats) {
    this.scenario = scenario;
    this.index = index;
    this.scheduler = scheduler;
    this.group = scenario.groupOf(index);
    this.stats = stats;
    this.wifi =
        new WifiRadio(
            scheduler,
            random.stream("wifi"),
            floor,
            this::position,
            store,
            DhcpPool.tenNet(floor.ssids(), index));
    RandomGenerator batteryStream = random.stream("battery");
    // The initial charge first, then the cell's capacity, from the same stream.
    double soc =
        group.batteryLow()
            + batteryStream.nextDouble() * (group.batteryHigh() - group.batteryLow());
    this.battery = new Battery(scheduler, batteryStream, BatterySpec.WP820, soc);
    this.accelerometer = new Accelerometer(random.stream("safe"));
    this.mobility =
        new Mobility(
            scheduler, random.stream("mobility"), group.pattern(), accelerometer::setActivity);
    wifi.addListener(stats.wifiListener());
    battery.addListener(stats.batteryListener());
    stats.track(battery, scheduler);
  }

  /**
   * Builds phone {@code index}'s scenario parts and gives them to {@code builder}, with {@code
   * store} as the phone's store (the radio reads its settings there). The caller adds {@link
   * #settings()} to the phone's factory settings.
   *
   * @param floor the fleet's one radio environment, from {@link #floor}
   * @param air the fleet's one set of multicast groups, for PTT and paging
   */
  public static ScenarioPhone equip(
      Scenario scenario,
      int index,
      Phone.Builder builder,
      PValueStore store,
      Scheduler scheduler,
      RandomStreams.PhoneStreams random,
      RadioEnvironment floor,
      Airwaves air,
      ScenarioStats stats) {
    ScenarioPhone p = new ScenarioPhone(scenario, index, scheduler, store, random, floor, stats);
    builder.store(store).wifi(p.wifi).battery(p.battery).motion(p.accelerometer);
    if (scenario.usesPtt()) {
      WifiRadio radio = p.wifi;
      builder.ptt(air.join(PTT_GROUP, radio::associated));
      for (int priority : scenario.pagingPriorities()) {
        builder.paging(priority, air.join(pagingAddress(priority), radio::associated));
      }
    }
    return p;
  }

  /** The PTT/group paging multicast address:port of every scenario phone (P22183). */
  static final String PTT_GROUP = "239.255.1.1:5001";

  /** The Multicast Paging address of {@code priority} (P1569…): one group per priority. */
  static String pagingAddress(int priority) {
    return "239.255.2." + priority + ":" + (6000 + priority);
  }

  /** The shared radio environment of the scenario's floor, its shadowing seeded by {@code seed}. */
  public static RadioEnvironment floor(Scenario scenario, long seed) {
    return new RadioEnvironment(scenario.accessPoints(), seed);
  }

  /**
   * The P-values this phone needs on top of the fleet's: Wi-Fi on (P7800), the network of its
   * {@code phones} line (P7812 ESSID, P7814 security, P7830 key), SAFE monitoring (P99810) and,
   * when the scenario talks or pages, PTT and group paging on with the phone's number as caller ID
   * and Multicast Paging on the addresses of the priorities paged (labelled "priority N").
   */
  public Map<String, String> settings() {
    AccessPoint ap =
        scenario.accessPoints().stream()
            .filter(a -> a.ssid().equals(group.ssid()))
            .findFirst()
            .orElseThrow();
    Map<String, String> s = new LinkedHashMap<>();
    s.put("P7800", "1"); // wifi.enable
    s.put("P7812", ap.ssid()); // wifi.essid
    s.put("P7814", ap.security().pvalue()); // wifi.securityMode
    s.put("P7830", ap.secret()); // wifi.password
    s.put(SafeSettings.MONITORING_ENABLE, group.safe() ? "1" : "0");
    if (scenario.usesPtt()) {
      s.put(PttSettings.PTT_ENABLE, "1");
      s.put(PttSettings.GROUP_ENABLE, "1");
      s.put(PttSettings.MULTICAST_ADDRESS, PTT_GROUP);
      s.put(PttSettings.PTT_CALLER_ID, "phone " + index);
      s.put(PttSettings.GROUP_CALLER_ID, "phone " + index);
      s.put(PagingSettings.MULTICAST_ENABLE, "1");
      for (int priority : scenario.pagingPriorities()) {
        s.put(PagingSettings.addressPValue(priority), pagingAddress(priority));
        s.put(PagingSettings.labelPValue(priority), "priority " + priority);
      }
    }
    return s;
  }

  /**
   * Sets the wearer walking and books this phone's charging times and scripted events, at their
   * scenario times from {@code origin} (the fleet's start in phone time).
   */
  public void start(Phone phone, Instant origin) {
    phone.ptt().ifPresent(ptt -> ptt.addListener(stats.pttListener(index)));
    phone
        .safe()
        .ifPresent(
            safe -> {
              safe.addListener(stats.safeListener());
              safe.addListener(new UprightWearer(safe));
            });
    scheduler.schedule(Duration.ZERO, mobility::start);
    for (Scenario.Charge c : scenario.charges()) {
      if (index >= c.first() && index <= c.last()) {
        scheduler.scheduleAt(origin.plus(c.at()), battery::placeInCradle);
        scheduler.scheduleAt(origin.plus(c.at()).plus(c.duration()), battery::removeFromCradle);
      }
    }
    for (Scenario.ScriptedEvent e : scenario.events()) {
      // A call needs its callee too: CallTraffic, which knows every phone, places it.
      if (e.phone() == index && e.kind() != Scenario.EventKind.CALL) {
        scheduler.scheduleAt(origin.plus(e.at()), () -> carryOut(e, phone));
      }
    }
  }

  private void carryOut(Scenario.ScriptedEvent e, Phone phone) {
    stats.scriptedEvent();
    switch (e.kind()) {
      case MAN_DOWN -> mobility.fall();
      case PANIC -> phone.safe().ifPresent(SafeMonitor::panic);
      case PTT, PAGE -> phone.ptt().ifPresent(ptt -> holdTheButton(ptt, e));
    }
  }

  /** Talks or pages for the event's length, if the phone may (else it counts as refused). */
  private void holdTheButton(PttService ptt, Scenario.ScriptedEvent e) {
    boolean page = e.kind() == Scenario.EventKind.PAGE;
    if (ptt.transmitting().isPresent()) {
      stats.talkRefused(); // already holding the button for an earlier event
      return;
    }
    boolean started = page ? ptt.page(e.channel()) : ptt.talk(e.channel());
    if (!started) {
      stats.talkRefused();
      return;
    }
    stats.talkSent(page, e.channel());
    Talk talk = ptt.transmitting().orElseThrow();
    scheduler.schedule(
        e.length(),
        () -> {
          // A higher talk may have preempted this one meanwhile; then there is nothing to release.
          if (ptt.transmitting().equals(Optional.of(talk))) {
            ptt.release();
          }
        });
  }

  /** A wearer who is fine cancels what the monitor raised, unless they are down or panicked. */
  private final class UprightWearer implements SafeListener {
    private final SafeMonitor safe;

    UprightWearer(SafeMonitor safe) {
      this.safe = safe;
    }

    @Override
    public void warning(AlarmKind kind) {
      react(kind);
    }

    @Override
    public void alarm(AlarmKind kind, boolean silent) {
      if (kind != AlarmKind.PANIC) {
        react(kind);
      }
    }

    private void react(AlarmKind kind) {
      scheduler.schedule(
          REACTION_TIME,
          () -> {
            if (mobility.activity() != Activity.FALLEN
                && safe.activeKind().equals(Optional.of(kind))) {
              safe.cancel();
            }
          });
    }
  }

  /** Where the wearer is now. */
  public Position position() {
    return mobility.position();
  }

  public Mobility mobility() {
    return mobility;
  }

  public WifiRadio wifi() {
    return wifi;
  }

  public Battery battery() {
    return battery;
  }

  public Accelerometer accelerometer() {
    return accelerometer;
  }
}
