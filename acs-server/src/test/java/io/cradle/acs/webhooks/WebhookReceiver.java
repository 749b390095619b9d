package io.cradle.acs.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A receiving system on 127.0.0.1, as a nurse-call or SOC integration would be: it checks each
 * request's signature with the subscription's secret, refuses the first {@code failFirst} requests
 * with 503, and keeps what it accepted.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as received. */
  public record Received(
      String event,
      String eventId,
      String signature,
      String body,
      boolean signedOk,
      int answered) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger refusalsLeft;
  private volatile String secret = "";
  private final ExecutorService executor;

  public WebhookReceiver(int failFirst) throws IOException {
    refusalsLeft = new AtomicInteger(failFirst);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String signature = exchange.getRequestHeaders().getFirst(Signatures.HEADER);
          boolean ok =
              Signatures.verify(signature, secret, body, Instant.now().getEpochSecond(), 300);
          int status = !ok ? 401 : refusalsLeft.getAndDecrement() > 0 ? 503 : 204;
          received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst("X-Cradle-Event"),
                  exchange.getRequestHeaders().getFirst("X-Cradle-Event-Id"),
                  signature,
                  new String(body, StandardCharsets.UTF_8),
                  ok,
                  status));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    // Answers concurrently, as a real receiver does: one slow thread would make the ACS's requests
    // time out, and a timed-out delivery is rightly sent again.
    executor = Executors.newFixedThreadPool(8);
    server.setExecutor(executor);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The secret the subscription got at creation (known only after it was created). */
  public void secret(String secret) {
    this.secret = secret;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /**
   * Waits until a request matching {@code wanted} was accepted (2xx); fails after {@code within}.
   */
  public Received awaitAccepted(Predicate<Received> wanted, Duration within)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      for (Received r : received) {
        if (r.answered() / 100 == 2 && wanted.test(r)) {
          return r;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no accepted delivery matched within " + within + "; got " + received);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
