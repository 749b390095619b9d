package io.cradle.cpe.transfer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cradle.cwmp.auth.BasicCredentials;
import io.cradle.cwmp.auth.DigestServer;
import io.cradle.cwmp.auth.NonceIssuer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP file server on 127.0.0.1 for tests: serves and stores files by path, optionally
 * behind Digest or Basic, and records every request it saw. Close it at the end.
 */
public final class TestFileServer implements AutoCloseable {

  /** One request as the server saw it. */
  public record Seen(
      String method, String target, String userAgent, String authorization, byte[] body) {}

  public enum Auth {
    NONE,
    DIGEST,
    BASIC
  }

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final DigestServer digest =
      new DigestServer(
          "files", new NonceIssuer(new byte[16], Duration.ofMinutes(5), Clock.systemUTC()));
  private volatile Auth auth = Auth.NONE;
  private volatile String username = "";
  private volatile String password = "";

  public TestFileServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public TestFileServer protect(Auth auth, String username, String password) {
    this.auth = auth;
    this.username = username;
    this.password = password;
    return this;
  }

  public TestFileServer put(String path, byte[] content) {
    files.put(path, content);
    return this;
  }

  public Optional<byte[]> file(String path) {
    return Optional.ofNullable(files.get(path));
  }

  public URI url(String path) {
    return URI.create(base() + path);
  }

  /** {@code http://127.0.0.1:port} */
  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code 127.0.0.1:port}, as a Grandstream server path without scheme. */
  public String hostPort() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  /** Waits up to 5 s for {@code count} requests. */
  public List<Seen> awaitSeen(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (seen.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return seen();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = exchange.getRequestURI().getRawPath();
      if (exchange.getRequestURI().getRawQuery() != null) {
        target += "?" + exchange.getRequestURI().getRawQuery();
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      seen.add(
          new Seen(
              exchange.getRequestMethod(),
              target,
              exchange.getRequestHeaders().getFirst("User-Agent"),
              authorization,
              body));
      if (!authorized(exchange.getRequestMethod(), target, authorization)) {
        exchange
            .getResponseHeaders()
            .add(
                "WWW-Authenticate",
                auth == Auth.DIGEST ? digest.challenge(false).toHeader() : "Basic realm=\"files\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (exchange.getRequestMethod().equals("PUT")) {
        files.put(path, body);
        exchange.sendResponseHeaders(201, -1);
        return;
      }
      byte[] content = files.get(path);
      if (content == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(200, content.length == 0 ? -1 : content.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(content);
      }
    }
  }

  private boolean authorized(String method, String target, String authorization) {
    if (auth == Auth.DIGEST) {
      return digest
          .verify(
              method,
              target,
              authorization,
              user -> user.equals(username) ? Optional.of(password) : Optional.empty())
          .isOk();
    }
    if (auth == Auth.BASIC) {
      return BasicCredentials.parse(authorization)
          .map(c -> c.matches(username, password))
          .orElse(false);
    }
    return true;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
