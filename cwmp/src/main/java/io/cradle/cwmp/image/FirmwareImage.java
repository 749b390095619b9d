package io.cradle.cwmp.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The Cradle firmware image format ({@code wp820fw.bin}), shared by the phone that flashes it and
 * the ACS that stores it: a plain header naming model and version, then the payload. Real
 * Grandstream images are AES-encrypted containers we cannot reproduce, so this format is our own
 * and claims nothing it does not check.
 *
 * <p>Layout, format version 1; integers are unsigned big-endian, M and N are the byte lengths of
 * the model and notes:
 *
 * <pre>
 * offset      size  field
 * 0           8     magic, ASCII "CRADLEFW"
 * 8           2     format version = 1
 * 10          2     model length M, 1..32
 * 12          M     model, UTF-8, no control characters (e.g. "WP820", as DeviceInfo.ModelName)
 * 12+M        4     firmware version a.b.c.d, one byte per part (as Grandstream packs it)
 * 16+M        2     release notes length N, 0..4096
 * 18+M        N     release notes, UTF-8 (may be empty)
 * 18+M+N      4     payload length P
 * 22+M+N      32    SHA-256 over bytes [0, 22+M+N) followed by the payload
 * 54+M+N      P     payload; nothing may follow it
 * </pre>
 *
 * <p>The digest covers the header fields too, so a flipped bit in the model or version is caught,
 * not just one in the payload. The length caps bound the header at 4182 bytes whatever a hostile
 * file declares.
 */
public final class FirmwareImage {

  static final byte[] MAGIC = "CRADLEFW".getBytes(StandardCharsets.US_ASCII);
  public static final int FORMAT_VERSION = 1;
  public static final int MAX_MODEL_BYTES = 32;
  public static final int MAX_NOTES_BYTES = 4096;
  static final int DIGEST_BYTES = 32;

  private FirmwareImage() {}

  /** Builds an image without release notes. */
  public static byte[] build(String model, FirmwareVersion version, byte[] payload) {
    return build(model, version, "", payload);
  }

  /** Builds an image; throws {@link IllegalArgumentException} for a model or notes out of range. */
  public static byte[] build(String model, FirmwareVersion version, String notes, byte[] payload) {
    Objects.requireNonNull(version, "version");
    byte[] modelBytes = model.getBytes(StandardCharsets.UTF_8);
    if (!validModel(model) || modelBytes.length > MAX_MODEL_BYTES) {
      throw new IllegalArgumentException(
          "model must be 1-" + MAX_MODEL_BYTES + " bytes without control characters: " + model);
    }
    byte[] noteBytes = notes.getBytes(StandardCharsets.UTF_8);
    if (noteBytes.length > MAX_NOTES_BYTES) {
      throw new IllegalArgumentException("release notes exceed " + MAX_NOTES_BYTES + " bytes");
    }
    int digestOffset = 22 + modelBytes.length + noteBytes.length;
    ByteBuffer out =
        ByteBuffer.allocate(Math.addExact(digestOffset + DIGEST_BYTES, payload.length))
            .put(MAGIC)
            .putShort((short) FORMAT_VERSION)
            .putShort((short) modelBytes.length)
            .put(modelBytes)
            .put(version.toBytes())
            .putShort((short) noteBytes.length)
            .put(noteBytes)
            .putInt(payload.length);
    MessageDigest sha = sha256();
    sha.update(out.array(), 0, digestOffset);
    sha.update(payload);
    return out.put(sha.digest()).put(payload).array();
  }

  /**
   * Reads only the header, leaving {@code in} at the first payload byte: an ACS learns model and
   * version of an upload without holding it. Nothing after the header is checked. Throws only for
   * I/O errors of the stream itself.
   */
  public static ImageCheck<FirmwareHeader> readHeader(InputStream in) throws IOException {
    return new ImageReader(in).header();
  }

  /** {@link #readHeader(InputStream)} on bytes in memory. */
  public static ImageCheck<FirmwareHeader> readHeader(byte[] image) {
    try {
      return readHeader(new ByteArrayInputStream(image));
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array cannot fail to read", e);
    }
  }

  /**
   * Checks a whole image streamed from {@code in}, holding at most 64 KiB of payload at a time:
   * header, exact length and digest. Whether the image suits a device (its model) is the reader's
   * business: the phone refuses another model, the ACS records it.
   */
  public static ImageCheck<FirmwareHeader> check(InputStream in) throws IOException {
    return new ImageReader(in).check();
  }

  /** {@link #check(InputStream)} on bytes in memory. */
  public static ImageCheck<FirmwareHeader> check(byte[] image) {
    try {
      return check(new ByteArrayInputStream(image));
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array cannot fail to read", e);
    }
  }

  /** Non-blank and free of control characters, so a model can be logged and shown safely. */
  public static boolean validModel(String model) {
    return !model.isBlank() && model.codePoints().noneMatch(Character::isISOControl);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
