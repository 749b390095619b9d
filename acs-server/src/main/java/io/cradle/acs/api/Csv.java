package io.cradle.acs.api;

/** RFC 4180 rows, safe to open in a spreadsheet. */
final class Csv {

  private Csv() {}

  /** One row ending in CRLF; null is an empty field. */
  static String row(String... fields) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        s.append(',');
      }
      s.append(field(fields[i]));
    }
    return s.append("\r\n").toString();
  }

  static String field(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    // What a device reports is not trusted: a leading = + - @ would be run as a formula.
    String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
