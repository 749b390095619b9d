package io.cradle.cpe.sip;

import java.util.Objects;

/** A SIP server address as the admin guide writes it: {@code host[:port]}, port 5060 if absent. */
public record HostPort(String host, int port) {

  public static final int DEFAULT_PORT = 5060;

  public HostPort {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * Reads {@code host}, {@code host:port}, {@code [v6]:port}, tolerating a {@code sip:} prefix.
   *
   * @throws IllegalArgumentException naming the value if it is not an address
   */
  public static HostPort parse(String value) {
    String v = value.strip();
    if (v.regionMatches(true, 0, "sip:", 0, 4)) {
      v = v.substring(4);
    }
    String host = v;
    int port = DEFAULT_PORT;
    int colon = v.lastIndexOf(':');
    boolean bracketed = v.startsWith("[");
    if (colon > 0 && (!bracketed || v.lastIndexOf(']') < colon)) {
      host = v.substring(0, colon);
      try {
        port = Integer.parseInt(v.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad port in SIP server address '" + value + "'");
      }
    }
    return new HostPort(host, port);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
