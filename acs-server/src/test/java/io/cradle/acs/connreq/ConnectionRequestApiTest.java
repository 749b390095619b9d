package io.cradle.acs.connreq;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.serial;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cradle.acs.connreq.CpeConnectionRequestServer.Scheme;
import io.cradle.acs.inventory.Device;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Connection Requests from the running ACS to a phone's HTTP server, with the fleet credential
 * ({@code cradle}/{@code cradle} by default) or the device's own, and the outcome on the device.
 */
@QuarkusTest
class ConnectionRequestApiTest {

  @Inject Clock clock;

  private Device phoneAt(String url, Consumer<Device> customize) {
    return device(
        serial("CR"),
        clock.instant(),
        d -> {
          d.connectionRequestUrl = url;
          customize.accept(d);
        });
  }

  private static Device reload(Device d) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Device.findByKey(d.deviceKey).orElseThrow());
  }

  @Test
  void theFleetCredentialReachesThePhone() throws Exception {
    try (var phone = new CpeConnectionRequestServer("cradle", "cradle", Scheme.DIGEST)) {
      Device d = phoneAt(phone.url("/cr"), x -> {});
      Instant before = clock.instant();

      asAdmin()
          .post("/api/v1/devices/{key}/connection-request", d.deviceKey)
          .then()
          .statusCode(200)
          .body("ok", equalTo(true))
          .body("outcome", equalTo("OK 200"));

      assertEquals(1, phone.accepted());
      Device after = reload(d);
      assertEquals("OK 200", after.lastCrOutcome);
      assertNotNull(after.lastCrAt);
      assertFalse(after.lastCrAt.isBefore(before.minusSeconds(1)), "the time of this request");
      asAdmin()
          .get("/api/v1/devices/{key}", d.deviceKey)
          .then()
          .body("lastConnectionRequestOutcome", equalTo("OK 200"));
    }
  }

  @Test
  void theDevicesOwnCredentialIsUsedWhenItHasOne() throws Exception {
    try (var phone = new CpeConnectionRequestServer("ward3", "own-pw", Scheme.DIGEST)) {
      Device own =
          phoneAt(
              phone.url("/"),
              x -> {
                x.crUsername = "ward3";
                x.crPassword = "own-pw";
              });
      Device wrong =
          phoneAt(
              phone.url("/"),
              x -> {
                x.crUsername = "ward3";
                x.crPassword = "old-pw";
              });

      asAdmin()
          .post("/api/v1/devices/{key}/connection-request", own.deviceKey)
          .then()
          .body("outcome", equalTo("OK 200"));
      asAdmin()
          .post("/api/v1/devices/{key}/connection-request", wrong.deviceKey)
          .then()
          .statusCode(200)
          .body("ok", equalTo(false))
          .body("outcome", equalTo("AUTH_FAILED"));
      assertEquals("AUTH_FAILED", reload(wrong).lastCrOutcome);
    }
  }

  @Test
  void aBusyPhoneAndAnUnreachableOneAreRecordedAsSuch() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Device gone = phoneAt("http://127.0.0.1:" + closedPort + "/cr", x -> {});
    try (var phone = new CpeConnectionRequestServer("cradle", "cradle", Scheme.DIGEST)) {
      phone.answer(503);
      Device busy = phoneAt(phone.url("/"), x -> {});

      asAdmin()
          .post("/api/v1/devices/{key}/connection-request", busy.deviceKey)
          .then()
          .body("outcome", equalTo("REFUSED 503"));
    }
    asAdmin()
        .post("/api/v1/devices/{key}/connection-request", gone.deviceKey)
        .then()
        .body("outcome", equalTo("UNREACHABLE"));
    assertEquals("UNREACHABLE", reload(gone).lastCrOutcome);
    asAdmin()
        .get("/q/metrics")
        .then()
        .body(containsString("cradle_connection_requests_total{outcome=\"unreachable\""))
        .body(containsString("cradle_connection_requests_total{outcome=\"refused\""));
  }

  @Test
  void aDeviceWithoutUrlIsNotContacted() {
    Device d = phoneAt(null, x -> {});
    asAdmin()
        .post("/api/v1/devices/{key}/connection-request", d.deviceKey)
        .then()
        .body("outcome", equalTo("NO_URL"));
    asAdmin()
        .post("/api/v1/devices/{key}/connection-request", "000B82-WP820-NOSUCH")
        .then()
        .statusCode(404);
  }

  @Test
  void aTaskWithConnectionRequestKnocksOnceItIsStored() throws Exception {
    try (var phone = new CpeConnectionRequestServer("cradle", "cradle", Scheme.DIGEST)) {
      Device d = phoneAt(phone.url("/cr"), x -> {});

      asAdmin()
          .contentType("application/json")
          .body("{\"kind\": \"Reboot\", \"connectionRequest\": true}")
          .post("/api/v1/devices/{key}/tasks", d.deviceKey)
          .then()
          .statusCode(201);

      awaitOutcome(d, "OK 200");
      assertEquals(1, phone.accepted());
    }
  }

  @Test
  void aBatchWithConnectionRequestKnocksOnEveryDevice() throws Exception {
    String tag = "cr-" + serial("B");
    try (var phone = new CpeConnectionRequestServer("cradle", "cradle", Scheme.DIGEST)) {
      Device a = phoneAt(phone.url("/a"), x -> x.tags = new String[] {tag});
      Device b = phoneAt(phone.url("/b"), x -> x.tags = new String[] {tag});

      asAdmin()
          .contentType("application/json")
          .body(
              "{\"selector\": {\"tag\": \"%s\"}, \"kind\": \"Reboot\", \"connectionRequest\": true}"
                  .formatted(tag))
          .post("/api/v1/tasks")
          .then()
          .statusCode(201)
          .body("count", equalTo(2));

      awaitOutcome(a, "OK 200");
      awaitOutcome(b, "OK 200");
      assertEquals(2, phone.accepted());
    }
  }

  @Test
  void withoutConnectionRequestThePhoneIsLeftAlone() throws Exception {
    try (var phone = new CpeConnectionRequestServer("cradle", "cradle", Scheme.DIGEST)) {
      Device d = phoneAt(phone.url("/cr"), x -> {});
      asAdmin()
          .contentType("application/json")
          .body("{\"kind\": \"Reboot\", \"connectionRequest\": false}")
          .post("/api/v1/devices/{key}/tasks", d.deviceKey)
          .then()
          .statusCode(201);

      Thread.sleep(500);
      assertEquals(0, phone.accepted());
      assertNull(reload(d).lastCrOutcome);
    }
  }

  /** The request is sent in the background; its outcome lands within the 5 s timeout. */
  private static void awaitOutcome(Device d, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String outcome = null;
    while (System.nanoTime() < deadline) {
      outcome = reload(d).lastCrOutcome;
      if (expected.equals(outcome)) {
        return;
      }
      Thread.sleep(50);
    }
    assertEquals(expected, outcome, "outcome of the background Connection Request");
  }
}
