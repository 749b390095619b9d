package io.cradle.cpe.ptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.safe.Accelerometer;
import io.cradle.cpe.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Two whole phones on one PTT group: holding the multi-function button talks to the other. */
class PhonePttTest {

  private final VirtualScheduler scheduler =
      new VirtualScheduler(Instant.parse("2026-11-26T10:00:00Z"));
  private final LoopbackHub air = new LoopbackHub();

  private Phone phone(int n, String callerId) {
    return builder(n, callerId, Map.of()).build();
  }

  private Phone.Builder builder(int n, String callerId, Map<String, String> more) {
    Map<String, String> settings =
        new HashMap<>(
            Map.of(
                // No ACS: the management plane retries in the background.
                "P4503",
                "http://127.0.0.1:9/cwmp",
                "P237",
                "",
                "P192",
                "",
                PttSettings.PTT_ENABLE,
                "1",
                PttSettings.PTT_CALLER_ID,
                callerId));
    settings.putAll(more);
    return Phone.builder(
            DeviceIdentity.wp820(
                "PTT000" + n, "V1.0A", "1.0.7.81", String.format("00:0B:82:00:70:%02X", n)),
            scheduler)
        .store(new PValueStore(PValueCatalog.wp820()))
        .factorySettings(settings)
        .random(new SplittableRandom(n))
        .motion(new Accelerometer(new SplittableRandom(n)))
        .ptt(air.join());
  }

  @Test
  void holdingTheButtonInPttModeIsHeardOnTheOtherPhone() {
    Phone talker = phone(1, "Ward A");
    Phone listener = phone(2, "Ward B");
    List<String> heard = new CopyOnWriteArrayList<>();
    listener
        .ptt()
        .orElseThrow()
        .addListener(
            new PttListener() {
              @Override
              public void pttReceived(int channel, String callerId) {
                heard.add("received " + channel + " " + callerId);
              }

              @Override
              public void pttEnded(int channel) {
                heard.add("ended " + channel);
              }
            });
    talker.boot();
    listener.boot();
    scheduler.runFor(Duration.ofSeconds(1));

    talker.button().orElseThrow().pressFor(Duration.ofSeconds(4));
    scheduler.runFor(Duration.ofSeconds(2));
    assertTrue(talker.ptt().orElseThrow().transmitting().isPresent(), "held: talking");
    assertEquals(List.of("received 1 Ward A"), heard);

    scheduler.runFor(Duration.ofSeconds(5));
    assertEquals(List.of("received 1 Ward A", "ended 1"), heard);
  }

  @Test
  void inMulticastModeTheButtonPagesTheFirstPagingAddress() {
    LoopbackHub dock = new LoopbackHub();
    Map<String, String> paging =
        Map.of(
            PttSettings.PAGING_MODE,
            "0",
            PagingSettings.MULTICAST_ENABLE,
            "1",
            PagingSettings.addressPValue(3),
            "239.0.0.3:6003",
            PagingSettings.labelPValue(3),
            "Dock");
    Phone pager = builder(3, "Dock lead", paging).paging(3, dock.join()).build();
    Phone hearer = builder(4, "Picker", paging).paging(3, dock.join()).build();
    List<String> heard = new CopyOnWriteArrayList<>();
    hearer
        .ptt()
        .orElseThrow()
        .addListener(
            new PttListener() {
              @Override
              public void multicastPageReceived(int priority, String label) {
                heard.add("page " + priority + " " + label);
              }
            });
    pager.boot();
    hearer.boot();
    scheduler.runFor(Duration.ofSeconds(1));

    pager.button().orElseThrow().pressFor(Duration.ofSeconds(4));
    scheduler.runFor(Duration.ofSeconds(2));
    assertEquals(List.of("page 3 Dock"), heard);
    assertTrue(dock.sent > 0);
  }
}
