package io.cradle.acs.backups;

import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.mac;
import static io.cradle.acs.api.ApiFixtures.serial;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.inventory.Device;
import io.cradle.cpe.transfer.FileTransfers;
import io.cradle.cpe.transfer.TransferCredentials;
import io.cradle.cpe.transfer.TransferException;
import io.cradle.cwmp.auth.DigestClient;
import io.cradle.cwmp.message.FaultCode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The config-backup receiver refuses what it must, storing nothing: no or wrong credentials (401),
 * Basic over plain HTTP (401, as on /cwmp), another device's own credential (403), a body over the
 * limit (413), an unknown device (404), an empty body or a name that is not a file name (400).
 * Uploads are sent by a phone's own transfer code.
 */
@QuarkusTest
class ConfigBackupReceiverTest {

  private static final byte[] CONFIG =
      "<gs_provision version=\"1\"><config version=\"1\"><P47>x</P47></config></gs_provision>"
          .getBytes(StandardCharsets.UTF_8);

  @TestHTTPResource("/")
  URI acs;

  @Inject Clock clock;
  @Inject BackupsConfig config;
  @Inject ConfigBackups backups;

  private final FileTransfers phone =
      new FileTransfers(
          HttpClient.newHttpClient(), new DigestClient(new SplittableRandom(7)), "test-phone");

  private static final TransferCredentials GOOD = new TransferCredentials("cpe", "cpe", false);

  @Test
  void aGoodUploadIsStored() throws Exception {
    Device d = device(serial("BKOK"), clock.instant(), x -> x.mac = mac());
    phone.put(url(d, "cfg-ok.xml"), GOOD, CONFIG, "application/xml");
    assertEquals(1, count(d));
  }

  @Test
  void anUnauthenticatedOrBadUploadIsRefusedAndStoresNothing() {
    Device d = device(serial("BKBAD"), clock.instant(), x -> x.mac = mac());
    String path = "/backups/" + d.deviceKey + "/cfg-bad.xml";

    given()
        .body(CONFIG)
        .put(path)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Digest"));
    given().auth().preemptive().basic("cpe", "cpe").body(CONFIG).put(path).then().statusCode(401);
    TransferException wrong =
        assertThrows(
            TransferException.class,
            () ->
                phone.put(
                    url(d, "cfg-bad.xml"),
                    new TransferCredentials("cpe", "guessed", false),
                    CONFIG,
                    "application/xml"));
    assertEquals(FaultCode.FILE_TRANSFER_SERVER_AUTHENTICATION_FAILURE, wrong.fault());

    TransferException tooLarge =
        assertThrows(
            TransferException.class,
            () ->
                phone.put(
                    url(d, "cfg-big.xml"),
                    GOOD,
                    new byte[config.maxBytes() + 1],
                    "application/xml"));
    assertTrue(tooLarge.getMessage().contains("HTTP 413"), tooLarge.getMessage());
    TransferException empty =
        assertThrows(
            TransferException.class,
            () -> phone.put(url(d, "cfg-empty.xml"), GOOD, new byte[0], "application/xml"));
    assertTrue(empty.getMessage().contains("HTTP 400"), empty.getMessage());
    TransferException badName =
        assertThrows(
            TransferException.class,
            () -> phone.put(url(d, "..cfg.xml"), GOOD, CONFIG, "application/xml"));
    assertTrue(badName.getMessage().contains("HTTP 400"), badName.getMessage());
    TransferException unknown =
        assertThrows(
            TransferException.class,
            () ->
                phone.put(
                    acs.resolve("backups/000B82-WP820-NOSUCH/cfg.xml"),
                    GOOD,
                    CONFIG,
                    "application/xml"));
    assertTrue(unknown.getMessage().contains("HTTP 404"), unknown.getMessage());

    assertEquals(0, count(d), "nothing was stored");
  }

  @Test
  void aDevicesOwnCredentialIsGoodForItsOwnBackupsOnly() throws Exception {
    String user = "own-" + serial("BKOWN");
    Device owner =
        device(
            serial("BKOWN"),
            clock.instant(),
            x -> {
              x.mac = mac();
              x.cpeUsername = user;
              x.cpePassword = "its-own";
            });
    Device other = device(serial("BKOTHER"), clock.instant(), x -> x.mac = mac());
    TransferCredentials own = new TransferCredentials(user, "its-own", false);

    TransferException refused =
        assertThrows(
            TransferException.class,
            () -> phone.put(url(other, "cfg-x.xml"), own, CONFIG, "application/xml"));
    assertTrue(refused.getMessage().contains("HTTP 403"), refused.getMessage());
    assertEquals(0, count(other));

    phone.put(url(owner, "cfg-own.xml"), own, CONFIG, "application/xml");
    assertEquals(1, count(owner));
  }

  @Test
  void aTooLargeBackupIsRefusedWithTheLimit() {
    Device d = device(serial("BKMSG"), clock.instant(), x -> x.mac = mac());
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                backups.receive(
                    d.deviceKey,
                    "cfg-big.xml",
                    "application/xml",
                    new ByteArrayInputStream(new byte[config.maxBytes() + 1])));
    assertEquals(413, e.status());
    assertTrue(e.getMessage().contains("at most " + config.maxBytes() + " bytes"), e.getMessage());
    assertEquals(0, count(d));
  }

  private URI url(Device d, String name) {
    return acs.resolve("backups/" + d.deviceKey + "/" + name);
  }

  private static long count(Device d) {
    return QuarkusTransaction.requiringNew().call(() -> ConfigBackup.count("deviceId", d.id));
  }
}
