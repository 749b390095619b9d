package io.cradle.cpe.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cradle.cpe.battery.Battery;
import io.cradle.cpe.battery.BatterySpec;
import io.cradle.cpe.battery.Load;
import io.cradle.cpe.battery.LoadTracker;
import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.ptt.PttSettings;
import io.cradle.cpe.safe.AlarmKind;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cpe.wifi.AccessPoint;
import io.cradle.cpe.wifi.Band;
import io.cradle.cpe.wifi.DhcpPool;
import io.cradle.cpe.wifi.Position;
import io.cradle.cpe.wifi.RadioEnvironment;
import io.cradle.cpe.wifi.WifiRadio;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What calls, scans, PTT and SAFE cost the battery, part by part. */
class ActivityLoadTest {

  final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-11-26T10:00:00Z"));
  final PValueStore store = new PValueStore(PValueCatalog.wp820());
  final Battery battery =
      new Battery(scheduler, new SplittableRandom(1), BatterySpec.WP820.exact(), 1.0);
  final ActivityLoad activity = new ActivityLoad(new LoadTracker(scheduler, battery), store);

  ActivityLoadTest() {
    battery.powerOn();
  }

  double ma() {
    return battery.dischargeCurrentMilliamps();
  }

  @Test
  void aCallRingsOnTheSpeakerThenDrawsTheCalibratedCallCurrentThenLightsTheScreen() {
    activity.callEvent(PhoneEvent.INCOMING_CALL);
    assertEquals(10 + 60 + 80.0, ma(), "ringing: screen and loudspeaker");
    activity.callEvent(PhoneEvent.CONNECTED);
    assertEquals(200.0, ma(), "at the ear: the guide's 7.5 h talk current, screen off");
    scheduler.runFor(Duration.ofMinutes(3));
    activity.callEvent(PhoneEvent.DISCONNECTED);
    assertEquals(70.0, ma(), "screen lit after hanging up");
    scheduler.runFor(LoadTracker.SCREEN_TIMEOUT);
    assertEquals(10.0, ma());
    activity.callEvent(PhoneEvent.OUTGOING_CALL);
    assertEquals(70.0, ma(), "dialling");
  }

  @Test
  void aPttTalkEndingDuringACallLeavesTheCallsCurrent() {
    activity.callEvent(PhoneEvent.CONNECTED);
    activity.transmitStarted(1); // a call connected while the button was held
    activity.transmitStopped(1);
    scheduler.runFor(LoadTracker.SCREEN_TIMEOUT);
    assertEquals(200.0, ma(), "the call goes on");
    activity.callEvent(PhoneEvent.INCOMING_CALL); // call waiting rings on the loudspeaker
    activity.pttReceived(25, "Emergency");
    activity.pttEnded(25);
    assertEquals(200 + 60 + 80.0, ma(), "still ringing");
  }

  @Test
  void pttListeningFollowsItsEnableAndTalksUseSpeakerOrTransmitter() {
    activity.followPttListening();
    assertEquals(10.0, ma(), "PTT off by default");
    store.setAll(Map.of(PttSettings.PTT_ENABLE, "1"));
    assertEquals(25.0, ma());
    activity.pttReceived(1, "Dock");
    assertEquals(25 + 80 + 60.0, ma());
    activity.pttEnded(1);
    activity.transmitStarted(1);
    assertEquals(25 + 190 + 60.0, ma());
    activity.transmitStopped(1);
    scheduler.runFor(LoadTracker.SCREEN_TIMEOUT);
    assertEquals(25.0, ma());
    store.setAll(Map.of(PttSettings.PTT_ENABLE, "0", PttSettings.GROUP_ENABLE, "1"));
    assertEquals(25.0, ma(), "group paging listens too");
    activity.warning(AlarmKind.TILT);
    assertEquals(85.0, ma());
  }

  /** An idle phone standing where the AP's mean signal is {@code rssi}: charge drawn by scans. */
  double scanChargeInADay(double lo, double hi) {
    AccessPoint ap =
        AccessPoint.open("ward", "00:11:22:33:44:01", Band.GHZ_5, 36, Position.of(0, 0));
    RadioEnvironment floor = new RadioEnvironment(List.of(ap), 7);
    Position where = null;
    for (double x = 0; where == null; x += 0.1) {
      double mean = floor.meanRssiDbm(ap, Position.of(x, 0));
      if (mean >= lo && mean <= hi) {
        where = Position.of(x, 0);
      }
    }
    Position here = where;
    store.setAll(Map.of("P7800", "1", "P7812", "ward", "P7814", "0"));
    WifiRadio radio =
        new WifiRadio(
            scheduler,
            new SplittableRandom(3),
            floor,
            () -> here,
            store,
            DhcpPool.tenNet(List.of("ward"), 1));
    radio.addListener(activity);
    radio.start();
    scheduler.runFor(Duration.ofHours(24));
    assertEquals(240.0, battery.drawnMah(Load.Part.IDLE), 1e-6, "walking or not: 10 mA");
    return battery.drawnMah(Load.Part.WIFI_SCAN);
  }

  @Test
  void goodSignalScansCostAlmostNothing() {
    // Every 600 s for 1 s at 40 mA: 0.067 mA, 1.6 mAh a day (plus the first scan at power on).
    assertEquals(1.6, scanChargeInADay(-55, -50), 0.05);
  }

  @Test
  void poorSignalScansEveryFiveSecondsNearlyDoubleTheStandbyDraw() {
    // Every 5 s for 1 s at 40 mA: 8 mA on top of 10, 192 mAh a day; standby 150 h -> 83 h.
    assertEquals(192.0, scanChargeInADay(-80, -76), 2.0);
  }
}
