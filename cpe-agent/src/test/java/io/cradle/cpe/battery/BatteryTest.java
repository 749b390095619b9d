package io.cradle.cpe.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.time.RandomStreams;
import io.cradle.cpe.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The battery on the virtual clock: the guide's 150 h / 7.5 h, warnings, charging, auto boot. */
class BatteryTest {

  static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

  final VirtualScheduler scheduler = new VirtualScheduler(T0);
  final Recorder recorder = new Recorder(scheduler);

  Battery battery(long seed, String mac, BatterySpec spec, double soc) {
    RandomGenerator random = RandomStreams.of(seed).forPhone(mac).stream(Battery.RANDOM_STREAM);
    Battery b = new Battery(scheduler, random, spec, soc);
    b.addListener(recorder);
    return b;
  }

  Battery exact(double soc) {
    return battery(1, "C0:74:AD:00:00:01", BatterySpec.WP820.exact(), soc);
  }

  static double hoursSince(Instant t) {
    return Duration.between(T0, t).toNanos() / 3.6e12;
  }

  @Test
  void idleOnWifiLasts150Hours() {
    Battery b = exact(1.0);
    assertTrue(b.powerOn());
    scheduler.runFor(Duration.ofHours(200));
    double hours = hoursSince(recorder.when("shutdown"));
    assertEquals(150.0, hours, 150.0 * 0.02);
    assertEquals(150.0, hours, 1e-6, "no capacity spread: exactly 1500 mAh / 10 mA");
    assertFalse(b.poweredOn());
    assertEquals(0, b.level());
  }

  @Test
  void continuousCallLasts7AndAHalfHours() {
    Battery b = exact(1.0);
    b.powerOn();
    b.setLoad(Load.CALL);
    scheduler.runFor(Duration.ofHours(10));
    assertEquals(7.5, hoursSince(recorder.when("shutdown")), 1e-6);
  }

  @Test
  void everyCellOfAFleetStaysWithinTwoPercentOfTheGuide() {
    for (int i = 0; i < 50; i++) {
      VirtualScheduler s = new VirtualScheduler(T0);
      Recorder r = new Recorder(s);
      String mac = String.format("C0:74:AD:00:01:%02X", i);
      RandomGenerator random = RandomStreams.of(42).forPhone(mac).stream(Battery.RANDOM_STREAM);
      Battery idle = new Battery(s, random, BatterySpec.WP820, 1.0);
      idle.addListener(r);
      idle.powerOn();
      s.runFor(Duration.ofHours(160));
      assertEquals(150.0, hoursSince(r.when("shutdown")), 3.0, mac);

      VirtualScheduler s2 = new VirtualScheduler(T0);
      Recorder r2 = new Recorder(s2);
      Battery talk =
          new Battery(
              s2,
              RandomStreams.of(42).forPhone(mac).stream(Battery.RANDOM_STREAM),
              BatterySpec.WP820,
              1.0);
      talk.addListener(r2);
      talk.powerOn();
      talk.setLoad(Load.CALL);
      s2.runFor(Duration.ofHours(8));
      assertEquals(7.5, hoursSince(r2.when("shutdown")), 0.15, mac);
      assertEquals(idle.capacityMah(), talk.capacityMah(), "same stream, same cell");
    }
  }

  @Test
  void warnsAtExactly15And5PercentOnceEachThenShutsDownAt0() {
    Battery b = exact(1.0);
    b.powerOn();
    // Screen and call bursts while discharging: the warnings still come once each.
    for (int i = 0; i < 400 && b.poweredOn(); i++) {
      b.setLoad(i % 2 == 0 ? Load.CALL.withScreenOn(true) : Load.IDLE);
      scheduler.runFor(Duration.ofMinutes(17));
      if (i % 2 == 0 && b.level() <= 15 && b.level() > 5) {
        assertTrue(b.lowBattery());
      }
    }
    assertEquals(List.of("low 15", "critical 5", "shutdown"), recorder.events());
    // At the instant of each event the level reads what the guide says.
    assertEquals(0, b.level());
    assertFalse(b.poweredOn());
  }

  @Test
  void theWarningComesWhenTheLevelBecomes15() {
    Battery b = exact(1.0);
    b.powerOn();
    // 85 % of 1500 mAh at 10 mA = 127.5 h.
    scheduler.runUntil(T0.plus(Duration.ofMinutes(127 * 60 + 29)));
    assertEquals(16, b.level());
    assertTrue(recorder.events().isEmpty());
    scheduler.runUntil(T0.plus(Duration.ofMinutes(127 * 60 + 30)));
    assertEquals(List.of("low 15"), recorder.events());
    assertEquals(15, b.level());
    assertTrue(b.lowBattery());
    // 95 % at 10 mA = 142.5 h.
    assertEquals(142.5, hoursSinceRunning(b, "critical 5"), 1e-6);
  }

  private double hoursSinceRunning(Battery b, String event) {
    scheduler.runFor(Duration.ofHours(30));
    return hoursSince(recorder.when(event));
  }

