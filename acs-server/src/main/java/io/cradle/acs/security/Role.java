package io.cradle.acs.security;

import java.util.Locale;
import java.util.Optional;

/** What a user may do: viewers read, operators also act on devices, admins also manage users. */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** The name stored in {@code app_user.role} and used in the API. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String text) {
    for (Role r : values()) {
      if (r.wire().equals(text)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }
}
