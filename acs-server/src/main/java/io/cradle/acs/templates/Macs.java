package io.cradle.acs.templates;

import java.util.Locale;

/** MACs as people write them ({@code 00:0b:82-…}) and as the tables keep them ({@code 000B82…}). */
final class Macs {

  private Macs() {}

  /** Separators dropped, upper case; null or blank stays null. */
  static String normalize(String mac) {
    return mac == null || mac.isBlank()
        ? null
        : mac.strip().replaceAll("[:\\-.]", "").toUpperCase(Locale.ROOT);
  }
}
