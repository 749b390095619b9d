package io.cradle.fleet.bench;

import io.cradle.fleet.bench.CwmpConnection.Response;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads HTTP/1.x responses off one connection, byte by byte in its own buffer, keeping only the
 * headers a CWMP session needs. Not thread-safe.
 */
final class ResponseReader {

  /** The most bytes of status line and headers accepted for one response. */
  static final int MAX_HEAD = 64 * 1024;

  /** The largest body accepted: far above any CWMP message, low enough not to exhaust the heap. */
  static final int MAX_BODY = 16 * 1024 * 1024;

  private static final byte[] EMPTY = new byte[0];
  private static final byte[] CONTENT_LENGTH = ascii("content-length");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
  private static final byte[] CONNECTION = ascii("connection");
  private static final byte[] SET_COOKIE = ascii("set-cookie");
  private static final byte[] WWW_AUTHENTICATE = ascii("www-authenticate");
  private static final byte[] RETRY_AFTER = ascii("retry-after");
  private static final byte[] CONTENT_TYPE = ascii("content-type");
  private static final byte[] CHUNKED = ascii("chunked");
  private static final byte[] CLOSE = ascii("close");
  private static final byte[] KEEP_ALIVE = ascii("keep-alive");

  private final InputStream in;
  private byte[] buf = new byte[8192];
  private int pos;
  private int limit;
  private long received;
  private long receivedBefore;
  private boolean mustClose;

  // The head of the response being read.
  private int status;
  private boolean http10;
  private long contentLength;
  private boolean chunked;
  private boolean otherTransferCoding;
  private boolean connectionClose;
  private boolean connectionKeepAlive;
  private List<String> setCookies;
  private List<String> wwwAuthenticate;
  private String retryAfter;
  private String contentType;

  ResponseReader(InputStream in) {
    this.in = in;
  }

  /**
   * All bytes read off the stream so far: unchanged across a failed {@link #read} means the server
   * sent nothing at all.
   */
  long received() {
    return received;
  }

  /** Whether the connection cannot carry another request after the last response read. */
  boolean mustClose() {
    return mustClose;
  }

  /**
   * Reads the next response whole, skipping interim (1xx) responses.
   *
   * @throws EOFException if the stream ends before the response does
   * @throws ProtocolException if the bytes are not an HTTP/1.x response this reader accepts
   */
  Response read() throws IOException {
    if (pos < limit) {
      // Requests are not pipelined, so these bytes answer nothing: the last response's framing
      // was wrong, and whatever follows cannot be trusted.
      throw new ProtocolException("bytes after the end of the previous response");
    }
    receivedBefore = received;
    mustClose = true;
    do {
      readHead();
    } while (status >= 100 && status < 200);
    boolean keepAlive = http10 ? connectionKeepAlive : !connectionClose;
    byte[] body;
    if (status == 204 || status == 304) {
      body = EMPTY;
    } else if (chunked) {
      body = readChunked();
    } else if (contentLength >= 0) {
      body = readFixed((int) contentLength);
    } else if (!keepAlive || otherTransferCoding) {
      body = readToEnd();
      keepAlive = false;
    } else {
      // A response the server means to follow with another on this connection cannot be
      // close-delimited; such an unframed response (e.g. a bare 401) has no body, and waiting
      // for a close would only end in a timeout.
      body = EMPTY;
    }
    mustClose = !keepAlive;
    return new Response(
        status,
        body,
        setCookies == null ? List.of() : setCookies,
        wwwAuthenticate == null ? List.of() : wwwAuthenticate,
        retryAfter,
        contentType);
  }

  private void readHead() throws IOException {
    status = 0;
    http10 = false;
    contentLength = -1;
    chunked = false;
    otherTransferCoding = false;
    connectionClose = false;
    connectionKeepAlive = false;
    setCookies = null;
    wwwAuthenticate = null;
    retryAfter = null;
    contentType = null;

    int headBytes = 0;
    boolean statusLine = true;
    while (true) {
      int eol = lineEnd();
      headBytes += eol + 1 - pos;
      if (headBytes > MAX_HEAD) {
        throw new ProtocolException("response head longer than " + MAX_HEAD + " bytes");
      }
      int end = eol > pos && buf[eol - 1] == '\r' ? eol - 1 : eol;
      if (statusLine) {
        statusLine(pos, end);
        statusLine = false;
      } else if (end == pos) {
        pos = eol + 1;
        if (status == 101) {
          throw new ProtocolException("101 Switching Protocols was not asked for");
        }
        return;
      } else {
        header(pos, end);
      }
      pos = eol + 1;
    }
  }

