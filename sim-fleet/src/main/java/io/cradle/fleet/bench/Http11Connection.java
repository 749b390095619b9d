package io.cradle.fleet.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A {@link CwmpConnection} over one blocking HTTP/1.1 keep-alive socket, opened on first use and
 * again whenever the server has closed it. Each request goes out in one write and its response is
 * read on the calling thread: no selector, futures or header maps, so that the load generator
 * spends as little CPU as it can of the machine the ACS runs on. Not thread-safe, except {@link
 * #close}.
 */
final class Http11Connection implements CwmpConnection {

  private static final byte[] CONTENT_TYPE = ascii("Content-Type: text/xml; charset=utf-8\r\n");
  private static final byte[] SOAP_ACTION = ascii("SOAPAction: \"\"\r\n");
  private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
  private static final byte[] COOKIE = ascii("Cookie: ");
  private static final byte[] AUTHORIZATION = ascii("Authorization: ");
  private static final byte[] CRLF = ascii("\r\n");

  private final String host;
  private final int port;
  private final boolean tls;
  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;

  /** The request line and the headers every request carries. */
  private final byte[] requestHead;

  private byte[] request = new byte[8192];
  private int requestSize;
  private volatile Socket socket;
  private OutputStream socketOut;
  private ResponseReader reader;
  private volatile boolean closed;

  /**
   * @param readTimeout the longest wait for any byte of a response
   */
  Http11Connection(URI acs, Duration connectTimeout, Duration readTimeout) {
    String uriHost = acs.getHost();
    // A bracketed IPv6 literal is right for the Host header, not for resolving or TLS.
    this.host = uriHost.startsWith("[") ? uriHost.substring(1, uriHost.length() - 1) : uriHost;
    this.tls = acs.getScheme().toLowerCase(Locale.ROOT).equals("https");
    this.port = acs.getPort() >= 0 ? acs.getPort() : tls ? 443 : 80;
    this.connectTimeoutMillis = millis(connectTimeout);
    this.readTimeoutMillis = millis(readTimeout);
    this.requestHead =
        ascii(
            "POST "
                + SessionRunner.requestTarget(acs)
                + " HTTP/1.1\r\nHost: "
                + uriHost
                + (acs.getPort() >= 0 ? ":" + acs.getPort() : "")
                + "\r\nConnection: keep-alive\r\n");
  }

  /**
   * {@inheritDoc}
   *
   * <p>If a connection that carried earlier requests turns out closed before any byte of the
   * response arrives, the request is sent once more on a new connection: a server may drop an idle
   * keep-alive connection just as a request goes out, and then it has processed nothing of it.
   *
   * @throws ConnectTimeoutException if no connection could be opened within the connect timeout
   * @throws SocketTimeoutException if the response stalled for the read timeout
   */
  @Override
  public Response post(byte[] body, boolean soapAction, String cookie, String authorization)
      throws IOException {
    encode(body, soapAction, cookie, authorization);
    boolean reused = socket != null;
    if (!reused) {
      open();
    }
    long received = reader.received();
    try {
      return exchange();
    } catch (SocketTimeoutException e) {
      closeSocket();
      throw e;
    } catch (IOException e) {
      closeSocket();
      if (!reused || reader.received() != received) {
        throw e;
      }
    }
    open();
    try {
      return exchange();
    } catch (IOException e) {
      closeSocket();
      throw e;
    }
  }

  /** Closes the socket; any thread may call this, e.g. to end a request that hangs. */
  @Override
  public void close() {
    closed = true;
    closeSocket();
  }

  private Response exchange() throws IOException {
    socketOut.write(request, 0, requestSize);
    Response r = reader.read();
    if (reader.mustClose()) {
      closeSocket();
    }
    return r;
  }

  private void open() throws IOException {
    if (closed) {
      throw new SocketException("connection closed");
    }
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      try {
        s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
      } catch (SocketTimeoutException e) {
        throw new ConnectTimeoutException(
            "no connection to " + host + ":" + port + " within " + connectTimeoutMillis + " ms");
      }
      s.setSoTimeout(readTimeoutMillis);
      if (tls) {
        s = startTls(s);
      }
      socketOut = s.getOutputStream();
      reader = new ResponseReader(s.getInputStream());
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    socket = s;
    if (closed) {
      // close() ran while connecting and saw no socket to close.
      closeSocket();
      throw new SocketException("connection closed");
    }
  }

  private Socket startTls(Socket plain) throws IOException {
    SSLSocket s =
        (SSLSocket)
            ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, host, port, true);
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    s.setSSLParameters(p);
    s.startHandshake();
    return s;
  }

  private void closeSocket() {
    Socket s = socket;
    socket = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // Nothing more to release.
      }
    }
  }

  /** Lays out the whole request in {@link #request}, so it goes out in one write. */
  private void encode(byte[] body, boolean soapAction, String cookie, String authorization) {
    int max =
        requestHead.length
            + CONTENT_TYPE.length
            + SOAP_ACTION.length
            + CONTENT_LENGTH.length
            + 10
            + CRLF.length
            + (cookie == null ? 0 : COOKIE.length + cookie.length() + CRLF.length)
            + (authorization == null
                ? 0
                : AUTHORIZATION.length + authorization.length() + CRLF.length)
            + CRLF.length
            + body.length;
    if (request.length < max) {
      request = new byte[Math.max(max, request.length * 2)];
    }
    requestSize = 0;
    put(requestHead);
    if (body.length > 0) {
      put(CONTENT_TYPE);
    }
    if (soapAction) {
      put(SOAP_ACTION);
    }
    put(CONTENT_LENGTH);
    putDecimal(body.length);
    put(CRLF);
    if (cookie != null) {
      put(COOKIE);
      putLatin1(cookie);
      put(CRLF);
    }
    if (authorization != null) {
      put(AUTHORIZATION);
      putLatin1(authorization);
      put(CRLF);
    }
    put(CRLF);
    put(body);
  }

  private void put(byte[] bytes) {
    System.arraycopy(bytes, 0, request, requestSize, bytes.length);
    requestSize += bytes.length;
  }

  private void putLatin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      request[requestSize++] = c <= 0xFF ? (byte) c : (byte) '?';
    }
  }

  private void putDecimal(int n) {
    int digits = 1;
    for (int rest = n / 10; rest > 0; rest /= 10) {
      digits++;
    }
    for (int i = requestSize + digits - 1; i >= requestSize; i--) {
      request[i] = (byte) ('0' + n % 10);
      n /= 10;
    }
    requestSize += digits;
  }

  private static int millis(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