  @Test
  void warningsRearmOnlyAfterChargingAboveThem() {
    Battery b = exact(0.20);
    b.powerOn();
    b.setLoad(Load.CALL); // 200 mA: 5 % = 75 mAh every 22.5 min
    scheduler.runFor(Duration.ofMinutes(30)); // 20 % -> 13.3 %
    assertEquals(List.of("low 15"), recorder.events());
    b.placeInCradle();
    scheduler.runFor(Duration.ofMinutes(1)); // +13.3 mAh: still below 15 %
    b.removeFromCradle();
    scheduler.runFor(Duration.ofMinutes(5));
    assertEquals(1, recorder.events().stream().filter(e -> e.startsWith("low")).count());
    b.placeInCradle();
    scheduler.runFor(Duration.ofMinutes(30)); // well above 15 %
    b.removeFromCradle();
    scheduler.runFor(Duration.ofMinutes(160)); // 533 mAh: 39.8 % -> 4.2 %
    assertEquals(2, recorder.events().stream().filter(e -> e.startsWith("low")).count());
    assertEquals(1, recorder.events().stream().filter(e -> e.startsWith("critical")).count());
  }

  @Test
  void aBatteryThatStartsLowDoesNotClaimToHaveBecomeLow() {
    Battery b = exact(0.10);
    b.powerOn();
    scheduler.runFor(Duration.ofHours(20));
    assertEquals(List.of("critical 5", "shutdown"), recorder.events());
  }

  @Test
  void chargesFromEmptyInCcThenCvAndIsFullIn2Point48Hours() {
    Battery b = exact(0.0);
    b.placeInCradle();
    assertEquals(ChargingState.CHARGING, b.chargingState());
    assertEquals(Led.GREEN_BLINKING, b.led());
    // CC: 800 mA until 80 % = 1200 mAh, i.e. 1.5 h.
    double previousSoc = -1;
    for (int minute = 0; minute < 90; minute += 10) {
      assertEquals(800.0, b.chargingCurrentMilliamps(), 1e-9, "CC at minute " + minute);
      assertTrue(b.stateOfCharge() > previousSoc);
      previousSoc = b.stateOfCharge();
      scheduler.runFor(Duration.ofMinutes(10));
    }
    assertEquals(0.80, b.stateOfCharge(), 1e-9);
    assertEquals(4.35, b.voltage(), 0.001, "CV begins at the charge voltage limit");
    // CV: the current falls, the voltage is held at 4.35 V.
    double previousCurrent = 800.0 + 1e-9;
    for (int minute = 0; minute < 55; minute += 5) {
      scheduler.runFor(Duration.ofMinutes(5));
      double current = b.chargingCurrentMilliamps();
      assertTrue(current < previousCurrent, "CV current falls: " + current);
      assertTrue(b.voltage() <= 4.35 + 1e-9 && b.voltage() > 4.33, "CV voltage " + b.voltage());
      previousCurrent = current;
    }
    scheduler.runFor(Duration.ofHours(1));
    double expected = 1.5 + Math.log(800.0 / 75.0) * 300.0 / 725.0;
    assertEquals(2.479, expected, 0.001);
    assertEquals(expected, hoursSince(recorder.when("full")), 1e-6);
    assertEquals(ChargingState.FULL, b.chargingState());
    assertEquals(100, b.level());
    assertEquals(Led.GREEN_SOLID, b.led());
    assertEquals(
        List.of("charging tone=false", "led GREEN_BLINKING", "full", "led GREEN_SOLID"),
        recorder.events());
  }

  @Test
  void timeToFullCountsDownToTheFullEvent() {
    Battery b = exact(0.3);
    b.placeInCradle();
    scheduler.runFor(Duration.ofMinutes(47));
    Duration left = b.timeToFull().orElseThrow();
    Instant predicted = scheduler.now().plus(left);
    scheduler.runFor(Duration.ofHours(3));
    assertEquals(0, Duration.between(predicted, recorder.when("full")).abs().toMillis());
    assertTrue(b.timeToFull().isEmpty());
  }

  @Test
  void remainingTimeIsConsistentWithTheShutdown() {
    Battery b = exact(1.0);
    b.powerOn();
    assertEquals(Duration.ofHours(150), b.remainingTime());
    scheduler.runFor(Duration.ofHours(40));
    assertEquals(Duration.ofHours(110), b.remainingTime());
    b.setLoad(Load.CALL.withSpeaker(true)); // 280 mA
    Duration left = b.remainingTime();
    assertEquals(1100.0 / 280.0, left.toNanos() / 3.6e12, 1e-9);
    Instant predicted = scheduler.now().plus(left);
    scheduler.runFor(Duration.ofHours(10));
    assertEquals(predicted, recorder.when("shutdown"));
  }

