package io.cradle.cpe.connreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestHeadTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void findsTheEndOfTheHead() {
    byte[] crlf = bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\nbody");
    assertEquals(crlf.length - 4, RequestHead.endOfHead(crlf, crlf.length));
    byte[] lf = bytes("GET / HTTP/1.1\nHost: x\n\n");
    assertEquals(lf.length, RequestHead.endOfHead(lf, lf.length));
    byte[] partial = bytes("GET / HTTP/1.1\r\nHost: x\r\n");
    assertEquals(-1, RequestHead.endOfHead(partial, partial.length));
  }

  @Test
  void parsesRequestLineAndHeaders() {
    byte[] head = bytes("GET /cr?x=1 HTTP/1.1\r\nHost: x\r\nAUTHORIZATION:  Digest a=b \r\n\r\n");
    RequestHead parsed = RequestHead.parse(head, head.length).orElseThrow();
    assertEquals("GET", parsed.method());
    assertEquals("/cr?x=1", parsed.target());
    assertEquals("/cr", parsed.path());
    assertEquals("Digest a=b", parsed.header("authorization"));
    assertNull(parsed.header("content-length"));
  }

  @Test
  void rejectsWhatIsNotHttp1() {
    for (String bad :
        new String[] {
          "GET /\r\n\r\n",
          "GET / HTTP/2\r\n\r\n",
          "GET  / HTTP/1.1\r\n\r\n",
          "GET / HTTP/1.1\r\nno colon\r\n\r\n",
          "\r\n\r\n"
        }) {
      byte[] head = bytes(bad);
      assertTrue(RequestHead.parse(head, head.length).isEmpty(), bad);
    }
  }
}
