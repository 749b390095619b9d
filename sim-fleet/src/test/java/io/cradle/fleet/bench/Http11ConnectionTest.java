package io.cradle.fleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.fleet.bench.CwmpConnection.Response;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The socket transport against a scripted server on loopback. Timeouts here only keep a broken
 * build from hanging; no outcome depends on timing.
 */
class Http11ConnectionTest {

  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NONE = new byte[0];

  @Test
  void requestsGoOutAsHttp11PostsOnOneKeepAliveConnection() throws Exception {
    try (ScriptedServer server =
            new ScriptedServer(
                p -> {
                  p.respond(ok("first"));
                  p.readRequest();
                  p.respond("HTTP/1.1 204 No Content\r\n\r\n");
                });
        Http11Connection c = connect(server, "/cwmp?x=1")) {
      Response first = c.post(HELLO, true, "a=b; c=d", "Digest username=\"cpe\"");
      Response second = c.post(NONE, false, null, null);

      assertEquals("first", body(first));
      assertEquals(204, second.status());
      assertEquals(
          List.of(
              "POST /cwmp?x=1 HTTP/1.1\r\n"
                  + "Host: 127.0.0.1:"
                  + server.port()
                  + "\r\n"
                  + "Connection: keep-alive\r\n"
                  + "Content-Type: text/xml; charset=utf-8\r\n"
                  + "SOAPAction: \"\"\r\n"
                  + "Content-Length: 5\r\n"
                  + "Cookie: a=b; c=d\r\n"
                  + "Authorization: Digest username=\"cpe\"\r\n"
                  + "\r\n"
                  + "hello",
              "POST /cwmp?x=1 HTTP/1.1\r\n"
                  + "Host: 127.0.0.1:"
                  + server.port()
                  + "\r\n"
                  + "Connection: keep-alive\r\n"
                  + "Content-Length: 0\r\n"
                  + "\r\n"),
          List.copyOf(server.requests));
      assertEquals(1, server.accepted.get());
      server.assertScriptsPassed();
    }
  }

  @Test
  void aResponseWrittenOneByteAtATimeIsReadWhole() throws Exception {
    String wire =
        "HTTP/1.1 200 OK\r\nSet-Cookie: s=1\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n";
    try (ScriptedServer server =
            new ScriptedServer(
                p -> {
                  for (byte b : wire.getBytes(StandardCharsets.US_ASCII)) {
                    p.out.write(b);
                    p.out.flush();
                  }
                });
        Http11Connection c = connect(server, "/cwmp")) {
      Response r = c.post(HELLO, true, null, null);
      assertEquals("hello world", body(r));
      assertEquals(List.of("s=1"), r.setCookies());
      server.assertScriptsPassed();
    }
  }

  @Test
  void anIdleConnectionTheServerClosedIsReplacedTransparently() throws Exception {
    try (ScriptedServer server =
            new ScriptedServer(p -> p.respond(ok("first")), p -> p.respond(ok("second")));
        Http11Connection c = connect(server, "/cwmp")) {
      assertEquals("first", body(c.post(HELLO, true, null, null)));
      // The server has closed (or is closing) the first connection: the request is sent again.
      assertEquals(
          "second", body(c.post("again".getBytes(StandardCharsets.UTF_8), false, null, null)));
      assertEquals(2, server.accepted.get());
      assertTrue(server.requests.stream().reduce((a, b) -> b).orElseThrow().endsWith("again"));
      server.assertScriptsPassed();
    }
  }

  @Test
  void connectionCloseFromTheServerIsObeyed() throws Exception {
    try (ScriptedServer server =
            new ScriptedServer(
                p -> {
                  p.respond(
                      "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nfirst");
                  // The client must close its end rather than send more on this connection.
                  assertEquals(-1, p.in.read());
                },
                p -> p.respond(ok("second")));
        Http11Connection c = connect(server, "/cwmp")) {
      assertEquals("first", body(c.post(HELLO, true, null, null)));
      assertEquals("second", body(c.post(HELLO, false, null, null)));
      server.assertScriptsPassed();
    }
  }

  @Test
  void aNewConnectionClosedWithoutAResponseIsNotRetried() throws Exception {
    try (ScriptedServer server = new ScriptedServer(p -> {}, p -> p.respond(ok("retried")));
        Http11Connection c = connect(server, "/cwmp")) {
      assertThrows(IOException.class, () -> c.post(HELLO, true, null, null));
    }
  }

