package io.cradle.acs.backups;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the config-backup receiver. */
@ConfigMapping(prefix = "cradle.backups")
public interface BackupsConfig {

  /**
   * The largest backup accepted, in bytes (413 beyond). A WP820's whole configuration is tens of
   * kilobytes; the default leaves room for it many times over.
   */
  @WithDefault("1048576")
  int maxBytes();
}
