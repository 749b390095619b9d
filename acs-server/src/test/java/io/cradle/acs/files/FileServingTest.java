package io.cradle.acs.files;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Config and firmware files as phones fetch them: real files on disk, and no admin credential in
 * any request, since phones have none.
 */
@QuarkusTest
class FileServingTest {

  private static final String MAC = "000b82a1b2c3";
  private static final int IMAGE_SIZE = 100_000;

  @ConfigProperty(name = "cradle.data-dir")
  String dataDir;

  private byte[] image;

  @BeforeEach
  void files() throws IOException {
    Path prov = Files.createDirectories(Path.of(dataDir, "prov"));
    Files.writeString(prov.resolve("cfg" + MAC), "binary config of " + MAC);
    Files.writeString(
        prov.resolve("cfg" + MAC + ".xml"), "<gs_provision>" + MAC + "</gs_provision>");
    Files.writeString(prov.resolve("cfgwp820.xml"), "<gs_provision>model</gs_provision>");
    Files.writeString(prov.resolve("cfg.xml"), "<gs_provision>fleet</gs_provision>");
    Files.writeString(Path.of(dataDir, "secret.txt"), "outside the served folders");
    image = new byte[IMAGE_SIZE];
    for (int i = 0; i < image.length; i++) {
      image[i] = (byte) (i * 31 + 7);
    }
    Path firmware = Files.createDirectories(Path.of(dataDir, "firmware"));
    Files.write(firmware.resolve("wp820fw.bin"), image);
  }

  @Test
  void eachNameAPhoneAsksForIsServed() {
    given()
        .get("/prov/cfg" + MAC)
        .then()
        .statusCode(200)
        .contentType(startsWith("application/octet-stream"))
        .header("Cache-Control", "no-store")
        .body(equalTo("binary config of " + MAC));
    given()
        .get("/prov/cfg" + MAC + ".xml")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/xml"))
        .body(equalTo("<gs_provision>" + MAC + "</gs_provision>"));
    given()
        .get("/prov/cfgwp820.xml")
        .then()
        .statusCode(200)
        .body(equalTo("<gs_provision>model</gs_provision>"));
    given()
        .get("/prov/cfg.xml")
        .then()
        .statusCode(200)
        .body(equalTo("<gs_provision>fleet</gs_provision>"));
  }

  @Test
  void namesMatchInAnyCase() {
    given()
        .get("/prov/CFG" + MAC.toUpperCase() + ".XML")
        .then()
        .statusCode(200)
        .body(equalTo("<gs_provision>" + MAC + "</gs_provision>"));
    given().get("/prov/cfgWP820.xml").then().statusCode(200);
  }

  @Test
  void anAbsentFileOrAnotherNameIs404() {
    given().get("/prov/cfg000b82ffffff.xml").then().statusCode(404);
    given().get("/prov/cfggxp2170.xml").then().statusCode(404);
    for (String name :
        new String[] {
          "secret.txt", "cfg.xml.bak", "cfg000b82a1b2c.xml", "cfg" + MAC + ".cfg", "provision.conf"
        }) {
      given().get("/prov/" + name).then().statusCode(404);
    }
  }

  @Test
  void traversalFindsNothing() {
    given().urlEncodingEnabled(false).get("/prov/..%2Fsecret.txt").then().statusCode(404);
    given().urlEncodingEnabled(false).get("/prov/%2e%2e%2fsecret.txt").then().statusCode(404);
    given().urlEncodingEnabled(false).get("/firmware/..%2Fsecret.txt").then().statusCode(404);
    given().urlEncodingEnabled(false).get("/firmware/..%2Fprov%2Fcfg.xml").then().statusCode(404);
  }

  @Test
  void aWholeImageComesWithItsTagAndRangeSupport() {
    byte[] body =
        given()
            .get("/firmware/wp820fw.bin")
            .then()
            .statusCode(200)
            .header("Accept-Ranges", "bytes")
            .header("ETag", startsWith("\""))
            .header("Content-Length", String.valueOf(IMAGE_SIZE))
            .extract()
            .asByteArray();
    assertArrayEquals(image, body);
  }

  @Test
  void aRangeIsServedWith206() {
    byte[] part =
        given()
            .header("Range", "bytes=1000-1999")
            .get("/firmware/wp820fw.bin")
            .then()
            .statusCode(206)
            .header("Content-Range", "bytes 1000-1999/" + IMAGE_SIZE)
            .header("Content-Length", "1000")
            .extract()
            .asByteArray();
    assertArrayEquals(Arrays.copyOfRange(image, 1000, 2000), part);

    byte[] tail =
        given()
            .header("Range", "bytes=-10")
            .get("/firmware/wp820fw.bin")
            .then()
            .statusCode(206)
            .header("Content-Range", "bytes 99990-99999/" + IMAGE_SIZE)
            .extract()
            .asByteArray();
    assertArrayEquals(Arrays.copyOfRange(image, IMAGE_SIZE - 10, IMAGE_SIZE), tail);

    byte[] resumed =
        given()
            .header("Range", "bytes=99000-")
            .get("/firmware/wp820fw.bin")
            .then()
            .statusCode(206)
            .header("Content-Range", "bytes 99000-99999/" + IMAGE_SIZE)
            .extract()
            .asByteArray();
    assertEquals(1000, resumed.length);
  }

  @Test
  void aRangeBeyondTheEndIs416() {
    given()
        .header("Range", "bytes=" + IMAGE_SIZE + "-")
        .get("/firmware/wp820fw.bin")
        .then()
        .statusCode(416)
        .header("Content-Range", "bytes */" + IMAGE_SIZE);
  }

  @Test
  void aKnownTagIsAnsweredWith304() {
    String etag = given().get("/firmware/wp820fw.bin").then().extract().header("ETag");

    given()
        .header("If-None-Match", etag)
        .get("/firmware/wp820fw.bin")
        .then()
        .statusCode(304)
        .header("ETag", etag);
    given()
        .header("If-None-Match", "\"something-else\"")
        .get("/firmware/wp820fw.bin")
        .then()
        .statusCode(200);
  }

  @Test
  void aRangeOfAnotherVersionGetsTheWholeImage() {
    byte[] body =
        given()
            .header("Range", "bytes=0-9")
            .header("If-Range", "\"an-older-image\"")
            .get("/firmware/wp820fw.bin")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertEquals(IMAGE_SIZE, body.length);
  }

  @Test
  void anAbsentImageIs404() {
    given().get("/firmware/gxp2170fw.bin").then().statusCode(404);
    given().get("/firmware/.hidden").then().statusCode(404);
  }
}
