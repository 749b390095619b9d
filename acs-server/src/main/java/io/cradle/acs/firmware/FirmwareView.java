package io.cradle.acs.firmware;

import java.time.Instant;

/** An image in the repository as the API shows it; {@code path} is where phones fetch it. */
public record FirmwareView(
    long id,
    String fileName,
    String path,
    String model,
    String version,
    String notes,
    long size,
    String sha256,
    Instant uploadedAt,
    String uploadedBy) {

  /** The digest's first 16 digits, enough to recognise it in a table. */
  public String shortSha256() {
    return sha256.substring(0, 16);
  }

  static FirmwareView of(StoredImage image) {
    return new FirmwareView(
        image.id,
        image.fileName,
        "/firmware/" + image.fileName,
        image.model,
        image.version,
        image.notes,
        image.size,
        image.sha256,
        image.uploadedAt,
        image.uploadedBy);
  }
}
