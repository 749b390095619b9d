package io.cradle.cpe.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.model.DataModel;
import io.cradle.cpe.model.Parameter;
import io.cradle.cpe.time.RandomStreams;
import io.cradle.cpe.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The battery's TR-069 view. */
class BatteryParametersTest {

  static final String P = BatteryParameters.PREFIX;

  final VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-01-05T08:00:00Z"));
  final Battery battery =
      new Battery(
          scheduler,
          RandomStreams.of(1).forPhone("C0:74:AD:00:00:01").stream(Battery.RANDOM_STREAM),
          BatterySpec.WP820.exact(),
          1.0);
  final DataModel model =
      BatteryParameters.addTo(DataModel.builder(new PValueStore(PValueCatalog.wp820())), battery)
          .build();

  String value(String name) {
    return model.value(P + name).orElseThrow();
  }

  @Test
  void showsTheBatteryLive() {
    battery.powerOn();
    assertEquals("100", value("Level"));
    assertEquals("Discharging", value("ChargingState"));
    assertEquals("4328", value("Voltage")); // 4.33 V - 10 mA x 0.25 ohm
    assertEquals(Long.toString(150 * 3600), value("RemainingTime"));
    assertEquals("0", value("TimeToFull"));
    assertEquals("Off", value("Led"));
    assertEquals("false", value("LowBattery"));

    scheduler.runFor(Duration.ofMinutes(127 * 60 + 30)); // down to 15 %
    assertEquals("15", value("Level"));
    assertEquals("true", value("LowBattery"));
    assertEquals(Long.toString((long) (22.5 * 3600)), value("RemainingTime"));

    battery.placeInCradle();
    assertEquals("Charging", value("ChargingState"));
    assertEquals("GreenBlinking", value("Led"));
    assertEquals("false", value("LowBattery"), "charging is no longer an alarm");
    assertEquals("3910", value("Voltage")); // 3.71 V + 0.8 A x 0.25 ohm
    // 65 % of 1500 mAh at 800 mA = 1.21875 h, plus 0.979 h of CV.
    long expected = Math.round((1.21875 + Math.log(800.0 / 75) * 300 / 725) * 3600);
    assertEquals(expected, Long.parseLong(value("TimeToFull")), 1.0);
    scheduler.runFor(Duration.ofHours(3));
    assertEquals("Full", value("ChargingState"));
    assertEquals("GreenSolid", value("Led"));
    assertEquals("100", value("Level"));
  }

  @Test
  void lowBatteryIsActiveByDefaultAndTheFastMoversRefuseIt() {
    assertEquals(2, param("LowBattery").defaultNotification());
    assertEquals(0, param("Level").defaultNotification());
    assertFalse(param("Voltage").activeNotifyAllowed());
    assertFalse(param("RemainingTime").activeNotifyAllowed());
    assertFalse(param("TimeToFull").activeNotifyAllowed());
    assertFalse(param("Level").writable());
    assertEquals(7, model.parameters().size());
  }

  private Parameter param(String name) {
    return model.parameter(P + name).orElseThrow();
  }
}
