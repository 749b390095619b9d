package io.cradle.fleet.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.battery.Load;
import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.ptt.PttListener;
import io.cradle.cpe.ptt.PttSettings;
import io.cradle.cpe.safe.AlarmKind;
import io.cradle.cpe.safe.SafeMonitor;
import io.cradle.cpe.safe.SafeState;
import io.cradle.cpe.time.RandomStreams;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cpe.wifi.RadioEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
            new Airwaves(),
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

  @Test
  void scriptedTalksAndPagesReachTheOtherPhonesUnderTheArbitersRules() {
    Scenario scenario =
        ScenarioParser.parse(
            """
            floor width=30 height=20
            ap ssid=wh bssid=00:11:22:33:44:01 band=5 channel=36 x=15 y=10
            area name=a x=0 y=0 w=30 h=20
            pattern name=p areas=a walk=0.5 idle=0.5
            phones count=3 pattern=p
            event at=10m phone=0 kind=ptt channel=1 for=5s
            event at=20m phone=1 kind=page priority=2 for=5s
            event at=30m phone=0 kind=ptt channel=3 for=10s
            # phone 1 plays phone 0's talk: a talk of the same level is refused
            event at=30m2s phone=1 kind=ptt channel=4 for=3s
            # the emergency channel stops phone 0 sending and takes over what phone 1 plays
            event at=30m4s phone=2 kind=ptt channel=25 for=3s
            """,
            "ptt");
    VirtualScheduler scheduler = new VirtualScheduler(START);
    ScenarioStats stats = new ScenarioStats();
    RadioEnvironment floor = ScenarioPhone.floor(scenario, 1);
    Airwaves air = new Airwaves();
    List<Phone> phones = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String mac = "00:0B:82:00:00:1" + i;
      PValueStore store = new PValueStore(PValueCatalog.wp820());
      Phone.Builder builder =
          Phone.builder(DeviceIdentity.wp820("SN1" + i, "V1.0A", "1.0.7.81", mac), scheduler);
      ScenarioPhone sp =
          ScenarioPhone.equip(
              scenario,
              i,
              builder,
              store,
              scheduler,
              RandomStreams.of(1).forPhone(mac),
              floor,
              air,
              stats);
      assertEquals("phone " + i, sp.settings().get(PttSettings.PTT_CALLER_ID));
      Phone phone = builder.factorySettings(sp.settings()).build();
      sp.start(phone, START);
      phone.boot();
      phones.add(phone);
    }
    List<String> heardBy1 = new ArrayList<>();
    phones
        .get(1)
        .ptt()
        .orElseThrow()
        .addListener(
            new PttListener() {
              @Override
              public void pttReceived(int channel, String callerId) {
                heardBy1.add(channel + " from " + callerId);
              }
            });

    scheduler.runFor(Duration.ofMinutes(31));

    ScenarioStats.Talks talks = stats.snapshot().talks();
    assertEquals(new ScenarioStats.Talks(3, 6, 1, 2, 1), talks, talks.toString());
    assertEquals(List.of("1 from phone 0", "3 from phone 0", "25 from phone 2"), heardBy1);
    assertTrue(phones.get(0).ptt().orElseThrow().transmitting().isEmpty(), "preempted");
    assertEquals(5, stats.snapshot().scriptedEvents());
    double listening = stats.snapshot().battery().meanDrawMa().get(Load.Part.PTT_LISTEN);
    assertEquals(15.0, listening, 1e-6, "PTT on: every phone listens all the time");
  }
}
