package io.cradle.cpe.phone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cradle.cwmp.auth.BasicCredentials;
import io.cradle.cwmp.auth.DigestServer;
import io.cradle.cwmp.auth.NonceIssuer;
import io.cradle.cwmp.message.AcsRequest;
import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.InformResponse;
import io.cradle.cwmp.message.TransferComplete;
import io.cradle.cwmp.message.TransferCompleteResponse;
import io.cradle.cwmp.soap.CwmpVersion;
import io.cradle.cwmp.soap.Envelope;
import io.cradle.cwmp.soap.Header;
import io.cradle.cwmp.soap.SoapCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal ACS for phone tests: Digest on the Inform, a session cookie it insists on afterwards,
 * queued requests handed out on empty POSTs, and scripted 503s.
 */
final class FakeAcs implements AutoCloseable {

  static final String USERNAME = "cpe";
  static final String PASSWORD = "secret";

  private final HttpServer server;
  private final SoapCodec codec = new SoapCodec();
  private final DigestServer digest =
      new DigestServer(
          "fake", new NonceIssuer(new byte[16], Duration.ofMinutes(5), Clock.systemUTC()));

  private final List<Inform> informs = new ArrayList<>();
  private final List<CwmpMessage> answers = new ArrayList<>();
  private final List<TransferComplete> transferCompletes = new ArrayList<>();
  private final Map<String, byte[]> files = new HashMap<>();
  private final Map<String, byte[]> uploads = new HashMap<>();
  private final List<String> fileRequests = new ArrayList<>();
  private int truncatedFiles;
  private boolean basicOnly;
  private final Deque<AcsRequest<?>> requests = new ArrayDeque<>();
  private int challenges;
  private int unavailableInforms;
  private int sessions;
  private String sessionCookie;

  FakeAcs() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/acs", this::handle);
    server.createContext("/files/", this::serveFile);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/acs";
  }

  // HttpServer's default executor is its single dispatcher thread; synchronized publishes the
  // recorded state to the test thread.
  private synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (body.length == 0) {
        if (!hasSessionCookie(exchange)) {
          exchange.sendResponseHeaders(400, -1);
          return;
        }
        sendNextOrEnd(exchange);
        return;
      }
      Envelope envelope = codec.decode(body);
      if (envelope.body() instanceof Inform inform) {
        onInform(exchange, envelope, inform);
        return;
      }
      if (!hasSessionCookie(exchange)) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      if (envelope.body() instanceof TransferComplete complete) {
        transferCompletes.add(complete);
        send(
            exchange,
            new Envelope(CwmpVersion.V1_0, envelope.header(), new TransferCompleteResponse()));
        return;
      }
      answers.add(envelope.body());
      sendNextOrEnd(exchange);
    } catch (Exception e) {
      exchange.sendResponseHeaders(500, -1);
    }
  }

  private void onInform(HttpExchange exchange, Envelope envelope, Inform inform)
      throws IOException {
    if (unavailableInforms > 0) {
      unavailableInforms--;
      exchange.sendResponseHeaders(503, -1);
      return;
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (basicOnly) {
      boolean basicOk =
          authorization != null
              && BasicCredentials.parse(authorization)
                  .filter(c -> c.username().equals(USERNAME) && c.password().equals(PASSWORD))
                  .isPresent();
      if (!basicOk) {
        challenges++;
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"acs\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      acceptInform(exchange, envelope, inform);
      return;
    }
    boolean ok =
        authorization != null
            && digest
                .verify(
                    "POST",
                    exchange.getRequestURI().getRawPath(),
                    authorization,
                    user -> USERNAME.equals(user) ? Optional.of(PASSWORD) : Optional.empty())
                .isOk();
    if (!ok) {
      challenges++;
      exchange.getResponseHeaders().add("WWW-Authenticate", digest.challenge(false).toHeader());
      exchange.sendResponseHeaders(401, -1);
      return;
    }
    acceptInform(exchange, envelope, inform);
  }

  private void acceptInform(HttpExchange exchange, Envelope envelope, Inform inform)
      throws IOException {
    informs.add(inform);
    sessionCookie = "acs_session=" + ++sessions;
    exchange.getResponseHeaders().add("Set-Cookie", sessionCookie + "; Path=/; HttpOnly");
    send(exchange, new Envelope(CwmpVersion.V1_0, envelope.header(), new InformResponse(1)));
  }

  private boolean hasSessionCookie(HttpExchange exchange) {
    String cookie = exchange.getRequestHeaders().getFirst("Cookie");
    return cookie != null && cookie.contains(sessionCookie);
  }

  private void sendNextOrEnd(HttpExchange exchange) throws IOException {
    AcsRequest<?> next = requests.poll();
    if (next == null) {
      exchange.sendResponseHeaders(204, -1);
      return;
    }
    send(exchange, new Envelope(CwmpVersion.V1_0, Header.withId("acs-" + sessions), next));
  }

  private void send(HttpExchange exchange, Envelope envelope) throws IOException {
    byte[] bytes = codec.encode(envelope);
    exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /**
   * Settings that point a phone at this ACS, with no config or firmware server (empty paths), so
   * boot-time provisioning asks nothing of the network.
   */
  static Map<String, String> factorySettings(FakeAcs acs) {
    return Map.of("P4503", acs.url(), "P4504", USERNAME, "P4505", PASSWORD, "P237", "", "P192", "");
  }

  /** The URL at which {@link #putFile} content is served; PUTs there are kept as uploads. */
  String fileUrl(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + name;
  }

  synchronized void putFile(String name, byte[] content) {
    files.put(name, content);
  }

  /** The next {@code count} GETs of files break off half-way, as a flaky network does. */
  synchronized void truncateNextFiles(int count) {
    truncatedFiles = count;
  }

  synchronized Map<String, byte[]> uploads() {
    return Map.copyOf(uploads);
  }

  synchronized List<String> fileRequests() {
    return List.copyOf(fileRequests);
  }

  synchronized List<TransferComplete> transferCompletes() {
    return List.copyOf(transferCompletes);
  }

  private synchronized void serveFile(HttpExchange exchange) throws IOException {
    try (exchange) {
      String name = exchange.getRequestURI().getPath().substring("/files/".length());
      fileRequests.add(exchange.getRequestMethod() + " " + name);
      if (exchange.getRequestMethod().equals("PUT")) {
        uploads.put(name, exchange.getRequestBody().readAllBytes());
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      byte[] content = files.get(name);
      if (content == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(200, content.length);
      if (truncatedFiles > 0) {
        truncatedFiles--;
        exchange.getResponseBody().write(content, 0, content.length / 2);
        return;
      }
      exchange.getResponseBody().write(content);
    }
  }

  synchronized List<Inform> informs() {
    return List.copyOf(informs);
  }

  synchronized List<CwmpMessage> answers() {
    return List.copyOf(answers);
  }

  synchronized int challenges() {
    return challenges;
  }

  synchronized void enqueue(AcsRequest<?> request) {
    requests.add(request);
  }

  /** Like an ACS behind a proxy that only knows Basic authentication. */
  synchronized void basicOnly() {
    basicOnly = true;
  }

  synchronized void failNextInforms(int count) {
    unavailableInforms = count;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
