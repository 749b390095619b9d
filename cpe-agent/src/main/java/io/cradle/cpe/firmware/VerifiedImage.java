package io.cradle.cpe.firmware;

import io.cradle.cwmp.image.FirmwareHeader;
import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.cradle.cwmp.image.ImageCheck;
import io.cradle.cwmp.image.ImageDefect;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * An image this phone may flash: intact and for its model. Only {@link #verify} creates one, so
 * {@link FirmwareSlots} cannot be handed an unchecked image.
 */
public final class VerifiedImage {

  private final FirmwareHeader header;

  private VerifiedImage(FirmwareHeader header) {
    this.header = header;
  }

  /**
   * Checks a whole image streamed from {@code in} ({@link FirmwareImage#check}) and that it is for
   * {@code expectedModel}. The model is checked last so that a corrupted model field reports
   * corruption, not another model.
   */
  public static ImageCheck<VerifiedImage> verify(InputStream in, String expectedModel)
      throws IOException {
    ImageCheck<FirmwareHeader> check = FirmwareImage.check(in);
    if (check instanceof ImageCheck.Rejected<FirmwareHeader> rejected) {
      return rejected.retype();
    }
    FirmwareHeader header = ((ImageCheck.Ok<FirmwareHeader>) check).value();
    if (!header.model().equals(expectedModel)) {
      return new ImageCheck.Rejected<>(
          ImageDefect.WRONG_MODEL,
          "image is for " + header.model() + ", this phone is " + expectedModel);
    }
    return new ImageCheck.Ok<>(new VerifiedImage(header));
  }

  /** {@link #verify(InputStream, String)} on bytes in memory. */
  public static ImageCheck<VerifiedImage> verify(byte[] image, String expectedModel) {
    try {
      return verify(new ByteArrayInputStream(image), expectedModel);
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array cannot fail to read", e);
    }
  }

  public FirmwareHeader header() {
    return header;
  }

  public FirmwareVersion version() {
    return header.version();
  }
}
