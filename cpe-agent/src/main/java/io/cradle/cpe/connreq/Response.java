package io.cradle.cpe.connreq;

import java.nio.charset.StandardCharsets;

/**
 * Builds the few bodiless HTTP/1.1 responses the endpoint sends; every one closes the connection.
 */
final class Response {

  static final byte[] OK = of(200, "OK", "");
  static final byte[] BAD_REQUEST = of(400, "Bad Request", "");
  static final byte[] NOT_FOUND = of(404, "Not Found", "");
  static final byte[] METHOD_NOT_ALLOWED = of(405, "Method Not Allowed", "Allow: GET\r\n");
  static final byte[] HEADERS_TOO_LARGE = of(431, "Request Header Fields Too Large", "");
  // TR-069 asks for no Retry-After on a rate-limited Connection Request.
  static final byte[] SERVICE_UNAVAILABLE = of(503, "Service Unavailable", "");

  private Response() {}

  static byte[] unauthorized(String wwwAuthenticate) {
    return of(401, "Unauthorized", "WWW-Authenticate: " + wwwAuthenticate + "\r\n");
  }

  private static byte[] of(int status, String reason, String extraHeaders) {
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\n"
            + extraHeaders
            + "Content-Length: 0\r\nConnection: close\r\n\r\n";
    return head.getBytes(StandardCharsets.ISO_8859_1);
  }
}
