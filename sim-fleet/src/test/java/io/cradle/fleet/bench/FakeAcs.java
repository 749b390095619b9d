package io.cradle.fleet.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cradle.cwmp.auth.DigestServer;
import io.cradle.cwmp.auth.NonceIssuer;
import io.cradle.cwmp.auth.Verification;
import io.cradle.cwmp.message.AcsRequest;
import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.InformResponse;
import io.cradle.cwmp.soap.Envelope;
import io.cradle.cwmp.soap.Header;
import io.cradle.cwmp.soap.SoapCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal ACS on loopback for the load generator's tests: Digest (realm {@code cradle}, user
 * {@code cpe}/{@code cpe}) on the Inform, a session cookie, the same queued requests in every
 * session, and 503 + Retry-After for the next {@link #shedNext} POSTs.
 */
final class FakeAcs implements AutoCloseable {

  static final String COOKIE = "cradle-session";

  final AtomicInteger shedNext = new AtomicInteger();
  final Queue<Inform> informs = new ConcurrentLinkedQueue<>();
  final Queue<CwmpMessage> cpeMessages = new ConcurrentLinkedQueue<>();
  final AtomicInteger completedSessions = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final SoapCodec codec = new SoapCodec();
  private final DigestServer digest =
      new DigestServer(
          "cradle",
          new NonceIssuer(
              "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8),
              Duration.ofMinutes(5),
              Clock.systemUTC()));
  private final List<AcsRequest<?>> tasks;
  private final Map<String, Deque<AcsRequest<?>>> sessions = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  FakeAcs(List<AcsRequest<?>> tasksPerSession) throws IOException {
    this.tasks = List.copyOf(tasksPerSession);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(executor);
    server.createContext("/cwmp", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cwmp");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      if (shedNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        ex.getResponseHeaders().add("Retry-After", "3");
        ex.sendResponseHeaders(503, -1);
        return;
      }
      String session = cookie(ex).orElse(null);
      Deque<AcsRequest<?>> queue = session == null ? null : sessions.get(session);
      if (queue == null) {
        Verification v =
            digest.verify(
                "POST",
                ex.getRequestURI().getRawPath(),
                ex.getRequestHeaders().getFirst("Authorization"),
                user -> user.equals("cpe") ? Optional.of("cpe") : Optional.empty());
        if (!v.isOk()) {
          ex.getResponseHeaders()
              .add(
                  "WWW-Authenticate",
                  digest.challenge(v.outcome() == Verification.Outcome.STALE).toHeader());
          ex.sendResponseHeaders(401, -1);
          return;
        }
        Envelope env = codec.decode(body);
        Inform inform = (Inform) env.body();
        informs.add(inform);
        session = "s" + ids.incrementAndGet();
        sessions.put(session, new ArrayDeque<>(tasks));
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + session + "; Path=/; HttpOnly");
        send(
            ex,
            new Envelope(env.version(), Header.withId(env.header().id()), new InformResponse()));
        return;
      }
      if (body.length > 0) {
        cpeMessages.add(codec.decode(body).body());
      }
      AcsRequest<?> next = queue.poll();
      if (next == null) {
        sessions.remove(session);
        completedSessions.incrementAndGet();
        ex.sendResponseHeaders(204, -1);
      } else {
        send(
            ex,
            new Envelope(
                io.cradle.cwmp.soap.CwmpVersion.V1_0,
                Header.withId("acs-" + ids.incrementAndGet()),
                next));
      }
    } catch (Exception e) {
      ex.sendResponseHeaders(500, -1);
    }
  }

  private void send(HttpExchange ex, Envelope env) throws IOException {
    byte[] out = codec.encode(env);
    ex.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
    ex.sendResponseHeaders(200, out.length);
    ex.getResponseBody().write(out);
  }

  private static Optional<String> cookie(HttpExchange ex) {
    List<String> headers = ex.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return Optional.empty();
    }
    for (String h : headers) {
      for (String pair : h.split(";")) {
        String p = pair.trim();
        if (p.startsWith(COOKIE + "=")) {
          return Optional.of(p.substring(COOKIE.length() + 1));
        }
      }
    }
    return Optional.empty();
  }
}
