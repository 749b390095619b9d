package io.cradle.fleet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetAddressesTest {

  private static final int BASE = FleetAddresses.parseIpv4("127.10.0.1");

  @Test
  void addressesSkipZeroAndBroadcastOctets() {
    assertEquals("127.10.0.1", FleetAddresses.addressText(BASE, 0));
    assertEquals("127.10.0.254", FleetAddresses.addressText(BASE, 253));
    assertEquals("127.10.1.1", FleetAddresses.addressText(BASE, 254));
    int mid = FleetAddresses.parseIpv4("127.10.0.250");
    assertEquals("127.10.0.254", FleetAddresses.addressText(mid, 4));
    assertEquals("127.10.1.1", FleetAddresses.addressText(mid, 5));
    // Across the third octet too: 127.10.255.254 is followed by 127.11.0.1.
    int high = FleetAddresses.parseIpv4("127.10.255.254");
    assertEquals("127.11.0.1", FleetAddresses.addressText(high, 1));
  }

  @Test
  void fiveThousandDistinctHostAddressesAndMacs() {
    long firstMac = FleetAddresses.parseMac("00:0B:82:10:00:01");
    FleetAddresses.check(firstMac, BASE, 5000);
    Set<String> addresses = new HashSet<>();
    Set<String> macs = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      String ip = FleetAddresses.addressText(BASE, i);
      int last = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
      assertNotEquals(0, last, ip);
      assertNotEquals(255, last, ip);
      assertTrue(ip.startsWith("127."), ip);
      addresses.add(ip);
      macs.add(FleetAddresses.macAddress(firstMac + i));
    }
    assertEquals(5000, addresses.size());
    assertEquals(5000, macs.size());
    assertEquals("127.10.19.174", FleetAddresses.addressText(BASE, 4999));
  }

  @Test
  void macsAreConsecutiveAcrossBytes() {
    long mac = FleetAddresses.parseMac("000B821000FF");
    assertEquals("00:0B:82:10:01:00", FleetAddresses.macAddress(mac + 1));
    assertEquals("000B82100100", FleetAddresses.macHex(mac + 1));
    assertEquals(mac, FleetAddresses.parseMac("00-0b-82-10-00-ff"));
  }

  @Test
  void malformedInput() {
    assertThrows(IllegalArgumentException.class, () -> FleetAddresses.parseIpv4("127.1.1"));
    assertThrows(IllegalArgumentException.class, () -> FleetAddresses.parseIpv4("127.1.1.a"));
    assertThrows(IllegalArgumentException.class, () -> FleetAddresses.parseIpv4("127.1.1.1234"));
    assertThrows(
        IllegalArgumentException.class, () -> FleetAddresses.parseMac("00:0B:82:10:00:0G"));
  }
}
