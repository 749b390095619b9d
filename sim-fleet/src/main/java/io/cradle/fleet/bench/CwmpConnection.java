package io.cradle.fleet.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;

/** One simulated CPE's HTTP connection to its ACS: POSTs CWMP bodies one after the other. */
interface CwmpConnection extends Closeable {

  /**
   * POSTs {@code body} and returns the whole response.
   *
   * @param soapAction whether to send {@code SOAPAction: ""}: with the CPE's own requests (the
   *     Inform), not with its answers to the ACS's requests
   * @param cookie the {@code Cookie} header value, or null for none
   * @param authorization the {@code Authorization} header value, or null for none
   */
  Response post(byte[] body, boolean soapAction, String cookie, String authorization)
      throws IOException;

  /** Releases the connection; a request blocked on it fails. */
  @Override
  void close();

  /**
   * The parts of an HTTP response a CWMP session looks at; absent headers are null or empty lists.
   */
  record Response(
      int status,
      byte[] body,
      List<String> setCookies,
      List<String> wwwAuthenticate,
      String retryAfter,
      String contentType) {}

  /** No connection to the ACS could be opened in time (as opposed to a late response). */
  final class ConnectTimeoutException extends SocketTimeoutException {
    ConnectTimeoutException(String message) {
      super(message);
    }
  }
}
