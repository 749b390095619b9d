package io.cradle.cwmp.soap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The captured CWMP messages in {@code src/test/resources/vectors} (see SOURCES.md there). */
final class Vectors {

  /** One vector: its XML body and the charset its HTTP Content-Type declared, if any. */
  record Vector(String name, byte[] body, String charset) {
    @Override
    public String toString() {
      return name;
    }
  }

  private Vectors() {}

  static Path directory() {
    URL url = Vectors.class.getResource("/vectors");
    if (url == null) {
      throw new IllegalStateException("test resources lack the vectors directory");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> names() {
    try (Stream<Path> files = Files.list(directory())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".xml") || n.endsWith(".http"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Vector load(String name) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(directory().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return name.endsWith(".http") ? fromHttpDump(name, raw) : new Vector(name, raw, null);
  }

  /** A raw HTTP request: headers up to the first blank line (LF or CRLF), then the body. */
  static Vector fromHttpDump(String name, byte[] raw) {
    String charset = null;
    int lineStart = 0;
    while (lineStart < raw.length) {
      int lineEnd = lineStart;
      while (lineEnd < raw.length && raw[lineEnd] != '\n') {
        lineEnd++;
      }
      String line = new String(raw, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      int bodyStart = Math.min(lineEnd + 1, raw.length);
      if (line.isEmpty()) {
        return new Vector(name, Arrays.copyOfRange(raw, bodyStart, raw.length), charset);
      }
      String lower = line.toLowerCase(Locale.ROOT);
      int at = lower.indexOf("charset=");
      if (lower.startsWith("content-type:") && at >= 0) {
        charset = line.substring(at + "charset=".length()).split(";")[0].trim();
      }
      lineStart = bodyStart;
    }
    throw new IllegalArgumentException(name + " has no blank line between headers and body");
  }
}
