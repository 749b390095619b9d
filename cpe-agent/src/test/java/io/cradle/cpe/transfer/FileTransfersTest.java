package io.cradle.cpe.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cwmp.auth.DigestClient;
import io.cradle.cwmp.message.FaultCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FileTransfersTest {

  static final String UA = "Grandstream Model HW WP820 SW 1.0.7.81 DevId 000b82123456";
  private static final byte[] CONTENT = "<gs_provision/>".getBytes(StandardCharsets.US_ASCII);

  private TestFileServer server;
  private FileTransfers transfers;

  @BeforeEach
  void start() throws IOException {
    server = new TestFileServer().put("/prov/cfg.xml", CONTENT);
    transfers = newTransfers(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static FileTransfers newTransfers(Duration timeout) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    return new FileTransfers(http, new DigestClient(new SplittableRandom(1)), UA, timeout);
  }

  @Test
  void digestProtectedGetSucceedsWithTheRightCredentials() throws Exception {
    server.protect(TestFileServer.Auth.DIGEST, "prov", "s3cret");
    byte[] got =
        transfers.get(
            server.url("/prov/cfg.xml"), new TransferCredentials("prov", "s3cret", false), 1000);
    assertArrayEquals(CONTENT, got);
    List<TestFileServer.Seen> seen = server.seen();
    assertEquals(2, seen.size(), "one challenge, one answer");
    assertEquals(null, seen.get(0).authorization());
    assertTrue(seen.get(1).authorization().startsWith("Digest "), seen.get(1).authorization());
    seen.forEach(s -> assertEquals(UA, s.userAgent()));
  }

  @Test
  void digestWithTheWrongPasswordIs9012() {
    server.protect(TestFileServer.Auth.DIGEST, "prov", "s3cret");
    TransferException e =
        assertThrows(
            TransferException.class,
            () ->
                transfers.get(
                    server.url("/prov/cfg.xml"),
                    new TransferCredentials("prov", "wrong", false),
                    1000));
    assertEquals(FaultCode.FILE_TRANSFER_SERVER_AUTHENTICATION_FAILURE, e.fault());
    assertEquals(2, server.seen().size(), "the challenge is answered once, not in a loop");
  }

  @Test
  void challengeWithoutCredentialsIs9012() {
    server.protect(TestFileServer.Auth.DIGEST, "prov", "s3cret");
    TransferException e =
        assertThrows(
            TransferException.class,
            () -> transfers.get(server.url("/prov/cfg.xml"), TransferCredentials.NONE, 1000));
    assertEquals(FaultCode.FILE_TRANSFER_SERVER_AUTHENTICATION_FAILURE, e.fault());
  }

  @Test
  void preemptiveBasicSendsCredentialsOnTheFirstRequest() throws Exception {
    server.protect(TestFileServer.Auth.BASIC, "prov", "s3cret");
    byte[] got =
        transfers.get(
            server.url("/prov/cfg.xml"), new TransferCredentials("prov", "s3cret", true), 1000);
    assertArrayEquals(CONTENT, got);
    List<TestFileServer.Seen> seen = server.seen();
    assertEquals(1, seen.size());
    assertTrue(seen.get(0).authorization().startsWith("Basic "));
  }

  @Test
  void basicIsAnsweredWhenItIsAllTheServerOffers() throws Exception {
    server.protect(TestFileServer.Auth.BASIC, "prov", "s3cret");
    byte[] got =
        transfers.get(
            server.url("/prov/cfg.xml"), new TransferCredentials("prov", "s3cret", false), 1000);
    assertArrayEquals(CONTENT, got);
    assertEquals(2, server.seen().size());
    assertTrue(server.seen().get(1).authorization().startsWith("Basic "));
  }

  @Test
  void missingFileIsEmptyForGetIfPresentAnd9016ForGet() throws Exception {
    assertTrue(
        transfers
            .getIfPresent(server.url("/prov/nope.xml"), TransferCredentials.NONE, 1000)
            .isEmpty());
    assertArrayEquals(
        CONTENT,
        transfers
            .getIfPresent(server.url("/prov/cfg.xml"), TransferCredentials.NONE, 1000)
            .orElseThrow());
    TransferException e =
        assertThrows(
            TransferException.class,
            () -> transfers.get(server.url("/prov/nope.xml"), TransferCredentials.NONE, 1000));
    assertEquals(FaultCode.FILE_ACCESS_FAILURE, e.fault());
    assertTrue(e.getMessage().contains("404"), e.getMessage());
  }

  @Test
  void bodyLongerThanMaxBytesIs9017() {
    server.put("/big.bin", new byte[100_000]);
    TransferException e =
        assertThrows(
            TransferException.class,
            () -> transfers.get(server.url("/big.bin"), TransferCredentials.NONE, 1000));
    assertEquals(FaultCode.DOWNLOAD_INCOMPLETE, e.fault());
    assertTrue(e.getMessage().contains("1000"), e.getMessage());
  }

  @Test
  void bodyCutShortIs9017() throws Exception {
    try (ServerSocket raw = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = raw.accept()) {
                  InputStream in = s.getInputStream();
                  in.read(new byte[4096]); // the request; small enough for one read here
                  OutputStream out = s.getOutputStream();
                  out.write(
                      "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b"
                          .getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (IOException ignored) {
                  // the test sees the outcome on the client side
                }
              });
      t.start();
      URI url = URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/fw.bin");
      TransferException e =
          assertThrows(
              TransferException.class, () -> transfers.get(url, TransferCredentials.NONE, 1000));
      assertEquals(FaultCode.DOWNLOAD_INCOMPLETE, e.fault(), e.getMessage());
      t.join(5000);
    }
  }

  @Test
  void connectionRefusedIs9015() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port + "/cfg.xml");
    TransferException e =
        assertThrows(
            TransferException.class, () -> transfers.get(url, TransferCredentials.NONE, 1000));
    assertEquals(FaultCode.FILE_SERVER_UNREACHABLE, e.fault(), e.getMessage());
    TransferException put =
        assertThrows(
            TransferException.class,
            () -> transfers.put(url, TransferCredentials.NONE, CONTENT, "text/plain"));
    assertEquals(FaultCode.UPLOAD_FAILURE, put.fault(), "a failed upload is 9011");
  }

  @Test
  void unknownHostIs9015() {
    URI url = URI.create("http://no-such-host.invalid/cfg.xml");
    TransferException e =
        assertThrows(
            TransferException.class, () -> transfers.get(url, TransferCredentials.NONE, 1000));
    assertEquals(FaultCode.FILE_SERVER_UNREACHABLE, e.fault(), e.getMessage());
  }

  @Test
  void ftpIs9013ForDownloadAndUpload() {
    URI url = URI.create("ftp://127.0.0.1/cfg.xml");
    TransferException get =
        assertThrows(
            TransferException.class, () -> transfers.get(url, TransferCredentials.NONE, 1000));
    assertEquals(FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL, get.fault());
    TransferException put =
        assertThrows(
            TransferException.class,
            () -> transfers.put(url, TransferCredentials.NONE, CONTENT, "text/plain"));
    assertEquals(FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL, put.fault());
    assertTrue(server.seen().isEmpty());
  }

  @Test
  void putArrivesWithItsBodyBehindDigest() throws Exception {
    server.protect(TestFileServer.Auth.DIGEST, "up", "load");
    byte[] log = "syslog line 1\n".getBytes(StandardCharsets.UTF_8);
    transfers.put(
        server.url("/upload/000b82123456.log"),
        new TransferCredentials("up", "load", false),
        log,
        "text/plain");
    assertArrayEquals(log, server.file("/upload/000b82123456.log").orElseThrow());
    TestFileServer.Seen last = server.seen().get(server.seen().size() - 1);
    assertEquals("PUT", last.method());
    assertEquals(UA, last.userAgent());
    assertArrayEquals(log, last.body());
  }

  @Test
  void putWithTheWrongPasswordIs9012() {
    server.protect(TestFileServer.Auth.DIGEST, "up", "load");
    TransferException e =
        assertThrows(
            TransferException.class,
            () ->
                transfers.put(
                    server.url("/upload/x.log"),
                    new TransferCredentials("up", "nope", false),
                    CONTENT,
                    "text/plain"));
    assertEquals(FaultCode.FILE_TRANSFER_SERVER_AUTHENTICATION_FAILURE, e.fault());
    assertFalse(server.file("/upload/x.log").isPresent());
  }

  @Test
  void credentialsNeverShowInToString() {
    assertFalse(new TransferCredentials("u", "hunter2", false).toString().contains("hunter2"));
  }

  @Test
  void grandstreamUserAgentHasTheNotesForm() {
    assertEquals(
        "Grandstream Model HW WP820 V1.0A SW 1.0.7.81 DevId 000b82123456",
        FileTransfers.grandstreamUserAgent("WP820", "1.0A", "1.0.7.81", "00:0B:82:12:34:56"));
    assertEquals(
        "Grandstream Model HW WP820 SW 1.0.7.81 DevId 000b82123456",
        FileTransfers.grandstreamUserAgent("WP820", "", "1.0.7.81", "000B82123456"));
  }
}
