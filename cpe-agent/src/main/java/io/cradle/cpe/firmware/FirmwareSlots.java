package io.cradle.cpe.firmware;

import io.cradle.cwmp.image.FirmwareVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * The phone's firmware flash: the running version plus at most one verified image staged for the
 * next boot. Pure state, no I/O or clock; not thread-safe, as one phone owns it.
 */
public final class FirmwareSlots {

  /** What {@link #stage} did with an image. */
  public enum StageOutcome {
    /** Written to the spare slot; runs after the next reboot. */
    STAGED,
    /**
     * Same version as running: not flashed, as the real provisioner's "matches running version".
     */
    SAME_VERSION_SKIPPED
  }

  private FirmwareVersion running;
  private FirmwareVersion staged;

  public FirmwareSlots(FirmwareVersion running) {
    this(running, Optional.empty());
  }

  /** The slots as a flash left them: {@code staged} boots at the next reboot. */
  public FirmwareSlots(FirmwareVersion running, Optional<FirmwareVersion> staged) {
    this.running = Objects.requireNonNull(running, "running");
    this.staged = staged.filter(v -> !v.equals(running)).orElse(null);
  }

  public FirmwareVersion running() {
    return running;
  }

  public Optional<FirmwareVersion> staged() {
    return Optional.ofNullable(staged);
  }

  /**
   * Flashes a verified image of another version (older included: the real phone flashes any
   * different version). A same-version image leaves the flash, and any staged image, untouched.
   */
  public StageOutcome stage(VerifiedImage image) {
    if (image.version().equals(running)) {
      return StageOutcome.SAME_VERSION_SKIPPED;
    }
    staged = image.version();
    return StageOutcome.STAGED;
  }

  /** Boots the staged image if there is one; returns the version that became the running one. */
  public Optional<FirmwareVersion> activateOnReboot() {
    if (staged == null) {
      return Optional.empty();
    }
    running = staged;
    staged = null;
    return Optional.of(running);
  }
}
