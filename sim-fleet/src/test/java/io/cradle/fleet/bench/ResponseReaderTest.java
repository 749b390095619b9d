package io.cradle.fleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.fleet.bench.CwmpConnection.Response;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP response parser, fed each response whole and again one byte per read, as a TCP stream
 * may deliver it.
 */
class ResponseReaderTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void contentLengthBodyAndTheHeadersASessionNeeds(boolean trickle) throws IOException {
    ResponseReader reader =
        reader(
            "HTTP/1.1 200 OK\r\n"
                + "content-TYPE:text/xml; charset=\"utf-8\"  \r\n"
                + "Content-Length: 11\r\n"
                + "X-Ignored: Content-Length: 99\r\n"
                + "Set-Cookie: a=1; Path=/\r\n"
                + "SET-COOKIE:  b=2\r\n"
                + "Retry-After: 5\r\n"
                + "Retry-After: 7\r\n"
                + "\r\n"
                + "hello world",
            trickle);
    Response r = reader.read();
    assertEquals(200, r.status());
    assertEquals("hello world", body(r));
    assertEquals("text/xml; charset=\"utf-8\"", r.contentType());
    assertEquals(List.of("a=1; Path=/", "b=2"), r.setCookies());
    assertEquals("5", r.retryAfter());
    assertEquals(List.of(), r.wwwAuthenticate());
    assertFalse(reader.mustClose());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void chunkedBodyWithExtensionsAndTrailers(boolean trickle) throws IOException {
    ResponseReader reader =
        reader(
            "HTTP/1.1 200 OK\r\n"
                + "Transfer-Encoding: Chunked\r\n"
                + "Content-Length: 3\r\n"
                + "\r\n"
                + "5;name=value\r\n"
                + "hello\r\n"
                + "6 \r\n"
                + " world\r\n"
                + "0\r\n"
                + "X-Trailer: t\r\n"
                + "\r\n",
            trickle);
    Response r = reader.read();
    assertEquals("hello world", body(r));
    assertFalse(reader.mustClose());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void chunksLargerThanTheBufferAreReadWhole(boolean trickle) throws IOException {
    String a = "a".repeat(20_000);
    String b = "b".repeat(30_000);
    Response r =
        reader(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                    + Integer.toHexString(a.length())
                    + "\r\n"
                    + a
                    + "\r\n"
                    + Integer.toHexString(b.length()).toUpperCase()
                    + "\r\n"
                    + b
                    + "\r\n0\r\n\r\n",
                trickle)
            .read();
    assertEquals(a + b, body(r));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void contentLengthBodyLargerThanTheBuffer(boolean trickle) throws IOException {
    String big = "x".repeat(100_000);
    Response r = reader("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + big, trickle).read();
    assertEquals(big, body(r));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void noContentAndNotModifiedHaveNoBodyWhateverTheHeadersSay(boolean trickle) throws IOException {
    // Were the Content-Length honoured, the read would wait for four more bytes (here: hit EOF).
    ResponseReader reader = reader("HTTP/1.1 204 No Content\r\nContent-Length: 4\r\n\r\n", trickle);
    Response r = reader.read();
    assertEquals(204, r.status());
    assertEquals(0, r.body().length);
    assertFalse(reader.mustClose());

    Response notModified = reader("HTTP/1.1 304 Not Modified\r\n\r\n", trickle).read();
    assertEquals(304, notModified.status());
    assertEquals(0, notModified.body().length);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void unframedKeepAliveResponseHasNoBody(boolean trickle) throws IOException {
    ResponseReader reader =
        reader(
            "HTTP/1.1 401 Unauthorized\r\n"
                + "WWW-Authenticate: Basic realm=\"x\"\r\n"
                + "WWW-Authenticate: Digest realm=\"cradle\", nonce=\"n\"\r\n"
                + "\r\n"
                // Read as a close-delimited body, these bytes would make the body non-empty (and
                // on a real keep-alive socket the read would block until the timeout).
                + "HTTP/1.1 ",
            trickle);
    Response r = reader.read();
    assertEquals(401, r.status());
    assertEquals(0, r.body().length);
    assertEquals(
        List.of("Basic realm=\"x\"", "Digest realm=\"cradle\", nonce=\"n\""), r.wwwAuthenticate());
    assertFalse(reader.mustClose());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void unframedResponseOnAClosingConnectionRunsToTheEnd(boolean trickle) throws IOException {
    ResponseReader reader =
        reader("HTTP/1.1 500 Oops\r\nConnection: Close\r\n\r\nit broke\r\nbadly", trickle);
    Response r = reader.read();
    assertEquals(500, r.status());
    assertEquals("it broke\r\nbadly", body(r));
    assertTrue(reader.mustClose());

    ResponseReader gzip =
        reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzipped", trickle);
    assertEquals("zipped", body(gzip.read()));
    assertTrue(gzip.mustClose());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void connectionHeaderDecidesWhetherTheConnectionLives(boolean trickle) throws IOException {
    ResponseReader close =
        reader(
            "HTTP/1.1 200 OK\r\nConnection: upgrade, close\r\nContent-Length: 0\r\n\r\n", trickle);
    close.read();
    assertTrue(close.mustClose());

    ResponseReader http10 = reader("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", trickle);
    assertEquals("ok", body(http10.read()));
    assertTrue(http10.mustClose());

    ResponseReader http10KeepAlive =
        reader("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok", trickle);
    http10KeepAlive.read();
    assertFalse(http10KeepAlive.mustClose());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void interimResponsesAreSkipped(boolean trickle) throws IOException {
    Response r =
        reader(
                "HTTP/1.1 100 Continue\r\nSet-Cookie: interim=1\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                trickle)
            .read();
    assertEquals(200, r.status());
    assertEquals("ok", body(r));
    assertEquals(List.of(), r.setCookies());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void bareLineFeedsAndAReasonlessStatusLineAreAccepted(boolean trickle) throws IOException {
    Response r = reader("HTTP/1.1 503\nRetry-After: 3\nContent-Length: 0\n\n", trickle).read();
    assertEquals(503, r.status());
    assertEquals("3", r.retryAfter());
    assertNull(r.contentType());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void nothingReceivedIsToldApartFromAnInterruptedResponse(boolean trickle) throws IOException {
    ResponseReader silent = reader("", trickle);
    EOFException none = assertThrows(EOFException.class, silent::read);
    assertEquals("connection closed before a response", none.getMessage());
    assertEquals(0, silent.received());

    ResponseReader cut = reader("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf", trickle);
    assertThrows(EOFException.class, cut::read);
    assertTrue(cut.received() > 0);

    ResponseReader cutChunk =
        reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", trickle);
    assertThrows(EOFException.class, cutChunk::read);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/2 200 OK\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 200OK\r\n\r\n",
        "SSH-2.0-OpenSSH_9.2\r\n\r\n",
        "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
        "HTTP/1.1 200 OK\r\n: no name\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFF\r\n",
      })
  void malformedResponsesAreRefused(String wire) {
    assertThrows(ProtocolException.class, () -> reader(wire, false).read());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anOverlongHeadIsRefusedNotBuffered(boolean trickle) {
    String line = "X-Filler: " + "f".repeat(1000) + "\r\n";
    ResponseReader reader = reader("HTTP/1.1 200 OK\r\n" + line.repeat(70) + "\r\n", trickle);
    assertThrows(ProtocolException.class, reader::read);

    ResponseReader oneLine =
        reader("HTTP/1.1 200 OK\r\nX-Long: " + "f".repeat(70_000) + "\r\n\r\n", trickle);
    assertThrows(ProtocolException.class, oneLine::read);
  }

  @Test
  void responsesFollowOneAnotherOnOneStream() throws IOException {
    // One byte per read, so the second response is not yet buffered when the first ends.
    ResponseReader reader =
        reader(
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none"
                + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n",
            true);
    assertEquals("one", body(reader.read()));
    assertEquals("two", body(reader.read()));
    assertEquals(204, reader.read().status());
  }

  @Test
  void bytesBeyondAResponseAreAnError() throws IOException {
    // Whole, the stream arrives in one read: the extra bytes are buffered with the response.
    ResponseReader reader =
        reader("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n\r\n", false);
    assertEquals("ok", body(reader.read()));
    assertThrows(ProtocolException.class, reader::read);
  }

  private static ResponseReader reader(String wire, boolean trickle) {
    InputStream in = new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1));
    return new ResponseReader(trickle ? new OneByteAtATime(in) : in);
  }

  private static String body(Response r) {
    return new String(r.body(), StandardCharsets.ISO_8859_1);
  }

  /** Hands out at most one byte per read, as a stream split into the smallest TCP segments. */
  private static final class OneByteAtATime extends InputStream {
    private final InputStream in;

    OneByteAtATime(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return len == 0 ? 0 : in.read(b, off, 1);
    }
  }
}
