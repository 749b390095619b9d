package io.cradle.cpe.wifi;

import java.util.List;

/**
 * Which IPv4 address a phone gets from DHCP on each network. Leases are stable: the same phone on
 * the same SSID always gets the same address, so only a change of network changes it.
 */
@FunctionalInterface
public interface DhcpPool {

  /** The address leased on network {@code ssid}. */
  String addressFor(String ssid);

  /**
   * {@code 10.<n>.<host / 254>.<1 + host % 254>}, where {@code n} is the 1-based position of the
   * SSID in {@code ssids} (an unknown SSID gets the next number after the list), so no address ends
   * in {@code .0} or {@code .255}.
   *
   * @param host the phone's host number on every network, 0..64515 (e.g. its index in a fleet)
   */
  static DhcpPool tenNet(List<String> ssids, int host) {
    if (host < 0 || host > 254 * 254 - 1) {
      throw new IllegalArgumentException("host number out of range 0..64515: " + host);
    }
    List<String> networks = List.copyOf(ssids);
    return ssid -> {
      int index = networks.indexOf(ssid);
      int net = 1 + (index < 0 ? networks.size() : index);
      return "10." + net + "." + host / 254 + "." + (1 + host % 254);
    };
  }
}
