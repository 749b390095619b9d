package io.cradle.cpe.wifi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.wifi.WifiListener.AssociationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WifiRadioTest {

  static final AccessPoint A =
      AccessPoint.open("corp", "00:0B:86:00:00:0A", Band.GHZ_2_4, 1, Position.of(0, 0));
  static final AccessPoint B =
      AccessPoint.open("corp", "00:0B:86:00:00:0B", Band.GHZ_2_4, 6, Position.of(60, 0));

  static Map<String, String> with(Map<String, String> base, String... kv) {
    Map<String, String> m = new HashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static List<Duration> gaps(List<Instant> times) {
    return java.util.stream.IntStream.range(1, times.size())
        .mapToObj(i -> Duration.between(times.get(i - 1), times.get(i)))
        .toList();
  }

  // ------------------------------------------------------------------ scanning

  @Test
  void scansAtTheGoodIntervalWhenStrongAndThePoorIntervalWhenWeak() {
    RadioEnvironment env = new RadioEnvironment(List.of(A), 1);
    WifiFixture f = new WifiFixture(env, 1, WifiFixture.open("corp"));
    f.position.set(WifiFixture.whereMean(env, A, -50, -45));
    f.radio.start();
    f.run(Duration.ofMinutes(50));
    assertTrue(f.radio.associated());
    assertEquals(List.of(Duration.ofSeconds(600)), gaps(f.scans).stream().distinct().toList());
    assertEquals(6, f.scans.size(), "at 0, 10, 20, 30, 40, 50 min");

    // Walk to where the signal is below the −70 dBm threshold: the next scan comes at last scan +
    // the poor interval (the last one was just now, at 50 min), then every 5 s.
    f.position.set(WifiFixture.whereMean(env, A, -79, -77));
    f.scans.clear();
    Instant moved = f.scheduler.now();
    f.run(Duration.ofMinutes(2));
    assertTrue(f.radio.associated(), "still above the link-lost level");
    assertTrue(Duration.between(moved, f.scans.get(0)).compareTo(Duration.ofSeconds(5)) <= 0);
    assertEquals(List.of(Duration.ofSeconds(5)), gaps(f.scans).stream().distinct().toList());

    // Back to a strong signal: scanning slows to the good interval again.
    f.position.set(WifiFixture.whereMean(env, A, -50, -45));
    f.run(Duration.ofSeconds(10));
    f.scans.clear();
    f.run(Duration.ofMinutes(30));
    assertEquals(List.of(Duration.ofSeconds(600)), gaps(f.scans).stream().distinct().toList());
  }

  @Test
  void changedIntervalsTakeEffectWithoutDroppingTheLink() {
    RadioEnvironment env = new RadioEnvironment(List.of(A), 1);
    WifiFixture f = new WifiFixture(env, 1, WifiFixture.open("corp"));
    f.position.set(WifiFixture.whereMean(env, A, -50, -45));
    f.radio.start();
    f.run(Duration.ofSeconds(1));
    f.store.set("P22230", "30");
    f.run(Duration.ofMinutes(5));
    f.scans.remove(0);
    assertEquals(List.of(Duration.ofSeconds(30)), gaps(f.scans).stream().distinct().toList());
    assertEquals(1, f.count("associated"));
    assertEquals(0, f.count("disconnected"));
  }

  // ------------------------------------------------------------------ band and channels

  @Test
  void bandSettingIsRespected() {
    AccessPoint near24 = AccessPoint.open("corp", "24", Band.GHZ_2_4, 6, Position.of(0, 0));
    AccessPoint five = AccessPoint.open("corp", "5", Band.GHZ_5, 36, Position.of(0, 0));
    RadioEnvironment env = new RadioEnvironment(List.of(near24, five), 3);
    Position good5 =
        WifiFixture.whereMean(
            env, five, -62, -55, p -> env.meanRssiDbm(near24, p) > env.meanRssiDbm(five, p) + 3);
    assertTrue(
        env.meanRssiDbm(near24, good5) > env.meanRssiDbm(five, good5), "2.4 GHz is stronger");

    // 5G only: never the stronger 2.4 GHz AP, and nothing at all if only 2.4 GHz is around.
    WifiFixture only5 = new WifiFixture(env, 1, with(WifiFixture.open("corp"), "P99850", "1"));
    only5.position.set(good5);
    only5.radio.start();
    only5.run(Duration.ofMinutes(30));
    assertEquals("5", only5.radio.accessPoint().orElseThrow().bssid());
    assertTrue(
        only5.scanResults.stream()
            .flatMap(List::stream)
            .allMatch(r -> r.ap().band() == Band.GHZ_5));
    WifiFixture noFive =
        new WifiFixture(
            new RadioEnvironment(List.of(near24), 3),
            1,
            with(WifiFixture.open("corp"), "P99850", "1"));
    noFive.radio.start();
    noFive.run(Duration.ofMinutes(10));
    assertFalse(noFive.radio.associated());
    assertEquals(0, noFive.count("associated"));

    // Dual band: 5 GHz while its signal is good (at or above the threshold), though 2.4 is
    // stronger.
    WifiFixture dual = new WifiFixture(env, 1, WifiFixture.open("corp"));
    dual.position.set(good5);
    dual.radio.start();
    dual.run(Duration.ofSeconds(1));
    assertEquals("5", dual.radio.accessPoint().orElseThrow().bssid());

    // Dual band where 5 GHz is poor: the stronger 2.4 GHz AP.
    WifiFixture dualPoor = new WifiFixture(env, 1, WifiFixture.open("corp"));
    Position poor5 =
        WifiFixture.whereMean(env, five, -82, -78, p -> env.meanRssiDbm(near24, p) > -75);
    assertTrue(env.meanRssiDbm(near24, poor5) > -75);
    dualPoor.position.set(poor5);
    dualPoor.radio.start();
    dualPoor.run(Duration.ofSeconds(1));
    assertEquals("24", dualPoor.radio.accessPoint().orElseThrow().bssid());

    // 2.4G only.
    WifiFixture only24 = new WifiFixture(env, 1, with(WifiFixture.open("corp"), "P99850", "0"));
    only24.position.set(good5);
    only24.radio.start();
    only24.run(Duration.ofSeconds(1));
    assertEquals("24", only24.radio.accessPoint().orElseThrow().bssid());
  }

  @Test
  void customizedChannelListIsTheOnlyOneScannedAndUsed() {
    AccessPoint ch1 = AccessPoint.open("corp", "ch1", Band.GHZ_2_4, 1, Position.of(0, 0));
    AccessPoint ch6 = AccessPoint.open("corp", "ch6", Band.GHZ_2_4, 6, Position.of(15, 0));
    AccessPoint ch11 = AccessPoint.open("corp", "ch11", Band.GHZ_2_4, 11, Position.of(0, 3));
    RadioEnvironment env = new RadioEnvironment(List.of(ch1, ch6, ch11), 5);
    WifiFixture f =
        new WifiFixture(env, 1, with(WifiFixture.open("corp"), "P99853", "1", "P99854", "6, 36"));
    f.position.set(Position.of(1, 1));
    f.radio.start();
    f.run(Duration.ofMinutes(20));
    assertEquals("ch6", f.radio.accessPoint().orElseThrow().bssid());
    assertTrue(f.scanResults.stream().flatMap(List::stream).allMatch(r -> r.ap().channel() == 6));

    // Back to auto: every channel is scanned again at once; the current AP is still allowed, so
    // the link stays (roaming decides whether to leave it).
    f.scanResults.clear();
    f.store.set("P99853", "0");
    f.run(Duration.ofSeconds(1));
    assertEquals(1, f.scanResults.size());
    assertEquals(3, f.scanResults.get(0).size());
    assertEquals(1, f.count("associated"));
  }

  // ------------------------------------------------------------------ security and rejection

  @Test
  void wrongPskFailsAndShowsTheApDisabledUntilTheKeyIsFixed() {
    AccessPoint psk = A.withSecurity(Security.WPA_PSK, "s3cret-key");
    RadioEnvironment env = new RadioEnvironment(List.of(psk), 1);
    WifiFixture f =
        new WifiFixture(env, 1, with(WifiFixture.open("corp"), "P7814", "2", "P7830", "wrong"));
    f.position.set(Position.of(5, 0));
    f.radio.start();
    f.run(Duration.ofMinutes(5));
    assertFalse(f.radio.associated());
    assertEquals(
        1, f.count("failed " + psk.bssid() + " WRONG_CREDENTIALS"), "tried once, then Disabled");
    assertEquals(
        Map.of(psk.bssid(), AssociationFailure.WRONG_CREDENTIALS), f.radio.disabledAccessPoints());

    f.store.set("P7830", "s3cret-key");
    f.run(Duration.ofSeconds(1));
    assertTrue(f.radio.associated());
    assertTrue(f.radio.disabledAccessPoints().isEmpty());
  }

  @Test
  void securityModeMustMatchTheAps() {
    AccessPoint psk = A.withSecurity(Security.WPA_PSK, "k");
    WifiFixture f =
        new WifiFixture(new RadioEnvironment(List.of(psk), 1), 1, WifiFixture.open("corp"));
    f.position.set(Position.of(5, 0));
    f.radio.start();
    f.run(Duration.ofSeconds(1));
    assertFalse(f.radio.associated());
    assertEquals(1, f.count("failed " + psk.bssid() + " SECURITY_MISMATCH"));
  }

  @Test
  void enterpriseChecksIdentityAndPassword() {
    AccessPoint eap = A.withSecurity(Security.WPA_ENTERPRISE, "alice:pa55");
    RadioEnvironment env = new RadioEnvironment(List.of(eap), 1);
    Map<String, String> enterprise =
        with(WifiFixture.open("corp"), "P7814", "3", "P99855", "alice");
    WifiFixture wrong = new WifiFixture(env, 1, with(enterprise, "P7830", "guess"));
    wrong.radio.start();
    wrong.run(Duration.ofSeconds(1));
    assertFalse(wrong.radio.associated());
    WifiFixture right = new WifiFixture(env, 1, with(enterprise, "P7830", "pa55"));
    right.radio.start();
    right.run(Duration.ofSeconds(1));
    assertTrue(right.radio.associated());
  }

  @Test
  void anApThatRejectsIsShownDisabledAndTheNextOneIsJoined() {
    AccessPoint rejecting = A.rejecting();
    AccessPoint other =
        AccessPoint.open("corp", "00:0B:86:00:00:0C", Band.GHZ_2_4, 11, Position.of(12, 0));
    RadioEnvironment env = new RadioEnvironment(List.of(rejecting, other), 1);
    WifiFixture f = new WifiFixture(env, 1, WifiFixture.open("corp"));
    f.position.set(Position.of(1, 0));
    f.radio.start();
    f.run(Duration.ofMinutes(30));
    assertEquals(other, f.radio.accessPoint().orElseThrow());
    assertEquals(
        Map.of(rejecting.bssid(), AssociationFailure.REJECTED), f.radio.disabledAccessPoints());
    assertEquals(1, f.count("failed"));
  }

  // ------------------------------------------------------------------ coverage, roaming, DHCP

  @Test
  void leavingCoverageLosesTheLinkAndComingBackReassociates() {
    RadioEnvironment env = new RadioEnvironment(List.of(A), 1);
    WifiFixture f = new WifiFixture(env, 1, WifiFixture.open("corp"));
    f.position.set(Position.of(3, 0));
    f.radio.start();
    f.run(Duration.ofSeconds(10));
    String ip = f.radio.ipAddress().orElseThrow();
    assertEquals("10.1.0.8", ip, "host 7 on the first network");

    f.position.set(Position.of(1000, 0));
    f.run(Duration.ofSeconds(30));
    assertFalse(f.radio.associated());
    assertTrue(f.radio.ipAddress().isEmpty());
    assertEquals(1, f.count("lostCoverage " + A.bssid()));
    assertFalse(f.radio.onTraffic(10, 10), "no link, nothing carried");

    f.position.set(Position.of(3, 0));
    f.run(WifiRadio.DISCONNECTED_SCAN_INTERVAL);
    assertTrue(f.radio.associated());
    assertEquals(ip, f.radio.ipAddress().orElseThrow(), "same network, same lease");
    assertEquals(2, f.count("associated"));
    int lost =
        f.trace.indexOf(
            f.trace.stream().filter(e -> e.contains("lostCoverage")).findFirst().orElseThrow());
    assertTrue(f.trace.get(lost + 1).contains("associated"), f.trace.toString());
  }

  @Test
  void walkingFromOneApToTheNextRoamsOnceWithAShortMediaGap() {
    RadioEnvironment env = new RadioEnvironment(List.of(A, B), 11);
    WifiFixture f = new WifiFixture(env, 1, WifiFixture.open("corp"));
    f.radio.start();
    f.run(Duration.ofSeconds(1));
    assertEquals(A, f.radio.accessPoint().orElseThrow());
    // 1 m/s towards B.
    for (int s = 0; s <= 60; s++) {
      f.position.set(Position.of(s, 0));
      f.run(Duration.ofSeconds(1));
    }
    f.run(Duration.ofSeconds(30));
    assertEquals(B, f.radio.accessPoint().orElseThrow(), f.trace.toString());
    assertTrue(f.radio.roamCount() >= 1);
    assertEquals(f.radio.roamCount(), f.count("roamed"));
    assertEquals(0, f.count("lostCoverage"), f.trace.toString());
    Duration gap = f.radio.lastRoamGap();
    assertTrue(
        gap.compareTo(WifiRadio.MIN_ROAM_GAP) >= 0 && gap.compareTo(WifiRadio.MAX_ROAM_GAP) <= 0);
    assertEquals("10.1.0.8", f.radio.ipAddress().orElseThrow(), "one SSID, one lease");
  }

  @Test
  void pacingBetweenTwoApsRoamsAboutOncePerCrossing() {
    // Shadowing that jumps from one spot to the next (the old 2 m cells) made a walker ping-pong
    // at every cell edge near the boundary; a smooth field leaves one roam per crossing, at most
    // a few extra where fading straddles the gain.
    AccessPoint west = AccessPoint.open("corp", "west", Band.GHZ_5, 36, Position.of(0, 0));
    AccessPoint east = AccessPoint.open("corp", "east", Band.GHZ_5, 44, Position.of(50, 0));
    long roams = 0;
    long crossings = 0;
    for (long seed = 1; seed <= 8; seed++) {
      WifiFixture f =
          new WifiFixture(
              new RadioEnvironment(List.of(west, east), seed), seed, WifiFixture.open("corp"));
      f.position.set(Position.of(0, 3));
      f.radio.start();
      int siteCrossings = 0;
      double direction = 1;
      // An hour at 1.4 m/s, position updated every 100 ms.
      for (int step = 0; step < 36_000; step++) {
        f.run(Duration.ofMillis(100));
        double x = f.position.get().x() + direction * 0.14;
        if (x >= 50 || x <= 0) {
          direction = -direction;
          siteCrossings++;
        }
        f.position.set(Position.of(x, 3));
      }
      roams += f.radio.roamCount();
      crossings += siteCrossings;
    }
    String figures = roams + " roams in " + crossings + " crossings";
    assertTrue(roams <= crossings * 1.15, figures);
    assertTrue(roams >= crossings * 0.75, figures);
  }

  @Test
  void everyRoamOnAWalkHonoursThresholdAndGain() {
    // End to end over random sites: each roam follows a scan in which the old AP was below the
    // threshold and the new one at least the gain stronger.
    java.util.random.RandomGenerator r =
        io.cradle.cpe.time.RandomStreams.of(9).forPhone("x").stream("sites");
    int roams = 0;
    for (int site = 0; site < 40; site++) {
      List<AccessPoint> aps = new java.util.ArrayList<>();
      for (int k = 0; k < 6; k++) {
        aps.add(
            AccessPoint.open(
                "corp",
                "ap" + k,
                k % 2 == 0 ? Band.GHZ_2_4 : Band.GHZ_5,
                k % 2 == 0 ? 1 + 5 * (k % 3) : 36 + 4 * (k % 4),
                Position.of(r.nextDouble(100), r.nextDouble(30))));
      }
      RadioEnvironment env = new RadioEnvironment(aps, r.nextLong());
      int threshold = -80 + r.nextInt(20);
      int gain = r.nextInt(12);
      WifiFixture f =
          new WifiFixture(
              env,
              site,
              with(
                  WifiFixture.open("corp"),
                  "P22232",
                  Integer.toString(threshold),
                  "P99851",
                  Integer.toString(gain)));
      List<String> violations = new java.util.ArrayList<>();
      f.radio.addListener(
          new WifiListener() {
            @Override
            public void roamed(AccessPoint from, AccessPoint to, Duration gap, String ip) {
              List<ScanResult> last = f.scanResults.get(f.scanResults.size() - 1);
              double toRssi = rssiOf(last, to);
              double fromRssi = rssiOf(last, from);
              if (!(toRssi >= Roamer.USABLE_DBM)
                  || !(Double.isNaN(fromRssi)
                      || (fromRssi < threshold && toRssi >= fromRssi + gain))) {
                violations.add(
                    from.bssid() + "(" + fromRssi + ") -> " + to.bssid() + "(" + toRssi + ")");
              }
            }
          });
      f.radio.start();
      double y = r.nextDouble(30);
      for (int s = 0; s < 600; s++) {
        double x = s % 200 < 100 ? s % 200 : 200 - s % 200;
        f.position.set(Position.of(x, y));
        f.run(Duration.ofSeconds(1));
      }
      assertEquals(List.of(), violations, "site " + site);
      roams += f.radio.roamCount();
    }
    assertTrue(roams > 20, "the walks roam: " + roams);
  }

  static double rssiOf(List<ScanResult> scan, AccessPoint ap) {
    return scan.stream()
        .filter(s -> s.ap().equals(ap))
        .mapToDouble(ScanResult::rssiDbm)
        .findFirst()
        .orElse(Double.NaN);
  }

  @Test
  void addressFollowsTheNetworkJoined() {
    AccessPoint guest =
        AccessPoint.open("guest", "00:0B:86:00:00:0D", Band.GHZ_5, 40, Position.of(2, 0));
    RadioEnvironment env = new RadioEnvironment(List.of(A, guest), 1);
    WifiFixture f = new WifiFixture(env, 1, WifiFixture.open("corp"));
    f.position.set(Position.of(1, 0));
    f.radio.start();
    f.run(Duration.ofSeconds(1));
    assertEquals("10.1.0.8", f.radio.ipAddress().orElseThrow());
    f.store.set("P7812", "guest");
    f.run(Duration.ofSeconds(1));
    assertEquals(guest, f.radio.accessPoint().orElseThrow());
    assertEquals("10.2.0.8", f.radio.ipAddress().orElseThrow());
    assertEquals(1, f.count("disconnected " + A.bssid()));
  }

  @Test
  void wifiOffDropsTheLinkAndStopsScanning() {
    WifiFixture f =
        new WifiFixture(new RadioEnvironment(List.of(A), 1), 1, WifiFixture.open("corp"));
    f.position.set(Position.of(3, 0));
    f.radio.start();
    f.run(Duration.ofSeconds(1));
    f.store.set("P7800", "0");
    f.run(Duration.ofSeconds(1));
    assertFalse(f.radio.associated());
    assertFalse(f.radio.enabled());
    int scans = f.scans.size();
    f.run(Duration.ofHours(1));
    assertEquals(scans, f.scans.size());
    assertEquals(0, f.scheduler.pendingCount(), "no timers left");
    f.store.set("P7800", "1");
    f.run(Duration.ofSeconds(1));
    assertTrue(f.radio.associated());
    f.radio.stop();
    assertEquals(0, f.scheduler.pendingCount());
  }

  @Test
  void signalWarningFiresOnceWhenTheSignalFallsBelowTheLevel() {
    RadioEnvironment env = new RadioEnvironment(List.of(A), 1);
    WifiFixture f = new WifiFixture(env, 1, with(WifiFixture.open("corp"), "P99852", "3"));
    f.position.set(WifiFixture.whereMean(env, A, -50, -45));
    f.radio.start();
    f.run(Duration.ofMinutes(1));
    assertEquals(0, f.count("signalWarning"));
    f.position.set(WifiFixture.whereMean(env, A, -78, -76));
    f.run(Duration.ofMinutes(5));
    assertEquals(1, f.count("signalWarning"), "below −67 dBm, once while it stays low");
  }

  @Test
  void trafficCountersAndErrorsFollowTheSignal() {
    RadioEnvironment env = new RadioEnvironment(List.of(A), 1);
    WifiFixture strong = new WifiFixture(env, 1, WifiFixture.open("corp"));
    strong.position.set(WifiFixture.whereMean(env, A, -50, -45));
    strong.radio.start();
    strong.run(Duration.ofSeconds(1));
    WifiFixture weak = new WifiFixture(env, 1, WifiFixture.open("corp"));
    weak.position.set(WifiFixture.whereMean(env, A, -84, -83));
    weak.radio.start();
    weak.run(Duration.ofSeconds(1));
    assertTrue(weak.radio.associated());
    for (int i = 0; i < 100; i++) {
      assertTrue(strong.radio.onTraffic(50, 50));
      weak.radio.onTraffic(50, 50);
    }
    assertEquals(5000, strong.radio.packetsSent());
    assertEquals(5000, strong.radio.packetsReceived());
    assertTrue(strong.radio.errorsSent() < 20, "about 0.1 % at a strong signal");
    assertTrue(
        weak.radio.errorsSent() > 300, "about 10 % near sensitivity: " + weak.radio.errorsSent());
    assertTrue(strong.radio.connectionSpeedKbps() == 65_000);
    assertTrue(weak.radio.connectionSpeedKbps() <= 13_000);
  }

  // ------------------------------------------------------------------ determinism

  /** A corridor of four APs on two bands; the phone walks it end to end and back for an hour. */
  static List<String> walkAnHour(long seed) {
    List<AccessPoint> aps =
        List.of(
            AccessPoint.open("corp", "ap1", Band.GHZ_2_4, 1, Position.of(0, 2)),
            AccessPoint.open("corp", "ap2", Band.GHZ_5, 36, Position.of(40, 2)),
            AccessPoint.open("corp", "ap3", Band.GHZ_2_4, 11, Position.of(80, 2)),
            AccessPoint.open("corp", "ap4", Band.GHZ_5, 44, Position.of(160, 2)));
    RadioEnvironment env = new RadioEnvironment(aps, 77);
    WifiFixture f =
        new WifiFixture(env, seed, with(WifiFixture.open("corp"), "P99852", "2", "P22230", "60"));
    f.radio.addListener(
        new WifiListener() {
          @Override
          public void scanned(List<ScanResult> heard) {
            f.log("scan " + heard.size());
          }
        });
    f.radio.start();
    for (int s = 0; s < 3600; s++) {
      double x = s % 480 < 240 ? (s % 480) : 480 - s % 480; // 0.67 m/s along 160 m
      f.position.set(Position.of(x * 160 / 240, 0));
      f.run(Duration.ofSeconds(1));
      if (s % 10 == 0) {
        f.radio.onTraffic(500, 500);
      }
    }
    f.log("end roams=" + f.radio.roamCount() + " errors=" + f.radio.errorsSent());
    return f.trace;
  }

  @Test
  void sameSeedGivesTheSameTraceOverAnHourOfWalking() {
    List<String> first = walkAnHour(123);
    assertEquals(first, walkAnHour(123));
    assertTrue(first.stream().anyMatch(e -> e.contains("roamed")), first.toString());
    assertNotEquals(first, walkAnHour(124), "another seed, another run");
  }
}
