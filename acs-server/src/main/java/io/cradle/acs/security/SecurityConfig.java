package io.cradle.acs.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Dashboard sessions (prefix {@code cradle.security}). */
@ConfigMapping(prefix = "cradle.security")
public interface SecurityConfig {

  /** A dashboard session unused this long ends (env {@code CRADLE_SESSION_IDLE_TIMEOUT}). */
  @WithDefault("30M")
  Duration sessionIdleTimeout();

  /** A dashboard session ends this long after its login, used or not. */
  @WithDefault("12H")
  Duration sessionMaxAge();

  /**
   * Mark the session cookie {@code Secure} even on plain HTTP, for an ACS behind a TLS-terminating
   * proxy. (On a TLS connection it is always marked.)
   */
  @WithDefault("false")
  boolean secureCookie();
}
