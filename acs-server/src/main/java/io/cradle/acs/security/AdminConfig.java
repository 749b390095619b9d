package io.cradle.acs.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The administrator's credential and login throttling (prefix {@code cradle.admin}). */
@ConfigMapping(prefix = "cradle.admin")
public interface AdminConfig {

  @WithDefault("admin")
  String username();

  /**
   * The admin password (env {@code CRADLE_ADMIN_PASSWORD}). When unset, one is generated at the
   * first start, printed once, and only its PBKDF2 hash is kept in the database.
   */
  Optional<String> password();

  /** Wrong credentials from one client address in a row before it is locked out. */
  @WithDefault("10")
  int maxFailures();

  /** How long a locked-out client address is refused. */
  @WithDefault("60S")
  Duration lockout();
}
