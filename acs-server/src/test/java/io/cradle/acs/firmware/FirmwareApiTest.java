package io.cradle.acs.firmware;

import static io.cradle.acs.api.ApiFixtures.as;
import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.serial;
import static io.cradle.acs.api.ApiFixtures.user;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The firmware repository through the API, and what phones are then served. */
@QuarkusTest
class FirmwareApiTest {

  /** Versions no other test uses, as model and version are unique in the repository. */
  private static final AtomicInteger VERSIONS = new AtomicInteger(1);

  @Inject FirmwareRepository repository;
  @Inject Clock clock;

  private static String nextVersion() {
    return "3.0.7." + VERSIONS.getAndIncrement();
  }

  private static byte[] image(String version) {
    byte[] payload = new byte[100_000];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 7);
    }
    return FirmwareImage.build(
        "WP820", FirmwareVersion.parse(version), "notes " + version, payload);
  }

  private List<String> filesOnDisk() throws IOException {
    Files.createDirectories(repository.directory());
    try (Stream<Path> files = Files.list(repository.directory())) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void anUploadIsRecordedFromItsHeaderAndServedToPhones() throws Exception {
    String version = nextVersion();
    byte[] bytes = image(version);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

    int id =
        asAdmin()
            .contentType("application/octet-stream")
            .body(bytes)
            .post("/api/v1/firmware")
            .then()
            .statusCode(201)
            .body("model", equalTo("WP820"))
            .body("version", equalTo(version))
            .body("notes", equalTo("notes " + version))
            .body("size", equalTo(bytes.length))
            .body("sha256", equalTo(sha256))
            .body("fileName", equalTo("WP820-" + version + ".bin"))
            .body("uploadedBy", equalTo("admin"))
            .extract()
            .path("id");

    asAdmin().get("/api/v1/firmware").then().statusCode(200).body("id", hasItem(id));
    byte[] served =
        RestAssured.given()
            .get("/firmware/WP820-" + version + ".bin")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertArrayEquals(bytes, served);
    asAdmin()
        .queryParam("action", "firmware.upload")
        .get("/api/v1/audit")
        .then()
        .body("items.targetIds.flatten()", hasItem(String.valueOf(id)));
  }

  @Test
  void brokenFilesAreRefusedAndNothingIsKept() throws Exception {
    String version = nextVersion();
    byte[] corrupt = image(version);
    corrupt[corrupt.length - 100] ^= 0x20;
    byte[] truncated = java.util.Arrays.copyOf(image(version), 5_000);
    List<String> before = filesOnDisk();

    asAdmin()
        .contentType("application/octet-stream")
        .body(corrupt)
        .post("/api/v1/firmware")
        .then()
        .statusCode(400)
        .body("error", containsString("SHA-256 mismatch"));
    asAdmin()
        .contentType("application/octet-stream")
        .body(truncated)
        .post("/api/v1/firmware")
        .then()
        .statusCode(400)
        .body("error", containsString("TRUNCATED"));
    asAdmin()
        .contentType("application/octet-stream")
        .body("<html>Not Found</html>".getBytes(StandardCharsets.US_ASCII))
        .post("/api/v1/firmware")
        .then()
        .statusCode(400)
        .body("error", containsString("no CRADLEFW magic"));
    asAdmin()
        .contentType("application/octet-stream")
        .body(new byte[0])
        .post("/api/v1/firmware")
        .then()
        .statusCode(400)
        .body("error", containsString("empty"));

    assertEquals(before, filesOnDisk(), "no file left behind, not even a temporary one");
    asAdmin().get("/api/v1/firmware").then().body("version", not(hasItem(version)));
    RestAssured.given().get("/firmware/WP820-" + version + ".bin").then().statusCode(404);
  }

  @Test
  void aSecondImageOfTheSameVersionIsRefused() {
    String version = nextVersion();
    asAdmin()
        .contentType("application/octet-stream")
        .body(image(version))
        .post("/api/v1/firmware")
        .then()
        .statusCode(201);
    asAdmin()
        .contentType("application/octet-stream")
        .body(image(version))
        .post("/api/v1/firmware")
        .then()
        .statusCode(409)
        .body("error", containsString("already has WP820 " + version));
  }

  @Test
  void aViewerCannotUploadOrDelete() {
    String viewer = user("fw-viewer", "viewer");
    as(viewer)
        .contentType("application/octet-stream")
        .body(image(nextVersion()))
        .post("/api/v1/firmware")
        .then()
        .statusCode(403);
    as(viewer).get("/api/v1/firmware").then().statusCode(200);
    as(viewer).delete("/api/v1/firmware/1").then().statusCode(403);
  }

  @Test
  void anImageInUseByARolloutCannotBeDeletedUntilTheRolloutIsAborted() {
    String version = nextVersion();
    int id =
        asAdmin()
            .contentType("application/octet-stream")
            .body(image(version))
            .post("/api/v1/firmware")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String serial = serial("FWDEL");
    device(serial, clock.instant());
    int rollout =
        asAdmin()
            .contentType("application/json")
            .body(
                "{\"name\":\"uses it\",\"firmwareId\":"
                    + id
                    + ",\"selector\":{\"query\":\""
                    + serial
                    + "\"}}")
            .post("/api/v1/rollouts")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    asAdmin()
        .delete("/api/v1/firmware/" + id)
        .then()
        .statusCode(409)
        .body("error", containsString("rollout(s) [" + rollout + " (DRAFT)]"));
    RestAssured.given().get("/firmware/WP820-" + version + ".bin").then().statusCode(200);

    asAdmin().post("/api/v1/rollouts/" + rollout + "/abort").then().statusCode(200);
    asAdmin().delete("/api/v1/firmware/" + id).then().statusCode(204);
    asAdmin().get("/api/v1/firmware/" + id).then().statusCode(404);
    RestAssured.given().get("/firmware/WP820-" + version + ".bin").then().statusCode(404);
    asAdmin()
        .get("/api/v1/rollouts/" + rollout)
        .then()
        .statusCode(200)
        .body("firmware", equalTo("WP820 " + version));
  }
}
