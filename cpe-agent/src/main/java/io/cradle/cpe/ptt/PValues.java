package io.cradle.cpe.ptt;

import io.cradle.cpe.config.PValueStore;
import java.net.InetSocketAddress;
import java.util.Optional;

/** Reading helpers shared by the PTT and paging settings. */
final class PValues {

  private PValues() {}

  static String text(PValueStore store, String number) {
    return store
        .get(number)
        .orElseThrow(() -> new IllegalStateException(number + " missing from the P-value catalog"));
  }

  static boolean flag(PValueStore store, String number) {
    return "1".equals(text(store, number));
  }

  static int number(PValueStore store, String number) {
    return Integer.parseInt(text(store, number).trim());
  }

  /**
   * An {@code address:port} P-value as a socket address, empty if blank or malformed (a broken
   * setting turns the feature off rather than the phone).
   */
  static Optional<InetSocketAddress> address(String value) {
    String v = value.trim();
    int colon = v.lastIndexOf(':');
    if (v.isEmpty() || colon <= 0) {
      return Optional.empty();
    }
    try {
      int port = Integer.parseInt(v.substring(colon + 1));
      if (port < 1 || port > 65535) {
        return Optional.empty();
      }
      return Optional.of(new InetSocketAddress(v.substring(0, colon), port));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
