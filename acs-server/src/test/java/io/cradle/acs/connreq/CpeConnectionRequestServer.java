package io.cradle.acs.connreq;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cradle.cwmp.auth.BasicCredentials;
import io.cradle.cwmp.auth.DigestServer;
import io.cradle.cwmp.auth.NonceIssuer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A phone's Connection Request server on 127.0.0.1: challenges as a CPE does (Digest via the shared
 * {@link DigestServer}, or Basic), checks the credentials, then answers a set status.
 */
public final class CpeConnectionRequestServer implements AutoCloseable {

  /** How the server asks for credentials. */
  public enum Scheme {
    DIGEST,
    BASIC,
    NONE
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final String username;
  private final String password;
  private final Scheme scheme;
  private final DigestServer digest;
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile int status = 200;
  private volatile Duration delay = Duration.ZERO;

  public CpeConnectionRequestServer(String username, String password, Scheme scheme)
      throws IOException {
    this.username = username;
    this.password = password;
    this.scheme = scheme;
    this.digest =
        new DigestServer(
            "WP820",
            new NonceIssuer(
                "a test secret of 32 bytes length".getBytes(StandardCharsets.US_ASCII),
                Duration.ofMinutes(5),
                Clock.systemUTC()));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  /** The status sent once the credentials are right. */
  public void answer(int status) {
    this.status = status;
  }

  /** Waits this long before answering an authenticated request. */
  public void delay(Duration delay) {
    this.delay = delay;
  }

  /** Requests that passed authentication. */
  public int accepted() {
    return accepted.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (!authenticated(exchange, authorization)) {
        String challenge =
            scheme == Scheme.DIGEST ? digest.challenge(false).toHeader() : "Basic realm=\"WP820\"";
        exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      accepted.incrementAndGet();
      Thread.sleep(delay.toMillis());
      exchange.sendResponseHeaders(status, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean authenticated(HttpExchange exchange, String authorization) {
    return switch (scheme) {
      case NONE -> true;
      case BASIC ->
          BasicCredentials.parse(authorization)
              .filter(c -> c.matches(username, password))
              .isPresent();
      case DIGEST ->
          authorization != null
              && digest
                  .verify(
                      exchange.getRequestMethod(),
                      exchange.getRequestURI().toString(),
                      authorization,
                      user -> user.equals(username) ? Optional.of(password) : Optional.empty())
                  .isOk();
    };
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
