package io.cradle.acs.firmware;

import static io.cradle.acs.api.ApiFixtures.ADMIN;
import static io.cradle.acs.api.ApiFixtures.ADMIN_PASSWORD;
import static io.cradle.acs.api.ApiFixtures.passwordOf;
import static io.cradle.acs.api.ApiFixtures.token;
import static io.cradle.acs.api.ApiFixtures.user;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.security.AccessFilter;
import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Uploads above the ACS-wide 4 MB body limit: real-size images pass, checked for credentials before
 * the body is read; the repository's cap (24 MiB in tests) holds; other routes keep 4 MB.
 */
@QuarkusTest
class FirmwareUploadTest {

  private static final AtomicInteger VERSIONS = new AtomicInteger(1);
  private static final int MB = 1024 * 1024;
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Inject FirmwareRepository repository;
  @Inject FirmwareConfig config;

  @TestHTTPResource("/api/v1/firmware")
  URI upload;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static String nextVersion() {
    return "4.2.0." + VERSIONS.getAndIncrement();
  }

  private static byte[] image(String version, int payloadBytes) {
    byte[] payload = new byte[payloadBytes];
    new Random(payloadBytes).nextBytes(payload);
    return FirmwareImage.build("WP820", FirmwareVersion.parse(version), "big " + version, payload);
  }

