package io.cradle.cpe.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cradle.cpe.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Held and timed parts of the load, and where the charge went. */
class LoadTrackerTest {

  final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-01-05T08:00:00Z"));
  final Battery battery =
      new Battery(scheduler, new SplittableRandom(1), BatterySpec.WP820.exact(), 1.0);
  final LoadTracker loads = new LoadTracker(scheduler, battery);

  LoadTrackerTest() {
    battery.powerOn();
  }

  @Test
  void aBurstEndsOnTimeAndOverlappingBurstsExtendRatherThanAdd() {
    loads.burst(Load.Part.WIFI_SCAN, Duration.ofSeconds(1));
    assertEquals(50.0, battery.dischargeCurrentMilliamps());
    scheduler.runFor(Duration.ofMillis(500));
    loads.burst(Load.Part.WIFI_SCAN, Duration.ofSeconds(1)); // now until 1.5 s
    loads.burst(Load.Part.WIFI_SCAN, Duration.ofMillis(200)); // inside it: nothing changes
    assertEquals(50.0, battery.dischargeCurrentMilliamps(), "one radio, one scan current");
    scheduler.runFor(Duration.ofMillis(999));
    assertEquals(50.0, battery.dischargeCurrentMilliamps());
    scheduler.runFor(Duration.ofMillis(1));
    assertEquals(10.0, battery.dischargeCurrentMilliamps());
  }

  @Test
  void heldPartsStayUntilReleasedAndAddToBursts() {
    loads.hold(Load.Part.PTT_LISTEN, "enabled", true);
    loads.burst(Load.Part.SCREEN, Duration.ofSeconds(30));
    assertEquals(10 + 15 + 60.0, battery.dischargeCurrentMilliamps());
    scheduler.runFor(Duration.ofHours(1));
    assertEquals(25.0, battery.dischargeCurrentMilliamps());
    loads.hold(Load.Part.PTT_LISTEN, "enabled", false);
    assertEquals(Load.IDLE, battery.load());
  }

  @Test
  void aPartStaysOnWhileAnyOfItsHoldersHoldsIt() {
    loads.hold(Load.Part.SPEAKER, "ringing", true);
    loads.hold(Load.Part.SPEAKER, "talk", true);
    assertEquals(90.0, battery.dischargeCurrentMilliamps(), "one loudspeaker");
    loads.hold(Load.Part.SPEAKER, "talk", false);
    assertEquals(90.0, battery.dischargeCurrentMilliamps(), "still ringing");
    loads.hold(Load.Part.SPEAKER, "ringing", false);
    assertEquals(10.0, battery.dischargeCurrentMilliamps());
  }

  @Test
  void theChargeDrawnIsAccountedPerPart() {
    loads.hold(Load.Part.PTT_LISTEN, "enabled", true);
    for (int i = 0; i < 720; i++) { // an hour of scans every 5 s
      loads.burst(Load.Part.WIFI_SCAN, LoadTracker.SCAN_TIME);
      scheduler.runFor(Duration.ofSeconds(5));
    }
    assertEquals(10.0, battery.drawnMah(Load.Part.IDLE), 1e-9);
    assertEquals(15.0, battery.drawnMah(Load.Part.PTT_LISTEN), 1e-9);
    assertEquals(720 * 40.0 / 3600, battery.drawnMah(Load.Part.WIFI_SCAN), 1e-9, "8 mA average");
    assertEquals(0.0, battery.drawnMah(Load.Part.CALL));
    double drawn = 0;
    for (Load.Part part : Load.Part.values()) {
      drawn += battery.drawnMah(part);
    }
    assertEquals(battery.capacityMah() * (1 - battery.stateOfCharge()), drawn, 1e-9);
  }

  @Test
  void nothingIsDrawnInTheCradle() {
    battery.placeInCradle();
    loads.hold(Load.Part.CALL, "call", true);
    scheduler.runFor(Duration.ofHours(1));
    assertEquals(0.0, battery.drawnMah(Load.Part.CALL));
    battery.removeFromCradle();
    scheduler.runFor(Duration.ofMinutes(30));
    assertEquals(95.0, battery.drawnMah(Load.Part.CALL), 1e-9);
  }
}
