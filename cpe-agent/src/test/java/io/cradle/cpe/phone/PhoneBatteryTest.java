package io.cradle.cpe.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.battery.Battery;
import io.cradle.cpe.battery.BatterySpec;
import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Inform;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A phone on its battery: low battery reaches the ACS at once, an empty one goes silent. */
class PhoneBatteryTest {

  private static final String LOW = "Device.X_GRANDSTREAM_Battery.LowBattery";

  private final VirtualScheduler scheduler =
      new VirtualScheduler(Instant.parse("2026-11-26T10:00:00Z"));
  private FakeAcs acs;
  private Battery battery;
  private Phone phone;

  @BeforeEach
  void start() throws Exception {
    acs = new FakeAcs();
    // 16 %: 1 % above the warning, i.e. 1.5 h at the idle draw of 10 mA.
    battery = new Battery(scheduler, new SplittableRandom(1), BatterySpec.WP820.exact(), 0.16);
    phone =
        Phone.builder(
                DeviceIdentity.wp820("SN0005", "V1.0A", "1.0.7.81", "00:0B:82:00:00:05"), scheduler)
            .store(new PValueStore(PValueCatalog.wp820()))
            .factorySettings(FakeAcs.factorySettings(acs))
            .random(new SplittableRandom(2))
            .battery(battery)
            .build();
  }

  @AfterEach
  void stop() {
    acs.close();
  }

  private static String value(Inform inform, String name) {
    return inform.parameters().stream()
        .filter(p -> p.name().equals(name))
        .map(p -> p.value())
        .findFirst()
        .orElse("(not sent)");
  }

  @Test
  void lowBatteryOpensAValueChangeSessionAndAnEmptyBatteryLeavesThePhoneSilent() {
    phone.boot();
    scheduler.runFor(Duration.ZERO);
    assertTrue(battery.poweredOn());
    assertEquals(1, acs.informs().size());

    scheduler.runFor(Duration.ofMinutes(89));
    assertEquals(1, acs.informs().size(), "nothing to say above 15 %");
    scheduler.runFor(Duration.ofMinutes(2));

    assertEquals(2, acs.informs().size());
    Inform warning = acs.informs().get(1);
    assertEquals(List.of(Event.VALUE_CHANGE), warning.events().stream().map(Event::code).toList());
    assertEquals("true", value(warning, LOW));

    // 15 % of 1500 mAh at 10 mA: 22.5 h more until empty.
    scheduler.runFor(Duration.ofHours(23));
    assertFalse(battery.poweredOn());
    int before = acs.informs().size();
    phone.connectionRequest();
    scheduler.runFor(Duration.ofHours(1));
    assertEquals(before, acs.informs().size(), "a dead phone answers nothing");

    battery.placeInCradle();
    scheduler.runFor(Duration.ofSeconds(1));
    Inform rebooted = acs.informs().get(acs.informs().size() - 1);
    assertTrue(
        rebooted.events().stream().anyMatch(e -> e.code().equals(Event.BOOT)),
        "the charger boots the phone that died");
  }
}