  @Test
  void loadsAddUpAsDocumented() {
    assertEquals(10.0, Load.IDLE.currentMilliamps());
    assertEquals(200.0, Load.CALL.currentMilliamps());
    assertEquals(1500.0 / 150.0, Load.IDLE.currentMilliamps());
    assertEquals(1500.0 / 7.5, Load.CALL.currentMilliamps());
    Load all =
        Load.IDLE
            .withScreenOn(true)
            .withInCall(true)
            .withSpeaker(true)
            .withWifiScanning(true)
            .withPttListening(true);
    assertEquals(10 + 60 + 190 + 80 + 40 + 15, all.currentMilliamps());
  }

  @Test
  void voltageFollowsTheOcvCurveMinusTheIrDrop() {
    Battery b = exact(0.5);
    assertEquals(3.87, b.voltage(), 1e-9, "off: open circuit");
    b.powerOn();
    b.setLoad(Load.CALL);
    assertEquals(3.87 - 0.2 * 0.25, b.voltage(), 1e-9);
    assertEquals(3.40, OpenCircuitVoltage.at(0), 1e-9);
    assertEquals(4.33, OpenCircuitVoltage.at(1), 1e-9);
    assertEquals(3.845, OpenCircuitVoltage.at(0.45), 1e-9);
  }

  @Test
  void autoBootsOnTheChargerOnlyAfterAnAbnormalPowerOff() {
    Battery b = exact(0.02);
    b.powerOn();
    scheduler.runFor(Duration.ofHours(5)); // 30 mAh at 10 mA: empty after 3 h
    assertEquals(List.of("shutdown"), recorder.events());
    assertFalse(b.powerOn(), "an empty phone will not boot off the charger");
    b.placeInCradle();
    assertTrue(b.poweredOn());
    assertEquals(
        List.of("shutdown", "charging tone=false", "autoboot", "led GREEN_BLINKING"),
        recorder.events());

    scheduler.runFor(Duration.ofHours(1));

    // Switched off normally: charging only, no boot.
    recorder.trace.clear();
    recorder.times.clear();
    b.removeFromCradle();
    b.powerOff();
    b.placeInCradle();
    assertFalse(b.poweredOn());
    assertFalse(recorder.events().contains("autoboot"));

    // Battery pulled while on: boots on the charger.
    b.removeFromCradle();
    b.powerOn();
    b.abnormalPowerOff();
    assertFalse(b.poweredOn());
    b.placeInCradle();
    assertTrue(b.poweredOn());
    assertEquals(1, recorder.events().stream().filter("autoboot"::equals).count());
  }

  @Test
  void aPhoneBootedOnTheChargerWithAnEmptyCellDiesWhenLifted() {
    Battery b = exact(0.0);
    b.placeInCradle();
    assertTrue(b.powerOn());
    b.removeFromCradle();
    assertFalse(b.poweredOn());
    assertEquals(
        List.of("stopped", "shutdown", "led OFF"),
        recorder.events().subList(recorder.events().size() - 3, recorder.events().size()));
  }

  @Test
  void chargingToneFollowsP22224() {
    var store = new io.cradle.cpe.config.PValueStore(io.cradle.cpe.config.PValueCatalog.wp820());
    Battery b = exact(0.5);
    b.followChargingTone(store);
    b.placeInCradle();
    store.set(Battery.CHARGING_TONE_PVALUE, "1");
    b.removeFromCradle();
    b.placeInCradle();
    assertEquals(
        List.of("charging tone=false", "stopped", "charging tone=true"),
        recorder.events().stream().filter(e -> !e.startsWith("led")).toList());
  }

  @Test
  void theSameSeedGivesTheSameTraceAndAnotherSeedAnother() {
    List<String> a = scenario(7);
    List<String> b = scenario(7);
    List<String> c = scenario(8);
    assertEquals(a, b);
    assertNotEquals(a, c);
    assertTrue(a.size() > 10, a.toString());
  }

  /** A day of mixed use and charging, driven by a seeded use pattern too. */
  private static List<String> scenario(long seed) {
    VirtualScheduler s = new VirtualScheduler(T0);
    Recorder r = new Recorder(s);
    RandomStreams.PhoneStreams phone = RandomStreams.of(seed).forPhone("C0:74:AD:00:00:09");
    Battery b = new Battery(s, phone.stream(Battery.RANDOM_STREAM), BatterySpec.WP820, 0.6);
    b.addListener(r);
    RandomGenerator use = phone.stream("test-usage");
    b.powerOn();
    for (int step = 0; step < 300; step++) {
      int what = use.nextInt(10);
      if (what < 6) {
        b.setLoad(new Load(use.nextBoolean(), use.nextInt(3) == 0, use.nextBoolean(), false, true));
      } else if (what < 8) {
        b.removeFromCradle();
        if (!b.poweredOn()) {
          b.powerOn();
        }
      } else if (what < 9) {
        b.placeInCradle();
      }
      s.runFor(Duration.ofSeconds(60 + use.nextInt(3600)));
    }
    return r.trace;
  }
}
