package io.cradle.fleet.run;

import java.util.Map;

/**
 * Just enough JSON output for the fleet report: objects of strings, numbers and nested objects,
 * with strings escaped as RFC 8259 asks (quote, backslash and control characters).
 */
final class Json {

  private Json() {}

  /** {@code value} as a JSON string literal, quotes included. */
  static String string(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 2);
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          // U+2028/2029 are valid JSON but break JavaScript consumers; escape them too.
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A JSON object of counts keyed by the map's keys (in the map's order). */
  static String counts(Map<String, Long> counts) {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(string(e.getKey())).append(": ").append(e.getValue());
    }
    return sb.append('}').toString();
  }
}