  /** {@code HTTP/1.x SSS reason}; the reason is ignored. */
  private void statusLine(int start, int end) throws ProtocolException {
    int len = end - start;
    boolean ok =
        len >= 12
            && buf[start] == 'H'
            && buf[start + 1] == 'T'
            && buf[start + 2] == 'T'
            && buf[start + 3] == 'P'
            && buf[start + 4] == '/'
            && buf[start + 5] == '1'
            && buf[start + 6] == '.'
            && isDigit(buf[start + 7])
            && buf[start + 8] == ' '
            && isDigit(buf[start + 9])
            && isDigit(buf[start + 10])
            && isDigit(buf[start + 11])
            && (len == 12 || buf[start + 12] == ' ');
    if (!ok) {
      throw new ProtocolException("not an HTTP/1.x status line: " + excerpt(start, end));
    }
    http10 = buf[start + 7] == '0';
    status = (buf[start + 9] - '0') * 100 + (buf[start + 10] - '0') * 10 + (buf[start + 11] - '0');
  }

  private void header(int start, int end) throws ProtocolException {
    int colon = indexOf((byte) ':', start, end);
    if (colon == end || colon == start) {
      throw new ProtocolException("not a header line: " + excerpt(start, end));
    }
    int nameLength = colon - start;
    int from = colon + 1;
    while (from < end && isOws(buf[from])) {
      from++;
    }
    int to = end;
    while (to > from && isOws(buf[to - 1])) {
      to--;
    }
    if (nameIs(start, nameLength, CONTENT_LENGTH)) {
      long n = decimal(from, to);
      if (contentLength >= 0 && contentLength != n) {
        throw new ProtocolException("conflicting Content-Length headers");
      }
      contentLength = n;
    } else if (nameIs(start, nameLength, TRANSFER_ENCODING)) {
      // Only the last coding frames the message (RFC 9112 6.3).
      boolean last = lastTokenIs(from, to, CHUNKED);
      chunked |= last;
      otherTransferCoding |= !last;
    } else if (nameIs(start, nameLength, CONNECTION)) {
      connectionClose |= hasToken(from, to, CLOSE);
      connectionKeepAlive |= hasToken(from, to, KEEP_ALIVE);
    } else if (nameIs(start, nameLength, SET_COOKIE)) {
      setCookies = add(setCookies, string(from, to));
    } else if (nameIs(start, nameLength, WWW_AUTHENTICATE)) {
      wwwAuthenticate = add(wwwAuthenticate, string(from, to));
    } else if (nameIs(start, nameLength, RETRY_AFTER)) {
      if (retryAfter == null) {
        retryAfter = string(from, to);
      }
    } else if (nameIs(start, nameLength, CONTENT_TYPE)) {
      if (contentType == null) {
        contentType = string(from, to);
      }
    }
  }

  private byte[] readFixed(int length) throws IOException {
    byte[] body = new byte[length];
    readFully(body, 0, length);
    return body;
  }

  private byte[] readChunked() throws IOException {
    byte[] body = new byte[Math.max(256, limit - pos)];
    int size = 0;
    while (true) {
      int eol = lineEnd();
      int chunk = chunkSize(pos, eol);
      pos = eol + 1;
      if (chunk == 0) {
        break;
      }
      if (chunk > MAX_BODY - size) {
        throw new ProtocolException("response body larger than " + MAX_BODY + " bytes");
      }
      if (size + chunk > body.length) {
        body = Arrays.copyOf(body, Math.max(size + chunk, Math.min(body.length * 2, MAX_BODY)));
      }
      readFully(body, size, chunk);
      size += chunk;
      eol = lineEnd();
      if (eol - pos > 1 || (eol - pos == 1 && buf[pos] != '\r')) {
        throw new ProtocolException("chunk longer than its size");
      }
      pos = eol + 1;
    }
    // Trailer fields: nothing a session needs.
    int trailerBytes = 0;
    while (true) {
      int eol = lineEnd();
      boolean blank = eol == pos || (eol == pos + 1 && buf[pos] == '\r');
      trailerBytes += eol + 1 - pos;
      pos = eol + 1;
      if (blank) {
        return Arrays.copyOf(body, size);
      }
      if (trailerBytes > MAX_HEAD) {
        throw new ProtocolException("trailer longer than " + MAX_HEAD + " bytes");
      }
    }
  }

