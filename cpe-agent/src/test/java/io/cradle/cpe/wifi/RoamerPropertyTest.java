package io.cradle.cpe.wifi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.time.RandomStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Properties of the roaming decision over random AP layouts and positions: the thresholds and gains
 * are applied exactly as configured.
 */
class RoamerPropertyTest {

  static final int LAYOUTS = 500;

  record Case(WifiSettings settings, ScanResult current, List<ScanResult> candidates) {}

  /** A random site (2-10 APs of one SSID over 80 m × 80 m), phone position, scan and settings. */
  static Case randomCase(RandomGenerator r, int i) {
    List<AccessPoint> aps = new ArrayList<>();
    int n = 2 + r.nextInt(9);
    for (int k = 0; k < n; k++) {
      boolean five = r.nextBoolean();
      aps.add(
          new AccessPoint(
              "corp",
              String.format("00:0B:86:00:%02X:%02X", i % 256, k),
              five ? Band.GHZ_5 : Band.GHZ_2_4,
              five ? 36 + 4 * r.nextInt(4) : 1 + 5 * r.nextInt(3),
              Position.of(r.nextDouble(80), r.nextDouble(80)),
              10 + r.nextDouble(10),
              0,
              Security.OPEN,
              "",
              false));
    }
    RadioEnvironment env = new RadioEnvironment(aps, r.nextLong());
    Position phone = Position.of(r.nextDouble(80), r.nextDouble(80));
    List<ScanResult> heard = env.scan(phone, ap -> true, r);
    if (heard.isEmpty()) {
      return null;
    }
    PValueStore store = new PValueStore(PValueCatalog.wp820());
    store.setAll(
        Map.of(
            "P22232", Integer.toString(-90 + r.nextInt(40)),
            "P99851", Integer.toString(r.nextInt(16)),
            "P99850", Integer.toString(r.nextInt(3))));
    WifiSettings settings = WifiSettings.from(store);
    ScanResult current = heard.get(r.nextInt(heard.size()));
    return new Case(settings, current, heard);
  }

  static List<Case> cases() {
    RandomGenerator r = RandomStreams.of(2026).forPhone("roamer").stream("layouts");
    List<Case> cases = new ArrayList<>();
    for (int i = 0; cases.size() < LAYOUTS; i++) {
      Case c = randomCase(r, i);
      if (c != null) {
        cases.add(c);
      }
    }
    return cases;
  }

  @Test
  void neverRoamsToAWorseApNorByLessThanTheGain() {
    int roams = 0;
    for (Case c : cases()) {
      Roamer.Decision d = Roamer.decide(c.current(), c.candidates(), c.settings());
      if (d instanceof Roamer.RoamTo roam) {
        roams++;
        ScanResult t = roam.target();
        assertNotEquals(c.current().ap().bssid(), t.ap().bssid(), c.toString());
        assertTrue(
            t.rssiDbm() > c.current().rssiDbm() || c.settings().roamingGainDb() == 0, c.toString());
        assertTrue(
            t.rssiDbm() >= c.current().rssiDbm() + c.settings().roamingGainDb(), c.toString());
        assertTrue(t.rssiDbm() >= Roamer.USABLE_DBM, c.toString());
        assertTrue(c.settings().band().allows(t.ap().band()), c.toString());
      }
    }
    assertTrue(roams > 50, "the layouts exercise roaming: " + roams);
  }

  @Test
  void alwaysRoamsBelowThresholdWhenAnApIsBetterByTheGain() {
    int checked = 0;
    for (Case c : cases()) {
      double cur = c.current().rssiDbm();
      boolean betterExists =
          c.candidates().stream()
              .anyMatch(
                  x ->
                      !x.ap().bssid().equals(c.current().ap().bssid())
                          && c.settings().band().allows(x.ap().band())
                          && x.rssiDbm() >= Roamer.USABLE_DBM
                          && x.rssiDbm() >= cur + c.settings().roamingGainDb());
      if (cur < c.settings().thresholdDbm() && betterExists) {
        checked++;
        assertInstanceOf(
            Roamer.RoamTo.class,
            Roamer.decide(c.current(), c.candidates(), c.settings()),
            c.toString());
      }
    }
    assertTrue(checked > 50, "cases with a better AP below threshold: " + checked);
  }

  @Test
  void neverRoamsAtOrAboveTheThreshold() {
    int checked = 0;
    for (Case c : cases()) {
      if (c.current().rssiDbm() >= c.settings().thresholdDbm()) {
        checked++;
        assertInstanceOf(
            Roamer.Stay.class,
            Roamer.decide(c.current(), c.candidates(), c.settings()),
            c.toString());
      }
    }
    assertTrue(checked > 50, "cases at or above threshold: " + checked);
  }

  @Test
  void thresholdAndGainAreExactBoundaries() {
    PValueStore store = new PValueStore(PValueCatalog.wp820());
    store.setAll(Map.of("P22232", "-70", "P99851", "8", "P99850", "2"));
    WifiSettings s = WifiSettings.from(store);
    AccessPoint a = AccessPoint.open("corp", "A", Band.GHZ_2_4, 1, Position.of(0, 0));
    AccessPoint b = AccessPoint.open("corp", "B", Band.GHZ_2_4, 6, Position.of(9, 0));
    // At the threshold: stay, even for a far better AP.
    assertInstanceOf(
        Roamer.Stay.class,
        Roamer.decide(new ScanResult(a, -70), List.of(new ScanResult(b, -40)), s));
    // Below: exactly the gain roams, 0.1 dB less does not.
    assertInstanceOf(
        Roamer.RoamTo.class,
        Roamer.decide(new ScanResult(a, -75), List.of(new ScanResult(b, -67)), s));
    assertInstanceOf(
        Roamer.Stay.class,
        Roamer.decide(new ScanResult(a, -75), List.of(new ScanResult(b, -67.1)), s));
    // Nothing better and the link gone: disassociate.
    assertInstanceOf(
        Roamer.Disassociate.class,
        Roamer.decide(new ScanResult(a, -89), List.of(new ScanResult(b, -86)), s));
  }

  @Test
  void dualBandPrefers5GHzWhileItIsGoodAndBandSettingsExcludeTheOtherBand() {
    AccessPoint g24 = AccessPoint.open("corp", "A", Band.GHZ_2_4, 1, Position.of(0, 0));
    AccessPoint g5 = AccessPoint.open("corp", "B", Band.GHZ_5, 36, Position.of(0, 0));
    List<ScanResult> heard = List.of(new ScanResult(g24, -45), new ScanResult(g5, -60));
    PValueStore store = new PValueStore(PValueCatalog.wp820());
    assertEquals(Optional.of(heard.get(1)), Roamer.choose(heard, WifiSettings.from(store)));
    List<ScanResult> poor5 = List.of(new ScanResult(g24, -45), new ScanResult(g5, -75));
    assertEquals(Optional.of(poor5.get(0)), Roamer.choose(poor5, WifiSettings.from(store)));
    store.set("P99850", "1");
    assertEquals(Optional.of(poor5.get(1)), Roamer.choose(poor5, WifiSettings.from(store)));
    store.set("P99850", "0");
    assertEquals(Optional.of(heard.get(0)), Roamer.choose(heard, WifiSettings.from(store)));
    assertEquals(
        Optional.empty(),
        Roamer.choose(List.of(new ScanResult(g5, -40)), WifiSettings.from(store)));
  }
}
