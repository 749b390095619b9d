package io.cradle.cwmp.image;

import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Grandstream firmware version: four numbers 0-255 such as {@code 1.0.7.81}.
 *
 * <p>Each part is capped at 255 because Grandstream's own image headers pack a version into four
 * bytes, and so does {@link FirmwareImage}.
 */
public record FirmwareVersion(int major, int minor, int revision, int build)
    implements Comparable<FirmwareVersion> {

  private static final Pattern TEXT =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Comparator<FirmwareVersion> ORDER =
      Comparator.comparingInt(FirmwareVersion::major)
          .thenComparingInt(FirmwareVersion::minor)
          .thenComparingInt(FirmwareVersion::revision)
          .thenComparingInt(FirmwareVersion::build);

  public FirmwareVersion {
    for (int part : new int[] {major, minor, revision, build}) {
      if (part < 0 || part > 255) {
        throw new IllegalArgumentException(
            "firmware version parts must be 0-255, got "
                + major
                + "."
                + minor
                + "."
                + revision
                + "."
                + build);
      }
    }
  }

  /** Parses {@code a.b.c.d}; throws {@link IllegalArgumentException} naming the bad text. */
  public static FirmwareVersion parse(String text) {
    Objects.requireNonNull(text, "text");
    Matcher m = TEXT.matcher(text);
    int[] parts = new int[4];
    boolean valid = m.matches();
    for (int i = 0; valid && i < 4; i++) {
      parts[i] = Integer.parseInt(m.group(i + 1));
      valid = parts[i] <= 255;
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "not a firmware version (want four numbers 0-255 like 1.0.7.81): \"" + text + "\"");
    }
    return new FirmwareVersion(parts[0], parts[1], parts[2], parts[3]);
  }

  /** The four bytes as stored in an image header. */
  byte[] toBytes() {
    return new byte[] {(byte) major, (byte) minor, (byte) revision, (byte) build};
  }

  static FirmwareVersion fromBytes(byte[] b, int offset) {
    return new FirmwareVersion(
        b[offset] & 0xff, b[offset + 1] & 0xff, b[offset + 2] & 0xff, b[offset + 3] & 0xff);
  }

  @Override
  public int compareTo(FirmwareVersion other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + revision + "." + build;
  }
}
