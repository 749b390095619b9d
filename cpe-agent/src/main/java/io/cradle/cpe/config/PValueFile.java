package io.cradle.cpe.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The store's file: Java properties ({@code P47=sip.example.com}) between a header and an end
 * marker. Properties alone would silently accept a truncated file, hence the marker.
 */
final class PValueFile {

  static final String HEADER = "# Cradle WP820 P-values v1";
  static final String END = "# end";

  private PValueFile() {}

  /** Writes to a temporary sibling, then moves it over {@code file}, so a crash leaves either. */
  static void save(Path file, Map<String, String> values) throws ConfigStoreException {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    new TreeMap<>(values)
        .forEach((k, v) -> out.append(k).append('=').append(escape(v)).append('\n'));
    out.append(END).append('\n');
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        move(tmp, file);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ConfigStoreException("cannot save settings to " + file + ": " + e, e);
    }
  }

  private static void move(Path tmp, Path file) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Reads a file written by {@link #save}; anything else is reported as corrupt. */
  static Map<String, String> load(Path file) throws ConfigStoreException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigStoreException("cannot read settings file " + file + ": " + e, e);
    }
    if (!text.startsWith(HEADER + "\n") || !text.endsWith("\n" + END + "\n")) {
      throw corrupt(file, "missing header or end marker (truncated or not a settings file)", null);
    }
    Properties props = new Properties();
    try {
      props.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw corrupt(file, e.getMessage(), e);
    }
    Map<String, String> values = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      if (!PValueCatalog.isPValueNumber(key)) {
        throw corrupt(file, "\"" + key + "\" is not a P-value number", null);
      }
      values.put(key, props.getProperty(key));
    }
    return values;
  }

  private static ConfigStoreException corrupt(Path file, String why, Throwable cause) {
    return new ConfigStoreException("corrupt settings file " + file + ": " + why, cause);
  }

  /** Escapes so that {@link Properties#load} gives {@code value} back exactly. */
  private static String escape(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\f' -> sb.append("\\f");
        case ' ', '=', ':', '#', '!' -> sb.append('\\').append(c);
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
