package io.cradle.acs.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The first administrator and login throttling (prefix {@code cradle.admin}). */
@ConfigMapping(prefix = "cradle.admin")
public interface AdminConfig {

  @WithDefault("admin")
  String username();

  /**
   * The admin password (env {@code CRADLE_ADMIN_PASSWORD}), set on the admin user at every start.
   * When unset, the first start generates one, prints it once and stores only its bcrypt hash.
   */
  Optional<String> password();

  /** Failed logins (form, Basic or token) from one client address in a row before a lockout. */
  @WithDefault("10")
  int maxFailures();

  /** How long a locked-out client address is refused. */
  @WithDefault("60S")
  Duration lockout();
}
