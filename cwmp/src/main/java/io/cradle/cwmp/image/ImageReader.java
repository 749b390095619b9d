package io.cradle.cwmp.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** Reads one image from a stream, hashing as it goes; see {@link FirmwareImage} for the layout. */
final class ImageReader {

  private static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final MessageDigest digest = FirmwareImage.sha256();
  private byte[] storedDigest;

  ImageReader(InputStream in) {
    this.in = in;
  }

  ImageCheck<FirmwareHeader> header() throws IOException {
    byte[] magic = take(FirmwareImage.MAGIC.length);
    // compare what arrived first: a short HTML error page is not an image, not a truncated one
    if (!Arrays.equals(magic, 0, magic.length, FirmwareImage.MAGIC, 0, magic.length)) {
      return reject(ImageDefect.BAD_MAGIC, "not a Cradle firmware image (no CRADLEFW magic)");
    }
    ByteBuffer fixed = magic.length < FirmwareImage.MAGIC.length ? null : takeAll(4);
    if (fixed == null) {
      return truncatedHeader();
    }
    int format = Short.toUnsignedInt(fixed.getShort());
    if (format != FirmwareImage.FORMAT_VERSION) {
      return reject(ImageDefect.UNSUPPORTED_FORMAT, "image format version " + format);
    }
    int modelLength = Short.toUnsignedInt(fixed.getShort());
    if (modelLength < 1 || modelLength > FirmwareImage.MAX_MODEL_BYTES) {
      return reject(ImageDefect.BAD_HEADER, "model length " + modelLength);
    }
    ByteBuffer modelEtc = takeAll(modelLength + 6);
    if (modelEtc == null) {
      return truncatedHeader();
    }
    Optional<String> model = utf8(modelEtc, modelLength).filter(FirmwareImage::validModel);
    if (model.isEmpty()) {
      return reject(ImageDefect.BAD_HEADER, "model is not printable UTF-8");
    }
    FirmwareVersion version = FirmwareVersion.fromBytes(modelEtc.array(), modelLength);
    int notesLength = Short.toUnsignedInt(modelEtc.getShort(modelLength + 4));
    if (notesLength > FirmwareImage.MAX_NOTES_BYTES) {
      return reject(ImageDefect.BAD_HEADER, "release notes length " + notesLength);
    }
    ByteBuffer notesEtc = takeAll(notesLength + 4);
    if (notesEtc == null) {
      return truncatedHeader();
    }
    Optional<String> notes = utf8(notesEtc, notesLength);
    if (notes.isEmpty()) {
      return reject(ImageDefect.BAD_HEADER, "release notes are not UTF-8");
    }
    long payloadLength = Integer.toUnsignedLong(notesEtc.getInt(notesLength));
    // the stored digest is not part of what it digests
    storedDigest = in.readNBytes(FirmwareImage.DIGEST_BYTES);
    if (storedDigest.length < FirmwareImage.DIGEST_BYTES) {
      return truncatedHeader();
    }
    int headerLength = 22 + modelLength + notesLength + FirmwareImage.DIGEST_BYTES;
    return new ImageCheck.Ok<>(
        new FirmwareHeader(
            model.get(),
            version,
            notes.get(),
            payloadLength,
            HexFormat.of().formatHex(storedDigest),
            headerLength));
  }

  ImageCheck<FirmwareHeader> check() throws IOException {
    ImageCheck<FirmwareHeader> read = header();
    if (read instanceof ImageCheck.Rejected<FirmwareHeader>) {
      return read;
    }
    FirmwareHeader header = ((ImageCheck.Ok<FirmwareHeader>) read).value();
    long remaining = header.payloadLength();
    byte[] buffer = new byte[(int) Math.min(CHUNK, remaining)];
    while (remaining > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (n < 0) {
        return reject(
            ImageDefect.TRUNCATED,
            "payload has "
                + (header.payloadLength() - remaining)
                + " of the declared "
                + header.payloadLength()
                + " bytes");
      }
      digest.update(buffer, 0, n);
      remaining -= n;
    }
    if (in.read() >= 0) {
      return reject(
          ImageDefect.LENGTH_MISMATCH,
          "data follows the declared payload length " + header.payloadLength());
    }
    if (!MessageDigest.isEqual(digest.digest(), storedDigest)) {
      return reject(ImageDefect.CHECKSUM_MISMATCH, "SHA-256 mismatch");
    }
    return read;
  }

  /** Up to {@code n} bytes, fewer only at end of stream; hashed. */
  private byte[] take(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    digest.update(bytes);
    return bytes;
  }

  /** Exactly {@code n} bytes, or null at end of stream. */
  private ByteBuffer takeAll(int n) throws IOException {
    byte[] bytes = take(n);
    return bytes.length < n ? null : ByteBuffer.wrap(bytes);
  }

  private static Optional<String> utf8(ByteBuffer buffer, int length) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(buffer.slice(0, length))
              .toString());
    } catch (CharacterCodingException e) {
      // malformed text is an expected property of a corrupt header, reported as a value
      return Optional.empty();
    }
  }

  private <T> ImageCheck<T> truncatedHeader() {
    return reject(ImageDefect.TRUNCATED, "file ends inside the header");
  }

  private static <T> ImageCheck<T> reject(ImageDefect defect, String detail) {
    return new ImageCheck.Rejected<>(defect, detail);
  }
}
