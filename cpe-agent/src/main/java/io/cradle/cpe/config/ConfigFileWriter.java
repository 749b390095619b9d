package io.cradle.cpe.config;

import java.util.Map;

/** Writes P-values as a {@code <gs_provision version="1">} file, the form the phone exports. */
final class ConfigFileWriter {

  private ConfigFileWriter() {}

  /** {@code mac} may be null for a file any phone accepts. */
  static String write(String mac, Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<gs_provision version=\"1\">\n");
    if (mac != null) {
      out.append("  <mac>").append(escape(ConfigFile.normalizeMac(mac))).append("</mac>\n");
    }
    out.append("  <config version=\"1\">\n");
    values.forEach(
        (number, value) ->
            out.append("    <")
                .append(number)
                .append('>')
                .append(escape(value))
                .append("</")
                .append(number)
                .append(">\n"));
    out.append("  </config>\n</gs_provision>\n");
    return out.toString();
  }

  /** Also escapes CR, which XML parsers would otherwise fold into LF. */
  private static String escape(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '\r' -> sb.append("&#13;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
