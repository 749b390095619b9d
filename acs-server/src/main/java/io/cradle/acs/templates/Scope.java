package io.cradle.acs.templates;

import java.util.Locale;
import java.util.Optional;

/** A template's level; a device's values are merged in this order, later levels winning. */
public enum Scope {
  GLOBAL,
  MODEL,
  SITE,
  DEVICE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Scope> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(s.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
