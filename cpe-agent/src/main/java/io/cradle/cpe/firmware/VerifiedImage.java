package io.cradle.cpe.firmware;

/**
 * An image that passed {@link FirmwareImage#verify}; only that method creates one, so {@link
 * FirmwareSlots} cannot be handed an unchecked image.
 */
public final class VerifiedImage {

  private final FirmwareHeader header;

  VerifiedImage(FirmwareHeader header) {
    this.header = header;
  }

  public FirmwareHeader header() {
    return header;
  }

  public FirmwareVersion version() {
    return header.version();
  }
}
