package io.cradle.cpe.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.cradle.cwmp.image.ImageCheck;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirmwareSlotsTest {

  private static final FirmwareVersion OLD = FirmwareVersion.parse("1.0.7.81");
  private static final FirmwareVersion NEW = FirmwareVersion.parse("1.0.7.90");

  @Test
  void upgradeRunsOnlyAfterReboot() {
    FirmwareSlots slots = new FirmwareSlots(OLD);
    assertEquals(FirmwareSlots.StageOutcome.STAGED, slots.stage(verified(NEW)));
    assertEquals(OLD, slots.running());
    assertEquals(Optional.of(NEW), slots.staged());

    assertEquals(Optional.of(NEW), slots.activateOnReboot());
    assertEquals(NEW, slots.running());
    assertEquals(Optional.empty(), slots.staged());
    assertEquals(Optional.empty(), slots.activateOnReboot(), "a second reboot flashes nothing");
  }

  @Test
  void sameVersionIsSkippedAndNothingActivates() {
    FirmwareSlots slots = new FirmwareSlots(OLD);
    assertEquals(FirmwareSlots.StageOutcome.SAME_VERSION_SKIPPED, slots.stage(verified(OLD)));
    assertEquals(Optional.empty(), slots.staged());
    assertEquals(Optional.empty(), slots.activateOnReboot());
    assertEquals(OLD, slots.running());
  }

  @Test
  void olderVersionIsFlashedLikeAnyOtherDifferentOne() {
    FirmwareSlots slots = new FirmwareSlots(NEW);
    assertEquals(FirmwareSlots.StageOutcome.STAGED, slots.stage(verified(OLD)));
    slots.activateOnReboot();
    assertEquals(OLD, slots.running());
  }

  @Test
  void interruptedDownloadNeverStagedKeepsTheRunningVersion() {
    FirmwareSlots slots = new FirmwareSlots(OLD);
    byte[] image = FirmwareImage.build("WP820", NEW, new byte[64]);
    // the transfer broke off halfway: verification fails, so there is nothing to stage
    ImageCheck<VerifiedImage> check =
        VerifiedImage.verify(java.util.Arrays.copyOf(image, image.length / 2), "WP820");
    assertEquals(ImageCheck.Rejected.class, check.getClass());
    assertEquals(Optional.empty(), slots.activateOnReboot());
    assertEquals(OLD, slots.running());
  }

  private static VerifiedImage verified(FirmwareVersion version) {
    byte[] image = FirmwareImage.build("WP820", version, new byte[] {1, 2, 3});
    return ((ImageCheck.Ok<VerifiedImage>) VerifiedImage.verify(image, "WP820")).value();
  }
}
