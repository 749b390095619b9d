package io.cradle.cpe.ptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.media.Codec;
import io.cradle.cpe.ptt.ChannelPlan.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PttSettingsTest {

  final PValueStore store = new PValueStore(PValueCatalog.wp820());

  @Test
  void factoryDefaultsFollowTheNotes() {
    PttSettings s = PttSettings.read(store);
    assertFalse(s.ptt().enabled());
    assertEquals(new InetSocketAddress("224.0.1.116", 5001), s.address().orElseThrow());
    assertEquals(Duration.ofMillis(30), s.ptt().ptime());
    assertEquals(1, s.ptt().defaultChannel());
    assertEquals(Level.PRIORITY, s.ptt().level(24));
    assertEquals(Level.EMERGENCY, s.ptt().level(25));
    assertEquals(Level.NORMAL, s.ptt().level(1));
    assertEquals(26, s.groupPaging().defaultChannel());
    assertEquals(Level.PRIORITY, s.groupPaging().level(49));
    assertEquals(Level.EMERGENCY, s.groupPaging().level(50));
    assertEquals(PttSettings.Mode.PTT, s.mode());
    assertEquals(s.groupPaging(), s.planOf(30));
    assertEquals(s.ptt(), s.planOf(25));
  }

  @Test
  void bitmapsGateReceiveAndTransmitPerChannel() {
    store.setAll(
        Map.of(
            PttSettings.PTT_ENABLE, "1",
            PttSettings.PTT_AVAILABLE, "1101",
            PttSettings.PTT_TRANSMIT, "1011",
            PttSettings.PTT_SUBSCRIBE, "0111"));
    ChannelPlan ptt = PttSettings.read(store).ptt();
    assertFalse(ptt.canReceive(1), "not subscribed");
    assertTrue(ptt.canReceive(2));
    assertFalse(ptt.canReceive(3), "not available");
    assertTrue(ptt.canTransmit(1));
    assertFalse(ptt.canTransmit(2), "not transmit");
    assertFalse(ptt.canReceive(5), "a short bitmap leaves the rest off");
    assertFalse(ptt.canReceive(26), "groups are not PTT channels");
  }

  @Test
  void malformedAddressTurnsTheFeatureOffNotThePhone() {
    store.set(PttSettings.MULTICAST_ADDRESS, "224.0.1.116");
    assertTrue(PttSettings.read(store).address().isEmpty());
    store.set(PttSettings.MULTICAST_ADDRESS, "224.0.1.116:99999");
    assertTrue(PttSettings.read(store).address().isEmpty());
  }

  @Test
  void multicastPagingAddressesTakeTheirPriorityFromTheirPosition() {
    store.setAll(
        Map.of(
            PagingSettings.MULTICAST_ENABLE,
            "1",
            "P1569",
            "239.0.0.1:6001",
            "P1570",
            "All staff",
            "P1575",
            "239.0.0.4:6004",
            "P1577",
            "bogus",
            "P1566",
            "3",
            "P1568",
            "8"));
    PagingSettings p = PagingSettings.read(store);
    assertTrue(p.enabled());
    assertEquals(3, p.barge());
    assertEquals(Codec.PCMA, p.codec());
    assertEquals(
        List.of(
            new PagingSettings.PagingAddress(
                1, new InetSocketAddress("239.0.0.1", 6001), "All staff"),
            new PagingSettings.PagingAddress(4, new InetSocketAddress("239.0.0.4", 6004), "")),
        p.addresses());
    assertEquals("P1587", PagingSettings.addressPValue(10));
    assertEquals("P1588", PagingSettings.labelPValue(10));
  }
}
