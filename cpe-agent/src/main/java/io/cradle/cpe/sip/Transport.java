package io.cradle.cpe.sip;

/** SIP transport of an account (admin guide "SIP Transport", P130 / P448: 0 UDP, 1 TCP, 2 TLS). */
public enum Transport {
  UDP,
  TCP,
  TLS;

  /** The P-value code: 0 UDP, 1 TCP, 2 TLS/TCP. */
  public static Transport fromCode(String code) {
    switch (code.strip()) {
      case "1":
        return TCP;
      case "2":
        return TLS;
      default:
        return UDP;
    }
  }

  /** The name in a Via header and a {@code transport=} URI parameter, e.g. {@code udp}. */
  public String token() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
