package io.cradle.fleet.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.battery.Load;
import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.safe.AlarmKind;
import io.cradle.cpe.safe.SafeMonitor;
import io.cradle.cpe.safe.SafeState;
import io.cradle.cpe.time.RandomStreams;
import io.cradle.cpe.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One scenario phone on virtual time (no ACS): charging times, man-down, settings. */
class ScenarioPhoneTest {

  private static final Instant START = Instant.parse("2026-11-26T22:00:00Z");
  private static final String MAC = "00:0B:82:00:00:01";

  private static final Scenario SCENARIO =
      ScenarioParser.parse(
          """
          floor width=60 height=30
          ap ssid=wh bssid=00:11:22:33:44:01 band=5 channel=36 x=30 y=15 key=warehouse1
          area name=a x=0 y=0 w=60 h=30
          pattern name=p areas=a walk=0.7 idle=0.3
          phones count=1 pattern=p battery=0.4..0.6 safe=on
          charge phones=0 at=1h for=30m
          event at=2h phone=0 kind=man-down
          """,
          "test");

  @Test
  void chargesInTheCradleAtItsTimesAndAlarmsWhenTheWearerFalls() {
    VirtualScheduler scheduler = new VirtualScheduler(START);
    PValueStore store = new PValueStore(PValueCatalog.wp820());
    Phone.Builder builder =
        Phone.builder(DeviceIdentity.wp820("SN1", "V1.0A", "1.0.7.81", MAC), scheduler);
    ScenarioStats stats = new ScenarioStats();
    ScenarioPhone sp =
        ScenarioPhone.equip(
            SCENARIO,
            0,
            builder,
            store,
            scheduler,
            RandomStreams.of(1).forPhone(MAC),
            ScenarioPhone.floor(SCENARIO, 1),
            stats);
    assertEquals("2", sp.settings().get("P7814"), "WPA PSK from the AP's key");
    assertEquals("warehouse1", sp.settings().get("P7830"));
    assertEquals("1", sp.settings().get("P99810"));
    Phone phone = builder.factorySettings(sp.settings()).build();
    sp.start(phone, START);
    phone.boot();

    double soc = sp.battery().stateOfCharge();
    assertTrue(soc >= 0.39 && soc <= 0.61, "drawn in the range: " + soc);
    scheduler.runFor(Duration.ofMinutes(59));
    assertFalse(sp.battery().inCradle());
    assertTrue(sp.wifi().associated(), "on the one AP with the right key");
    scheduler.runFor(Duration.ofMinutes(2));
    assertTrue(sp.battery().inCradle());
    scheduler.runFor(Duration.ofMinutes(30));
    assertFalse(sp.battery().inCradle());

    scheduler.runFor(Duration.ofMinutes(30));
    SafeMonitor safe = phone.safe().orElseThrow();
    assertEquals(SafeState.ALARM, safe.state());
    assertTrue(
        Set.of(AlarmKind.TILT, AlarmKind.NO_MOVEMENT).contains(safe.lastAlarmKind().orElseThrow()));
    assertEquals(1, stats.snapshot().scriptedEvents());
    assertTrue(stats.snapshot().safeAlarms() >= 1);
    assertTrue(stats.snapshot().associations() >= 1);

    ScenarioStats.BatteryFigures battery = stats.snapshot().battery();
    assertEquals(sp.battery().level(), battery.lowestLevel(), "one phone: its own level");
    double idle = battery.meanDrawMa().get(Load.Part.IDLE);
    assertTrue(idle > 7 && idle < 10, "10 mA, except the half hour in the cradle: " + idle);
    assertTrue(battery.meanDrawMa().get(Load.Part.WIFI_SCAN) > 0, "scans cost");
    assertTrue(battery.meanDrawMa().get(Load.Part.SCREEN) > 0, "the SAFE warning lit the screen");
    phone.shutdown();
  }
}
