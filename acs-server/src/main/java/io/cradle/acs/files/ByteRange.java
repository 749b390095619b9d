package io.cradle.acs.files;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a file, read from a {@code Range: bytes=...} header (RFC 9110 §14). Only single
 * ranges are served; a multi-range or malformed header is ignored and the whole file sent, which
 * the RFC allows.
 */
record ByteRange(long first, long last) {

  /** What a Range header asks of a file of a given size. */
  sealed interface Request {}

  /** No usable Range header: send the whole file. */
  record Whole() implements Request {}

  /** Send these bytes with 206. */
  record Part(ByteRange range) implements Request {}

  /** The range starts beyond the end: 416. */
  record Unsatisfiable() implements Request {}

  /** At most 18 digits, so every number fits a long. */
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

  long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} value for this range of a file of {@code size} bytes. */
  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  static Request of(String header, long size) {
    Matcher m = header == null ? null : SINGLE.matcher(header.strip());
    if (m == null || !m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
      return new Whole();
    }
    if (m.group(1).isEmpty()) {
      // bytes=-N: the last N bytes.
      long suffix = Long.parseLong(m.group(2));
      return suffix == 0 || size == 0
          ? new Unsatisfiable()
          : new Part(new ByteRange(Math.max(0, size - suffix), size - 1));
    }
    long first = Long.parseLong(m.group(1));
    long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
    if (last < first) {
      return new Whole();
    }
    if (first >= size) {
      return new Unsatisfiable();
    }
    return new Part(new ByteRange(first, Math.min(last, size - 1)));
  }
}
