package io.cradle.fleet.run;

import java.util.HexFormat;
import java.util.Locale;

/**
 * The fleet's ranges: phone {@code i} gets MAC {@code firstMac + i} and the {@code i}-th usable
 * loopback address from the base. Addresses ending in {@code .0} or {@code .255} are skipped, so
 * every /24 holds 254 phones ({@code 127.10.0.254} is followed by {@code 127.10.1.1}).
 */
public final class FleetAddresses {

  private static final long MAC_LIMIT = 1L << 48;
  private static final int HOSTS_PER_BLOCK = 254;
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private FleetAddresses() {}

  /**
   * Checks that {@code phones} MACs and addresses fit from the given starts.
   *
   * @throws IllegalArgumentException naming the option that runs out
   */
  static void check(long firstMac, int addressBase, int phones) {
    if (firstMac + phones > MAC_LIMIT) {
      throw new IllegalArgumentException(
          "--first-mac "
              + macAddress(firstMac)
              + " leaves no room for "
              + phones
              + " consecutive MACs");
    }
    int host = addressBase & 0xFF;
    if (host == 0 || host == 255) {
      throw new IllegalArgumentException(
          "--address-base " + ipv4(addressBase) + " is not a host address (ends in .0 or .255)");
    }
    long last = ipv4Index(addressBase, phones - 1);
    if ((last >>> 24) != 127) {
      throw new IllegalArgumentException(
          "--address-base "
              + ipv4(addressBase)
              + " leaves no room for "
              + phones
              + " addresses inside 127.0.0.0/8");
    }
  }

  /** The address of phone {@code index}, as an int (big-endian octets). */
  public static int address(int base, int index) {
    return (int) ipv4Index(base, index);
  }

  /** {@link #address} in dotted form. */
  public static String addressText(int base, int index) {
    return ipv4(address(base, index));
  }

  private static long ipv4Index(int base, int index) {
    long baseLong = base & 0xFFFFFFFFL;
    long offset = (baseLong & 0xFF) - 1 + index;
    long block = (baseLong >>> 8) + offset / HOSTS_PER_BLOCK;
    return (block << 8) | (offset % HOSTS_PER_BLOCK + 1);
  }

  /** Parses a dotted IPv4 address. */
  public static int parseIpv4(String text) {
    String[] parts = text.trim().split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 address like 127.10.0.1");
    }
    int ip = 0;
    for (String part : parts) {
      int octet;
      try {
        octet = part.matches("\\d{1,3}") ? Integer.parseInt(part) : -1;
      } catch (NumberFormatException e) {
        octet = -1;
      }
      if (octet < 0 || octet > 255) {
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 address like 127.10.0.1");
      }
      ip = (ip << 8) | octet;
    }
    return ip;
  }

  /** Dotted form of an IPv4 address. */
  public static String ipv4(int ip) {
    return (ip >>> 24) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "." + (ip & 0xFF);
  }

  /** Parses {@code 00:0B:82:10:00:01}, {@code 00-0b-82-10-00-01} or {@code 000B82100001}. */
  public static long parseMac(String text) {
    String hex = text.trim().replace(":", "").replace("-", "");
    if (!hex.matches("[0-9A-Fa-f]{12}")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a MAC address like 00:0B:82:10:00:01");
    }
    return Long.parseLong(hex, 16);
  }

  /** The MAC as 12 upper-case hex digits, e.g. {@code 000B82100001}. */
  public static String macHex(long mac) {
    return HEX.toHexDigits(mac).substring(4).toUpperCase(Locale.ROOT);
  }

  /** The MAC as {@code 00:0B:82:10:00:01}. */
  public static String macAddress(long mac) {
    String hex = macHex(mac);
    StringBuilder sb = new StringBuilder(17);
    for (int i = 0; i < 12; i += 2) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(hex, i, i + 2);
    }
    return sb.toString();
  }
}
