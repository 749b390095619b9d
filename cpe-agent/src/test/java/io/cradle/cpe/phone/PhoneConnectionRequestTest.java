package io.cradle.cpe.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.connreq.ConnectionRequestServer;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.time.Timebase;
import io.cradle.cwmp.auth.DigestChallenge;
import io.cradle.cwmp.auth.DigestClient;
import io.cradle.cwmp.message.Event;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A live phone on its own loopback address, woken by a Digest-authenticated Connection Request. */
class PhoneConnectionRequestTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private FakeAcs acs;
  private Timebase timebase;
  private ConnectionRequestServer server;
  private Phone phone;

  @BeforeEach
  void start() throws Exception {
    acs = new FakeAcs();
    timebase = Timebase.realTime();
    server = ConnectionRequestServer.start(ConnectionRequestServer.Settings.defaults("cr-phone"));
    // A random 127.x address: the endpoint listens on the phone's default port 7547 there.
    SplittableRandom r = new SplittableRandom();
    String ip = "127.88." + r.nextInt(1, 255) + "." + r.nextInt(1, 255);
    phone =
        Phone.builder(
                DeviceIdentity.wp820("SN0003", "V1.0A", "1.0.7.81", "00:0B:82:00:00:03"),
                timebase.scheduler("phone"))
            .store(new PValueStore(PValueCatalog.wp820()))
            .factorySettings(
                Map.of(
                    "P4503",
                    acs.url(),
                    "P4504",
                    FakeAcs.USERNAME,
                    "P4505",
                    FakeAcs.PASSWORD,
                    "P4511",
                    "acs",
                    "P4512",
                    "wake-up"))
            .ipAddress(ip)
            .connectionRequests(server)
            .build();
  }

  @AfterEach
  void stop() {
    phone.shutdown();
    server.close();
    timebase.close();
    acs.close();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean(), what);
  }

  private int get(String url, String password) throws Exception {
    URI uri = URI.create(url);
    HttpResponse<Void> challenge =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
    if (challenge.statusCode() != 401) {
      return challenge.statusCode();
    }
    DigestChallenge parsed =
        DigestChallenge.parse(challenge.headers().firstValue("WWW-Authenticate").orElseThrow())
            .orElseThrow();
    String authorization =
        new DigestClient(new SplittableRandom(1))
            .authorize("GET", uri.getRawPath(), "acs", password, parsed)
            .toHeader();
    return http.send(
            HttpRequest.newBuilder(uri).header("Authorization", authorization).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void theInformedUrlWakesThePhoneOnlyWithItsCredentials() throws Exception {
    phone.boot();
    await(() -> acs.informs().size() == 1, "boot session");
    String url = phone.connectionRequestUrl().orElseThrow();
    assertTrue(url.startsWith("http://127.88."), url);
    assertTrue(
        acs.informs().get(0).parameters().stream()
            .anyMatch(
                p ->
                    p.name().equals("Device.ManagementServer.ConnectionRequestURL")
                        && p.value().equals(url)),
        "the Inform reports the URL the phone listens on");

    assertEquals(401, get(url, "wrong"));
    Thread.sleep(200);
    assertEquals(1, acs.informs().size(), "a refused request opens no session");

    assertEquals(200, get(url, "wake-up"));
    await(() -> acs.informs().size() == 2, "connection request session");
    assertEquals(
        List.of(Event.CONNECTION_REQUEST),
        acs.informs().get(1).events().stream().map(Event::code).toList());
  }
}
