package io.cradle.cpe.connreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cwmp.auth.DigestChallenge;
import io.cradle.cwmp.auth.DigestClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionRequestServerTest {

  private static final AtomicInteger SERVERS = new AtomicInteger();
  private static final String PATH = "/cr/0a1b2c";
  private static final Credentials ACS = new Credentials("acs", "s3cret");

  private final DigestClient digest = new DigestClient(new SplittableRandom(7));
  private final List<ConnectionRequestServer> servers = new ArrayList<>();

  @AfterEach
  void closeServers() {
    servers.forEach(ConnectionRequestServer::close);
  }

  private ConnectionRequestServer server(Duration minInterval, Clock clock) throws IOException {
    String name = "cr-test-" + SERVERS.incrementAndGet();
    ConnectionRequestServer server =
        ConnectionRequestServer.start(
            new ConnectionRequestServer.Settings(
                name, "WP820", minInterval, Duration.ofMillis(300), Duration.ofMinutes(5), clock));
    servers.add(server);
    return server;
  }

  private ConnectionRequestServer server() throws IOException {
    return server(Duration.ZERO, Clock.systemUTC());
  }

  private static InetSocketAddress loopback(String address) throws IOException {
    return new InetSocketAddress(InetAddress.getByName(address), 0);
  }

  /** A GET that answers the server's challenge, as an ACS does. */
  private RawHttp.Reply authorizedGet(InetSocketAddress address, String path, Credentials as)
      throws IOException {
    RawHttp.Reply challenge = RawHttp.get(address, path, null);
    assertEquals(401, challenge.status());
    return RawHttp.get(address, path, answer(challenge, path, as));
  }

  private String answer(RawHttp.Reply challenge, String path, Credentials as) {
    DigestChallenge parsed =
        DigestChallenge.parse(challenge.headers().get("www-authenticate")).orElseThrow();
    return digest.authorize("GET", path, as.username(), as.password(), parsed).toHeader();
  }

  private static void awaitCount(AtomicInteger counter, int expected) throws InterruptedException {
    // The listener runs just after the answer is written, so the client may see the answer first.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (counter.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(expected, counter.get());
  }

  private static long threadsNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name) && t.isAlive())
        .count();
  }

  @Test
  void withoutCredentialsChallengesAndDoesNotCallTheListener() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ConnectionRequestServer.Registration phone =
        server().register(loopback("127.0.0.1"), PATH, () -> ACS, calls::incrementAndGet);

    RawHttp.Reply reply = RawHttp.get(phone.address(), PATH, null);

    assertEquals(401, reply.status());
    DigestChallenge challenge =
        DigestChallenge.parse(reply.headers().get("www-authenticate")).orElseThrow();
    assertEquals("WP820", challenge.realm());
    assertTrue(challenge.offersQopAuth());
    assertFalse(challenge.stale());
    assertEquals("close", reply.headers().get("connection"));
    assertEquals(0, calls.get());
  }

  @Test
  void rightCredentialsGetAnEmptyOkThenTheListenerOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ConnectionRequestServer.Registration phone =
        server().register(loopback("127.0.0.1"), PATH, () -> ACS, calls::incrementAndGet);

    RawHttp.Reply reply = authorizedGet(phone.address(), PATH, ACS);

    assertEquals(200, reply.status());
    assertEquals("0", reply.headers().get("content-length"));
    assertEquals("", reply.body());
    awaitCount(calls, 1);
  }

  @Test
  void javaHttpClientCompletesTheDigestExchange() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ConnectionRequestServer.Registration phone =
        server().register(loopback("127.0.0.5"), PATH, () -> ACS, calls::incrementAndGet);
    assertEquals("http://127.0.0.5:" + phone.address().getPort() + PATH, phone.url());
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create(phone.url());

    HttpResponse<String> challenge =
        client.send(HttpRequest.newBuilder(uri).GET().build(), BodyHandlers.ofString());
    DigestChallenge parsed =
        DigestChallenge.parse(challenge.headers().firstValue("WWW-Authenticate").orElseThrow())
            .orElseThrow();
    String authorization =
        digest.authorize("GET", PATH, ACS.username(), ACS.password(), parsed).toHeader();
    HttpResponse<String> reply =
        client.send(
            HttpRequest.newBuilder(uri).header("Authorization", authorization).GET().build(),
            BodyHandlers.ofString());

    assertEquals(401, challenge.statusCode());
    assertEquals(200, reply.statusCode());
    assertEquals("", reply.body());
    awaitCount(calls, 1);
  }

  @Test
  void wrongPasswordIsChallengedAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ConnectionRequestServer.Registration phone =
        server().register(loopback("127.0.0.1"), PATH, () -> ACS, calls::incrementAndGet);

    RawHttp.Reply reply = authorizedGet(phone.address(), PATH, new Credentials("acs", "guess"));

    assertEquals(401, reply.status());
    assertTrue(reply.headers().get("www-authenticate").startsWith("Digest "));
    assertEquals(0, calls.get());
  }

  @Test
  void expiredNonceGetsAStaleChallenge() throws Exception {
    MutableClock clock = new MutableClock();
    AtomicInteger calls = new AtomicInteger();
    ConnectionRequestServer.Registration phone =
        server(Duration.ZERO, clock)
            .register(loopback("127.0.0.1"), PATH, () -> ACS, calls::incrementAndGet);
    RawHttp.Reply challenge = RawHttp.get(phone.address(), PATH, null);

    clock.advance(Duration.ofMinutes(6));
    RawHttp.Reply reply = RawHttp.get(phone.address(), PATH, answer(challenge, PATH, ACS));

    assertEquals(401, reply.status());
    assertTrue(
        DigestChallenge.parse(reply.headers().get("www-authenticate")).orElseThrow().stale());
    assertEquals(0, calls.get());
  }

  @Test
  void secondImmediateRequestIsRateLimitedWithoutRetryAfter() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ConnectionRequestServer.Registration phone =
        server(Duration.ofHours(1), Clock.systemUTC())
            .register(loopback("127.0.0.1"), PATH, () -> ACS, calls::incrementAndGet);

    assertEquals(200, authorizedGet(phone.address(), PATH, ACS).status());
    RawHttp.Reply second = authorizedGet(phone.address(), PATH, ACS);

    assertEquals(503, second.status());
    assertFalse(second.headers().containsKey("retry-after"));
    awaitCount(calls, 1);
  }

  @Test
  void unauthenticatedRequestsDoNotSpendTheRateLimit() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ConnectionRequestServer.Registration phone =
        server(Duration.ofHours(1), Clock.systemUTC())
            .register(loopback("127.0.0.1"), PATH, () -> ACS, calls::incrementAndGet);

    assertEquals(401, authorizedGet(phone.address(), PATH, new Credentials("x", "y")).status());

    assertEquals(200, authorizedGet(phone.address(), PATH, ACS).status());
    awaitCount(calls, 1);
  }

  @Test
  void otherPathIsNotFoundAndOtherMethodNotAllowed() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ConnectionRequestServer.Registration phone =
        server().register(loopback("127.0.0.1"), PATH, () -> ACS, calls::incrementAndGet);

    assertEquals(404, RawHttp.get(phone.address(), "/cr/other", null).status());
    RawHttp.Reply post =
        RawHttp.send(
            phone.address(), "POST " + PATH + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    assertEquals(405, post.status());
    assertEquals("GET", post.headers().get("allow"));
    assertEquals(400, RawHttp.send(phone.address(), "HELLO\r\n\r\n").status());
    assertEquals(0, calls.get());
  }

  @Test
  void oversizedHeadIsRefused() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ConnectionRequestServer.Registration phone =
        server().register(loopback("127.0.0.1"), PATH, () -> ACS, calls::incrementAndGet);
    String filler = "X-Filler: " + "a".repeat(Connection.MAX_HEAD_BYTES) + "\r\n";

    RawHttp.Reply reply =
        RawHttp.send(phone.address(), "GET " + PATH + " HTTP/1.1\r\n" + filler + "\r\n");

    assertEquals(431, reply.status());
    assertEquals(0, calls.get());
  }

  @Test
  void silentConnectionIsClosedAfterTheTimeout() throws Exception {
    ConnectionRequestServer.Registration phone =
        server().register(loopback("127.0.0.1"), PATH, () -> ACS, () -> {});
    try (Socket socket = new Socket()) {
      socket.connect(phone.address(), 5_000);
      socket.setSoTimeout(5_000);
      InputStream in = socket.getInputStream();

      assertEquals(-1, in.read());
    }
  }

  @Test
  void oneThreadServesTwoHundredPhonesEachOnItsOwnAddress() throws Exception {
    ConnectionRequestServer server = server();
    int phones = 200;
    AtomicInteger[] calls = new AtomicInteger[phones];
    List<ConnectionRequestServer.Registration> registrations = new ArrayList<>();
    for (int i = 0; i < phones; i++) {
      AtomicInteger counter = new AtomicInteger();
      calls[i] = counter;
      registrations.add(
          server.register(
              loopback("127.0.1." + (i + 1)), "/cr/" + i, () -> ACS, counter::incrementAndGet));
    }
    int target = 57;
    InetSocketAddress address = registrations.get(target).address();
    assertEquals("127.0.1.58", address.getAddress().getHostAddress());

    assertEquals(200, authorizedGet(address, "/cr/" + target, ACS).status());

    awaitCount(calls[target], 1);
    for (int i = 0; i < phones; i++) {
      assertEquals(i == target ? 1 : 0, calls[i].get(), "phone " + i);
    }
    assertEquals(1, threadsNamed(server.threadName()));
  }

  @Test
  void changedCredentialsApplyAtOnce() throws Exception {
    AtomicReference<Credentials> credentials = new AtomicReference<>(ACS);
    AtomicInteger calls = new AtomicInteger();
    ConnectionRequestServer.Registration phone =
        server().register(loopback("127.0.0.1"), PATH, credentials::get, calls::incrementAndGet);
    assertEquals(200, authorizedGet(phone.address(), PATH, ACS).status());

    Credentials changed = new Credentials("acs2", "n3w");
    credentials.set(changed);

    assertEquals(401, authorizedGet(phone.address(), PATH, ACS).status());
    assertEquals(200, authorizedGet(phone.address(), PATH, changed).status());
    awaitCount(calls, 2);
  }

  @Test
  void closingARegistrationFreesItsPort() throws Exception {
    ConnectionRequestServer server = server();
    ConnectionRequestServer.Registration phone =
        server.register(loopback("127.0.0.2"), PATH, () -> ACS, () -> {});
    InetSocketAddress address = phone.address();

    phone.close();

    try (ServerSocket rebound = new ServerSocket()) {
      rebound.bind(address);
    }
    ConnectionRequestServer.Registration again =
        server.register(address, PATH, () -> ACS, () -> {});
    assertEquals(address, again.address());
  }

  @Test
  void closingTheServerEndsItsThreadAndFreesEveryPort() throws Exception {
    ConnectionRequestServer server = server();
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String host : new String[] {"127.0.0.1", "127.0.0.3", "127.0.0.4"}) {
      addresses.add(server.register(loopback(host), PATH, () -> ACS, () -> {}).address());
    }
    assertEquals(1, threadsNamed(server.threadName()));

    server.close();

    assertEquals(0, threadsNamed(server.threadName()));
    for (InetSocketAddress address : addresses) {
      try (ServerSocket rebound = new ServerSocket()) {
        rebound.bind(address);
      }
    }
    assertThrows(
        IllegalStateException.class,
        () -> server.register(loopback("127.0.0.1"), PATH, () -> ACS, () -> {}));
  }

  /** A clock the test moves by hand, to age nonces. */
  private static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
