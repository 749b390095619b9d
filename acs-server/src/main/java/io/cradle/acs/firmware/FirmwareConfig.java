package io.cradle.acs.firmware;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The firmware repository's limits and the address phones fetch images from. */
@ConfigMapping(prefix = "cradle.firmware")
public interface FirmwareConfig {

  /**
   * The largest image accepted, in bytes; an upload is refused (413) when it declares more, or cut
   * off as soon as it passes this, so a runaway client cannot fill the disk. Only the upload may
   * exceed {@code quarkus.http.limits.max-body-size}; see {@link FirmwareUpload}.
   */
  @WithDefault("536870912")
  long maxImageBytes();

  /**
   * Where phones fetch rollout images, {@code <downloadBase>/firmware/<file>}; empty: this ACS as
   * the rollout's creator reached it.
   */
  Optional<String> downloadBase();
}
