package io.cradle.cwmp.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Reads and writes the {@code key=value, key="quoted, value"} lists of Digest headers. CPEs and
 * ACSs differ in spacing, quoting ({@code algorithm="MD5"} vs {@code algorithm=MD5}), order and key
 * case, so parsing accepts all of those; a duplicate key is rejected as ambiguous.
 */
final class AuthParams {

  private AuthParams() {}

  /**
   * The parameters of {@code header} with lower-case keys, if it uses {@code scheme} and is
   * well-formed.
   */
  static Optional<Map<String, String>> parse(String header, String scheme) {
    if (header == null) {
      return Optional.empty();
    }
    String s = header.strip();
    int n = scheme.length();
    if (!s.regionMatches(true, 0, scheme, 0, n)
        || s.length() > n && !Character.isWhitespace(s.charAt(n))) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    int i = n;
    while (true) {
      while (i < s.length() && (s.charAt(i) == ',' || isSpace(s, i))) {
        i++;
      }
      if (i == s.length()) {
        return Optional.of(params);
      }
      int keyStart = i;
      while (i < s.length() && "=,\"".indexOf(s.charAt(i)) < 0 && !isSpace(s, i)) {
        i++;
      }
      String key = s.substring(keyStart, i).toLowerCase(Locale.ROOT);
      i = skipSpaces(s, i);
      if (key.isEmpty() || i == s.length() || s.charAt(i) != '=') {
        return Optional.empty();
      }
      i = skipSpaces(s, i + 1);
      StringBuilder value = new StringBuilder();
      if (i < s.length() && s.charAt(i) == '"') {
        i++;
        while (i < s.length() && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < s.length()) {
            i++;
          }
          value.append(s.charAt(i++));
        }
        if (i == s.length()) {
          return Optional.empty();
        }
        i++;
      } else {
        while (i < s.length() && s.charAt(i) != ',' && !isSpace(s, i)) {
          value.append(s.charAt(i++));
        }
      }
      if (params.put(key, value.toString()) != null) {
        return Optional.empty();
      }
      i = skipSpaces(s, i);
      if (i < s.length() && s.charAt(i) != ',') {
        return Optional.empty();
      }
    }
  }

  /** Builds a parameter list, leaving out absent (null) values. */
  static final class Writer {
    private final StringJoiner params = new StringJoiner(", ");

    Writer quoted(String key, String value) {
      if (value != null) {
        params.add(key + "=" + quote(value));
      }
      return this;
    }

    Writer token(String key, String value) {
      if (value != null) {
        params.add(key + "=" + value);
      }
      return this;
    }

    String toHeader(String scheme) {
      return scheme + " " + params;
    }
  }

  /** {@code value} as an HTTP quoted-string. */
  static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static boolean isSpace(String s, int i) {
    return Character.isWhitespace(s.charAt(i));
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && isSpace(s, i)) {
      i++;
    }
    return i;
  }
}
