package io.cradle.acs.security;

import java.util.Locale;
import java.util.Optional;

/** What an API token may do on behalf of its user: read (GET only) or write (all). */
public enum TokenScope {
  READ,
  WRITE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TokenScope> parse(String text) {
    for (TokenScope s : values()) {
      if (s.wire().equals(text)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
