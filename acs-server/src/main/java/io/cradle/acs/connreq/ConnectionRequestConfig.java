package io.cradle.acs.connreq;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the ACS knocks on devices (prefix {@code cradle.connection-request}). */
@ConfigMapping(prefix = "cradle.connection-request")
public interface ConnectionRequestConfig {

  /** Fleet-wide credential, used for devices without their own {@code cr_username}. */
  @WithDefault("cradle")
  String username();

  @WithDefault("cradle")
  String password();

  @WithDefault("2S")
  Duration connectTimeout();

  /** The whole exchange, challenge and retry included. */
  @WithDefault("5S")
  Duration timeout();

  /** Connection Requests sent at once for a batch of tasks. */
  @WithDefault("16")
  int concurrency();
}
