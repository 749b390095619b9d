package io.cradle.cpe.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.cradle.cwmp.image.ImageCheck;
import io.cradle.cwmp.image.ImageDefect;
import org.junit.jupiter.api.Test;

class VerifiedImageTest {

  private static final FirmwareVersion V = FirmwareVersion.parse("1.0.7.90");

  @Test
  void intactImageForThisModelIsVerified() {
    byte[] image = FirmwareImage.build("WP820", V, new byte[] {1, 2, 3});
    ImageCheck.Ok<?> ok =
        assertInstanceOf(ImageCheck.Ok.class, VerifiedImage.verify(image, "WP820"));
    VerifiedImage verified = (VerifiedImage) ok.value();
    assertEquals(V, verified.version());
    assertEquals("WP820", verified.header().model());
  }

  @Test
  void intactImageForAnotherModelIsRefused() {
    byte[] other = FirmwareImage.build("WP810", V, new byte[] {1, 2, 3});
    ImageCheck.Rejected<?> r =
        assertInstanceOf(ImageCheck.Rejected.class, VerifiedImage.verify(other, "WP820"));
    assertEquals(ImageDefect.WRONG_MODEL, r.defect());
    assertEquals(9010, r.fault().code());
    assertEquals("Download failure: image is for WP810, this phone is WP820", r.faultString());
  }

  @Test
  void corruptModelFieldIsCorruptionNotAnotherModel() {
    byte[] bad = FirmwareImage.build("WP820", V, new byte[] {1, 2, 3});
    bad[12] = 'X'; // "XP820": header still readable, digest no longer matches
    ImageCheck.Rejected<?> r =
        assertInstanceOf(ImageCheck.Rejected.class, VerifiedImage.verify(bad, "WP820"));
    assertEquals(ImageDefect.CHECKSUM_MISMATCH, r.defect());
  }
}