  /** The hex size at the start of a chunk line; chunk extensions are ignored. */
  private int chunkSize(int start, int eol) throws ProtocolException {
    long n = 0;
    int i = start;
    for (; i < eol; i++) {
      int digit = Character.digit(buf[i], 16);
      if (digit < 0) {
        break;
      }
      n = n * 16 + digit;
      if (n > MAX_BODY) {
        throw new ProtocolException("response body larger than " + MAX_BODY + " bytes");
      }
    }
    if (i == start || (i < eol && buf[i] != ';' && buf[i] != '\r' && !isOws(buf[i]))) {
      throw new ProtocolException("not a chunk size line: " + excerpt(start, eol));
    }
    return (int) n;
  }

  private byte[] readToEnd() throws IOException {
    byte[] body = Arrays.copyOfRange(buf, pos, Math.max(limit, pos + 256));
    int size = limit - pos;
    pos = limit;
    while (true) {
      if (size == body.length) {
        if (size == MAX_BODY) {
          throw new ProtocolException("response body larger than " + MAX_BODY + " bytes");
        }
        body = Arrays.copyOf(body, Math.min(size * 2, MAX_BODY));
      }
      int n = in.read(body, size, body.length - size);
      if (n < 0) {
        return Arrays.copyOf(body, size);
      }
      received += n;
      size += n;
    }
  }

  /** Copies what is buffered, then reads the rest straight into {@code dst}. */
  private void readFully(byte[] dst, int offset, int length) throws IOException {
    int buffered = Math.min(length, limit - pos);
    System.arraycopy(buf, pos, dst, offset, buffered);
    pos += buffered;
    int done = buffered;
    while (done < length) {
      int n = in.read(dst, offset + done, length - done);
      if (n < 0) {
        throw new EOFException("connection closed in the middle of a response body");
      }
      received += n;
      done += n;
    }
  }

  /** The index of the next {@code '\n'} at or after {@code pos}, reading as needed. */
  private int lineEnd() throws IOException {
    int i = pos;
    while (true) {
      for (; i < limit; i++) {
        if (buf[i] == '\n') {
          return i;
        }
      }
      int before = pos;
      fill();
      i -= before - pos;
    }
  }

  /** Reads at least one byte after {@code limit}, moving or growing the buffer if it is full. */
  private void fill() throws IOException {
    if (pos == limit) {
      pos = 0;
      limit = 0;
    } else if (limit == buf.length) {
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
      } else if (buf.length < MAX_HEAD + 2) {
        buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_HEAD + 2));
      } else {
        throw new ProtocolException("response line longer than " + MAX_HEAD + " bytes");
      }
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      throw new EOFException(
          received == receivedBefore
              ? "connection closed before a response"
              : "connection closed in the middle of a response");
    }
    received += n;
    limit += n;
  }

  private long decimal(int from, int to) throws ProtocolException {
    if (from == to) {
      throw new ProtocolException("empty Content-Length");
    }
    long n = 0;
    for (int i = from; i < to; i++) {
      if (!isDigit(buf[i])) {
        throw new ProtocolException("Content-Length is not a number: " + excerpt(from, to));
      }
      n = n * 10 + (buf[i] - '0');
      if (n > MAX_BODY) {
        throw new ProtocolException("response body larger than " + MAX_BODY + " bytes");
      }
    }
    return n;
  }

  private boolean hasToken(int from, int to, byte[] token) {
    int start = from;
    while (start <= to) {
      int comma = indexOf((byte) ',', start, to);
      if (tokenIs(start, comma, token)) {
        return true;
      }
      start = comma + 1;
    }
    return false;
  }

  private boolean lastTokenIs(int from, int to, byte[] token) {
    int comma = to - 1;
    while (comma >= from && buf[comma] != ',') {
      comma--;
    }
    return tokenIs(comma + 1, to, token);
  }

  private boolean tokenIs(int from, int to, byte[] token) {
    while (from < to && isOws(buf[from])) {
      from++;
    }
    while (to > from && isOws(buf[to - 1])) {
      to--;
    }
    return nameIs(from, to - from, token);
  }

  /** Case-insensitive comparison with a lower-case ASCII {@code name}. */
  private boolean nameIs(int start, int length, byte[] name) {
    if (length != name.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      byte b = buf[start + i];
      byte c = name[i];
      if (b != c && !(c >= 'a' && c <= 'z' && b == c - ('a' - 'A'))) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return to;
  }

  private String string(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private String excerpt(int from, int to) {
    return string(from, Math.min(to, from + 100));
  }

  private static List<String> add(List<String> list, String value) {
    List<String> l = list == null ? new ArrayList<>(2) : list;
    l.add(value);
    return l;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isOws(byte b) {
    return b == ' ' || b == '\t';
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