  @Test
  void aResponseCutShortIsNotRetried() throws Exception {
    try (ScriptedServer server =
            new ScriptedServer(
                p -> {
                  p.respond(ok("first"));
                  p.readRequest();
                  p.respond("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhal");
                },
                p -> p.respond(ok("retried")));
        Http11Connection c = connect(server, "/cwmp")) {
      assertEquals("first", body(c.post(HELLO, true, null, null)));
      assertThrows(EOFException.class, () -> c.post(HELLO, false, null, null));
    }
  }

  @Test
  void aRequestIsRetriedOnlyOnce() throws Exception {
    try (ScriptedServer server =
            new ScriptedServer(
                p -> p.respond(ok("first")), p -> {}, p -> p.respond(ok("retried twice")));
        Http11Connection c = connect(server, "/cwmp")) {
      assertEquals("first", body(c.post(HELLO, true, null, null)));
      assertThrows(IOException.class, () -> c.post(HELLO, false, null, null));
    }
  }

  @Test
  void closeEndsARequestBlockedOnAnotherThread() throws Exception {
    CountDownLatch requestArrived = new CountDownLatch(1);
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try (ScriptedServer server =
            new ScriptedServer(
                p -> {
                  p.respond(ok("first"));
                  p.readRequest();
                  requestArrived.countDown();
                  // Never answer; end when the client goes away.
                  p.in.transferTo(OutputStream.nullOutputStream());
                },
                p -> p.respond(ok("reconnected")));
        Http11Connection c = connect(server, "/cwmp")) {
      // A reused connection, so that a closed socket alone would be retried on a new one.
      assertEquals("first", body(c.post(HELLO, true, null, null)));
      Future<Response> blocked = worker.submit(() -> c.post(HELLO, true, null, null));
      assertTrue(requestArrived.await(10, TimeUnit.SECONDS));
      c.close();
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> blocked.get(10, TimeUnit.SECONDS));
      assertInstanceOf(IOException.class, e.getCause());
      assertThrows(SocketException.class, () -> c.post(HELLO, true, null, null));
    } finally {
      worker.shutdownNow();
    }
  }

  @Test
  void aRefusedConnectionIsAConnectException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (Http11Connection c =
        new Http11Connection(
            URI.create("http://127.0.0.1:" + port + "/cwmp"),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10))) {
      assertThrows(ConnectException.class, () -> c.post(HELLO, true, null, null));
    }
  }

  private static Http11Connection connect(ScriptedServer server, String target) {
    return new Http11Connection(
        URI.create("http://127.0.0.1:" + server.port() + target),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10));
  }

  private static String ok(String body) {
    return "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
  }

  private static String body(Response r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** What a scripted server does on one connection, after it has read the first request. */
  @FunctionalInterface
  interface Script {
    void run(ScriptedServer.Peer p) throws Exception;
  }

  /**
   * A loopback server that gives its n-th accepted connection the n-th script, one connection at a
   * time, and closes the connection when the script ends; connections beyond the scripts are closed
   * at once.
   */
  static final class ScriptedServer implements AutoCloseable {

    final AtomicInteger accepted = new AtomicInteger();

    /** Every request received, head and body, in order. */
    final Queue<String> requests = new ConcurrentLinkedQueue<>();

    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final ServerSocket server;
    private final Thread thread;

    ScriptedServer(Script... scripts) throws IOException {
      server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
      thread = new Thread(() -> serve(scripts), "scripted-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    void assertScriptsPassed() {
      assertNull(failures.peek(), () -> String.valueOf(failures));
    }

    @Override
    public void close() throws Exception {
      server.close();
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    private void serve(Script[] scripts) {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          s.setTcpNoDelay(true);
          int n = accepted.getAndIncrement();
          if (n < scripts.length) {
            Peer p = new Peer(s.getInputStream(), s.getOutputStream());
            if (p.readRequest() != null) {
              scripts[n].run(p);
            }
          }
        } catch (Throwable t) {
          if (!server.isClosed()) {
            failures.add(t);
          }
        }
      }
    }

    /** The server's end of one connection. */
    final class Peer {
      final InputStream in;
      final OutputStream out;

      Peer(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
      }

      /** Reads and records one request; null if the client sent nothing before closing. */
      String readRequest() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          int b = in.read();
          if (b < 0) {
            if (head.size() == 0) {
              return null;
            }
            throw new EOFException("request cut short: " + head);
          }
          head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        String request = text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
        requests.add(request);
        return request;
      }

      void respond(String response) throws IOException {
        out.write(response.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
    }
  }
}
