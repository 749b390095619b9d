package io.cradle.acs.connreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.connreq.ConnectionRequestOutcome.Result;
import io.cradle.acs.connreq.CpeConnectionRequestServer.Scheme;
import io.cradle.cwmp.auth.DigestClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Connection Requests against a real HTTP server that challenges the way phones do. */
class ConnectionRequesterTest {

  private final ConnectionRequester requester =
      new ConnectionRequester(
          ConnectionRequester.httpClient(Duration.ofSeconds(2)),
          new DigestClient(new Random(1)),
          Duration.ofSeconds(5));

  private ConnectionRequestOutcome send(String url, String user, String password) {
    return requester.send(url, user, password).join();
  }

  @Test
  void answersTheDigestChallenge() throws Exception {
    try (var cpe = new CpeConnectionRequestServer("cradle", "s3cret", Scheme.DIGEST)) {
      ConnectionRequestOutcome outcome = send(cpe.url("/cr/0123?x=1"), "cradle", "s3cret");

      assertEquals("OK 200", outcome.text(), outcome.detail());
      assertTrue(outcome.isOk());
      assertEquals(1, cpe.accepted());
    }
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailure() throws Exception {
    try (var cpe = new CpeConnectionRequestServer("cradle", "s3cret", Scheme.DIGEST)) {
      ConnectionRequestOutcome outcome = send(cpe.url("/"), "cradle", "guess");

      assertEquals(Result.AUTH_FAILED, outcome.result());
      assertEquals("AUTH_FAILED", outcome.text());
      assertEquals(0, cpe.accepted());
    }
  }

  @Test
  void usesBasicWhenThatIsWhatTheDeviceAsksFor() throws Exception {
    try (var cpe = new CpeConnectionRequestServer("cradle", "s3cret", Scheme.BASIC)) {
      assertEquals("OK 200", send(cpe.url("/"), "cradle", "s3cret").text());
      assertEquals("AUTH_FAILED", send(cpe.url("/"), "cradle", "nope").text());
    }
  }

  @Test
  void aDeviceThatAsksForNothingIsReachedAtOnce() throws Exception {
    try (var cpe = new CpeConnectionRequestServer("cradle", "s3cret", Scheme.NONE)) {
      cpe.answer(204);
      assertEquals("OK 204", send(cpe.url("/"), "x", "y").text());
    }
  }

  @Test
  void aBusyDeviceRefuses() throws Exception {
    try (var cpe = new CpeConnectionRequestServer("cradle", "s3cret", Scheme.DIGEST)) {
      cpe.answer(503);
      ConnectionRequestOutcome outcome = send(cpe.url("/"), "cradle", "s3cret");

      assertEquals("REFUSED 503", outcome.text());
      assertEquals(1, cpe.accepted(), "the credentials were right; the device said no");
    }
  }

  @Test
  void nobodyListeningIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    assertEquals(
        "UNREACHABLE", send("http://127.0.0.1:" + closedPort + "/cr", "cradle", "cradle").text());
  }

  @Test
  void aDeviceThatDoesNotAnswerInTimeTimesOut() throws Exception {
    ConnectionRequester impatient =
        new ConnectionRequester(
            ConnectionRequester.httpClient(Duration.ofSeconds(2)),
            new DigestClient(new Random(2)),
            Duration.ofMillis(300));
    try (var cpe = new CpeConnectionRequestServer("cradle", "s3cret", Scheme.DIGEST)) {
      cpe.delay(Duration.ofSeconds(3));
      long start = System.nanoTime();
      ConnectionRequestOutcome outcome = impatient.send(cpe.url("/"), "cradle", "s3cret").join();

      assertEquals("TIMEOUT", outcome.text(), outcome.detail());
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000, "gave up early");
    }
  }

  @Test
  void withoutAUsableUrlNothingIsSent() {
    assertEquals("NO_URL", send(null, "a", "b").text());
    assertEquals("NO_URL", send("", "a", "b").text());
    assertEquals("NO_URL", send("ftp://10.0.0.1/cr", "a", "b").text());
    assertEquals("NO_URL", send("not a url", "a", "b").text());
  }
}
