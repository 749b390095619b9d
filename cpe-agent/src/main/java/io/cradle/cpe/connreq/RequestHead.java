package io.cradle.cpe.connreq;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The request line and headers of an HTTP/1.x request, which is all a Connection Request needs: it
 * has no body, and anything after the head is ignored.
 */
record RequestHead(String method, String target, Map<String, String> headers) {

  RequestHead {
    headers = Map.copyOf(headers);
  }

  /** The value of a header by lower-case name, or null. */
  String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  /** The path of the target, without query, e.g. {@code /cr} for {@code /cr?x=1}. */
  String path() {
    int end = target.indexOf('?');
    return end < 0 ? target : target.substring(0, end);
  }

  /**
   * Where the head ends in {@code bytes[0, length)}, counting the blank line; -1 if it has not
   * arrived yet. Bare LF line ends are accepted as RFC 9112 allows.
   */
  static int endOfHead(byte[] bytes, int length) {
    for (int i = 1; i < length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      if (bytes[i - 1] == '\n') {
        return i + 1;
      }
      if (i >= 2 && bytes[i - 1] == '\r' && bytes[i - 2] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  /** Parses a complete head; empty if it is not well-formed HTTP/1.x. */
  static Optional<RequestHead> parse(byte[] bytes, int length) {
    String[] lines = new String(bytes, 0, length, StandardCharsets.ISO_8859_1).split("\r?\n");
    if (lines.length == 0) {
      return Optional.empty();
    }
    String[] requestLine = lines[0].split(" ", -1);
    if (requestLine.length != 3
        || requestLine[0].isEmpty()
        || requestLine[1].isEmpty()
        || !requestLine[2].startsWith("HTTP/1.")) {
      return Optional.empty();
    }
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        return Optional.empty();
      }
      String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
      // The first occurrence wins; a CR client has no business repeating a header.
      headers.putIfAbsent(name, lines[i].substring(colon + 1).strip());
    }
    return Optional.of(new RequestHead(requestLine[0], requestLine[1], headers));
  }
}