  private List<String> filesOnDisk() throws IOException {
    Files.createDirectories(repository.directory());
    try (Stream<Path> files = Files.list(repository.directory())) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private HttpRequest.Builder post(String contentType) {
    return HttpRequest.newBuilder(upload)
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", contentType);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
  }

  @Test
  void aTwentyMegabyteImageIsStoredWithItsDigest() throws Exception {
    String version = nextVersion();
    byte[] bytes = image(version, 20 * MB);
    String secret = token(user("fw-big", "operator"), "write");

    HttpResponse<String> response =
        http.send(
            post("application/octet-stream")
                .header("Authorization", "Bearer " + secret)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(201, response.statusCode(), response.body());
    JsonPath body = JsonPath.from(response.body());
    assertEquals(sha256(bytes), body.getString("sha256"));
    assertEquals(bytes.length, body.getLong("size"));
    assertEquals(version, body.getString("version"));
    assertEquals(
        "/api/v1/firmware/" + body.getLong("id"),
        response.headers().firstValue("Location").orElseThrow());
    byte[] stored = Files.readAllBytes(repository.directory().resolve("WP820-" + version + ".bin"));
    assertEquals(sha256(bytes), sha256(stored));
  }

  @Test
  void aChunkedUploadOfUnknownLengthIsStreamedToo() throws Exception {
    String version = nextVersion();
    byte[] bytes = image(version, 6 * MB);

    HttpResponse<String> response =
        http.send(
            post("application/octet-stream")
                .header("Authorization", basic(ADMIN, ADMIN_PASSWORD))
                .POST(chunked(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(201, response.statusCode(), response.body());
    assertEquals(sha256(bytes), JsonPath.from(response.body()).getString("sha256"));
  }

  @Test
  void withoutCredentialsTheBodyIsNotReadAndNothingIsStored() throws Exception {
    String version = nextVersion();
    byte[] bytes = image(version, 20 * MB);
    List<String> before = filesOnDisk();

    Answer asked = ask(bytes.length, "Expect: 100-continue\r\n", null);
    Answer sent = ask(bytes.length, "", out -> out.write(bytes));

    assertEquals(401, asked.status(), asked.body());
    assertFalse(asked.askedForBody(), "refused before the body was read");
    assertEquals(401, sent.status(), sent.body());
    assertEquals(before, filesOnDisk());
    RestAssured.given()
        .auth()
        .preemptive()
        .basic(ADMIN, ADMIN_PASSWORD)
        .get("/api/v1/firmware")
        .then()
        .body("version", not(hasItem(version)));
  }

  @Test
  void aReadTokenOrAFormPostIsRefusedBeforeTheBodyIsRead() throws Exception {
    String operator = user("fw-read", "operator");
    List<String> before = filesOnDisk();

    Answer read =
        ask(
            5 * MB,
            "Authorization: Bearer " + token(operator, "read") + "\r\nExpect: 100-continue\r\n",
            null);
    Answer form =
        ask(
            5 * MB,
            "Authorization: "
                + basic(operator, passwordOf(operator))
                + "\r\nExpect: 100-continue\r\n",
            null,
            "application/x-www-form-urlencoded");

    assertEquals(403, read.status(), read.body());
    assertFalse(read.askedForBody());
    assertEquals(415, form.status(), form.body());
    assertFalse(form.askedForBody());
    assertTrue(form.body().contains("application/octet-stream"), form.body());
    assertEquals(before, filesOnDisk());
  }

  @Test
  void theDashboardUploadsOnItsSessionWithTheCsrfHeader() throws Exception {
    String operator = user("fw-ui", "operator");
    String session =
        RestAssured.given()
            .redirects()
            .follow(false)
            .formParam("username", operator)
            .formParam("password", passwordOf(operator))
            .formParam("next", "/ui/firmware")
            .post("/login")
            .then()
            .statusCode(303)
            .extract()
            .cookie(AccessFilter.SESSION_COOKIE);
    String page =
        RestAssured.given()
            .cookie(AccessFilter.SESSION_COOKIE, session)
            .get("/ui/firmware")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    Matcher m = CSRF.matcher(page);
    assertTrue(m.find(), "the page carries the CSRF token");
    assertTrue(
        page.contains("file.size > " + config.maxImageBytes()),
        "the page refuses a file over the cap before sending it");
    String version = nextVersion();
    byte[] bytes = image(version, 5 * MB);
    String cookie = AccessFilter.SESSION_COOKIE + "=" + session;

    Answer forged = ask(bytes.length, "Cookie: " + cookie + "\r\nExpect: 100-continue\r\n", null);
    HttpResponse<String> fromThePage =
        http.send(
            post("application/octet-stream")
                .header("Cookie", cookie)
                .header(AccessFilter.CSRF_HEADER, m.group(1))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(403, forged.status(), forged.body());
    assertFalse(forged.askedForBody());
    assertTrue(forged.body().contains("CSRF"), forged.body());
    assertEquals(201, fromThePage.statusCode(), fromThePage.body());
    assertEquals(operator, JsonPath.from(fromThePage.body()).getString("uploadedBy"));
  }

  @Test
  void anImageOverTheCapIsRefusedWith413AndLeavesNothingOnDisk() throws Exception {
    long cap = config.maxImageBytes();
    assertTrue(cap < 30L * MB, "tests run with a small cap, not " + cap);
    List<String> before = filesOnDisk();
    String auth = "Authorization: " + basic(ADMIN, ADMIN_PASSWORD) + "\r\n";

    Answer declared = ask(cap + 1, auth + "Expect: 100-continue\r\n", null);
    assertEquals(413, declared.status(), declared.body());
    assertFalse(declared.askedForBody(), "refused on the declared length alone");
    assertTrue(declared.body().contains("limit of " + cap + " bytes"), declared.body());

    // Of unknown length: cut off once past the cap, the rest never read.
    byte[] over = image(nextVersion(), (int) cap);
    Answer streamed =
        ask(
            -1,
            auth,
            out -> {
              for (int at = 0; at < over.length; at += 64 * 1024) {
                int n = Math.min(64 * 1024, over.length - at);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(over, at, n);
                out.write(CRLF);
              }
              out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            });
    assertEquals(413, streamed.status(), streamed.body());
    assertEquals(before, filesOnDisk(), "no image and no temporary file left behind");
  }

  @Test
  void everyOtherRouteKeepsTheFourMegabyteLimit() throws Exception {
    byte[] fiveMb = new byte[5 * MB];
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(upload.resolve("/api/v1/templates"))
                .header("Content-Type", "application/json")
                .header("Authorization", basic(ADMIN, ADMIN_PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofByteArray(fiveMb))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(413, response.statusCode());
  }

  private static final byte[] CRLF = {'\r', '\n'};

  /** What the ACS answered, and whether it first asked for the body (100 Continue). */
  private record Answer(int status, String body, boolean askedForBody) {}

  private interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }

  private Answer ask(long length, String headers, BodyWriter body) throws IOException {
    return ask(length, headers, body, "application/octet-stream");
  }

  /**
   * A POST on a plain socket, so the test sees exactly what the ACS does: {@code length} -1 sends
   * the body chunked; {@code body} null sends none (the ACS must answer without it). The body is
   * written from another thread while the answer is read, as the ACS may answer first.
   */
  private Answer ask(long length, String headers, BodyWriter body, String contentType)
      throws IOException {
    try (Socket socket = new Socket(upload.getHost(), upload.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String head =
          "POST /api/v1/firmware HTTP/1.1\r\nHost: "
              + upload.getHost()
              + ":"
              + upload.getPort()
              + "\r\nContent-Type: "
              + contentType
              + "\r\n"
              + (length < 0
                  ? "Transfer-Encoding: chunked\r\n"
                  : "Content-Length: " + length + "\r\n")
              + headers
              + "\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread writer = null;
      if (body != null) {
        writer =
            new Thread(
                () -> {
                  try {
                    body.write(out);
                    out.flush();
                  } catch (IOException closedByTheAcs) {
                    // The ACS refused and closed the connection; its answer is read below.
                  }
                });
        writer.start();
      }
      InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
      boolean asked = false;
      int status;
      Map<String, String> answerHeaders;
      do {
        String statusLine = line(in);
        status = Integer.parseInt(statusLine.split(" ")[1]);
        answerHeaders = new HashMap<>();
        for (String h; !(h = line(in)).isEmpty(); ) {
          String[] kv = h.split(":", 2);
          answerHeaders.put(kv[0].strip().toLowerCase(Locale.ROOT), kv[1].strip());
        }
        asked |= status == 100;
      } while (status == 100);
      int size = Integer.parseInt(answerHeaders.getOrDefault("content-length", "0"));
      String text = new String(in.readNBytes(size), StandardCharsets.UTF_8);
      if (writer != null) {
        socket.close();
        writer.join(30_000);
      }
      return new Answer(status, text, asked);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new IOException("the ACS closed the connection after: " + line);
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** The bytes as a body of unknown length (sent chunked), in 64 KiB pieces. */
  private static HttpRequest.BodyPublisher chunked(byte[] bytes) {
    return HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes));
  }
}
