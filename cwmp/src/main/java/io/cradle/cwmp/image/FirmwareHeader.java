package io.cradle.cwmp.image;

/**
 * The header of a Cradle firmware image, as read by {@link FirmwareImage#readHeader}.
 *
 * @param sha256 lowercase hex of the stored digest (over header and payload, see {@link
 *     FirmwareImage})
 * @param headerLength bytes before the payload
 */
public record FirmwareHeader(
    String model,
    FirmwareVersion version,
    String notes,
    long payloadLength,
    String sha256,
    int headerLength) {}
