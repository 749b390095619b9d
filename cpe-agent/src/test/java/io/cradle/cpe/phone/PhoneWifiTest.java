package io.cradle.cpe.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cpe.wifi.AccessPoint;
import io.cradle.cpe.wifi.Band;
import io.cradle.cpe.wifi.Position;
import io.cradle.cpe.wifi.RadioEnvironment;
import io.cradle.cpe.wifi.WifiRadio;
import io.cradle.cwmp.message.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A phone on Wi-Fi: it informs once associated and goes quiet out of coverage. */
class PhoneWifiTest {

  private static final Position NEAR = Position.of(2, 0);
  private static final Position FAR_AWAY = Position.of(5_000, 0);

  private final VirtualScheduler scheduler =
      new VirtualScheduler(Instant.parse("2026-11-26T10:00:00Z"));
  private final AtomicReference<Position> where = new AtomicReference<>(NEAR);
  private FakeAcs acs;
  private WifiRadio radio;
  private Phone phone;

  @BeforeEach
  void start() throws Exception {
    acs = new FakeAcs();
    Map<String, String> factory = new HashMap<>(FakeAcs.factorySettings(acs));
    factory.putAll(Map.of("P7800", "1", "P7812", "ward", "P7814", "0"));
    PValueStore store = new PValueStore(PValueCatalog.wp820());
    RadioEnvironment floor =
        new RadioEnvironment(
            List.of(
                AccessPoint.open("ward", "00:11:22:33:44:01", Band.GHZ_5, 36, Position.of(0, 0))),
            7);
    radio =
        new WifiRadio(
            scheduler, new SplittableRandom(3), floor, where::get, store, ssid -> "10.1.0.6");
    phone =
        Phone.builder(
                DeviceIdentity.wp820("SN0006", "V1.0A", "1.0.7.81", "00:0B:82:00:00:06"), scheduler)
            .store(store)
            .factorySettings(factory)
            .random(new SplittableRandom(4))
            .wifi(radio)
            .build();
  }

  @AfterEach
  void stop() {
    acs.close();
  }

  @Test
  void theBootInformWaitsForAnAssociationAndSessionsStopOutOfCoverage() {
    phone.boot();
    scheduler.runFor(Duration.ofSeconds(30));
    assertTrue(radio.associated());
    assertEquals(1, acs.informs().size());
    assertEquals(
        "00:11:22:33:44:01", phone.model().value("Device.WiFi.SSID.1.BSSID").orElseThrow());

    where.set(FAR_AWAY);
    scheduler.runFor(Duration.ofSeconds(30));
    assertTrue(!radio.associated(), "out of coverage");
    phone.connectionRequest();
    scheduler.runFor(Duration.ofSeconds(1));
    assertEquals(1, acs.informs().size(), "nothing reaches the ACS without a network");

    where.set(NEAR);
    scheduler.runFor(Duration.ofSeconds(30));
    assertTrue(radio.associated());
    phone.connectionRequest();
    scheduler.runFor(Duration.ofSeconds(1));
    assertEquals(2, acs.informs().size(), "no empty Inform for the dropped request");
    assertEquals(
        List.of(Event.CONNECTION_REQUEST),
        acs.informs().get(1).events().stream().map(Event::code).toList());
  }
}
