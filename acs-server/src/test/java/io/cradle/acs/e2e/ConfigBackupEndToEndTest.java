package io.cradle.acs.e2e;

import static io.cradle.acs.api.ApiFixtures.as;
import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.user;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.backups.BackupView;
import io.cradle.acs.backups.ConfigBackup;
import io.cradle.acs.backups.ConfigBackups;
import io.cradle.acs.cwmp.LeaseReleases;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.acs.testing.LabPhones;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.time.VirtualScheduler;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real phone (cpe-agent) backs up its configuration to the real ACS: the device page's "Upload
 * config backup" queues a TR-069 Upload, the phone PUTs its configuration export to {@code
 * /backups/...} answering the ACS's Digest challenge, and the page lists the backup for download.
 */
@QuarkusTest
class ConfigBackupEndToEndTest {

  @TestHTTPResource("/")
  URI acs;

  @Inject LeaseReleases leases;
  @Inject ConfigBackups backups;
  @Inject Clock clock;

  @Test
  void theUploadBackupActionBringsThePhonesConfigurationExportToTheAcs() throws Exception {
    LabPhones.Unit unit = LabPhones.next("BACKUP");
    String deviceKey = unit.deviceKey();
    VirtualScheduler scheduler = new VirtualScheduler(clock.instant());
    Map<String, String> factory =
        LabPhones.factory(
            acs, Map.of("P237", "", "P192", "", "P47", "sip.backup.example", "P35", "4711"));
    Phone phone = LabPhones.wp820(unit, scheduler, factory).build();
    phone.boot();
    runSessions(scheduler);

    asAdmin()
        .formParam("action", "upload-config")
        .redirects()
        .follow(false)
        .post("/ui/devices/" + deviceKey + "/actions")
        .then()
        .statusCode(303)
        .header("Location", containsString("upload%20config%20backup"));
    Task upload = uploadTask(deviceKey);
    assertTrue(upload.request.contains(acs.resolve("backups/" + deviceKey + "/cfg").toString()));
    asAdmin()
        .get("/api/v1/tasks/" + upload.id)
        .then()
        .body("request.url", containsString("/backups/"))
        .body("request.password", equalTo("********"));

    phone.connectionRequest();
    runSessions(scheduler);

    assertEquals(TaskStatus.DONE, reload(upload).status, "the phone reported the transfer done");
    List<BackupView> stored = backups.list(deviceKey);
    assertEquals(1, stored.size());
    byte[] export = phone.store().exportProvisioning(unit.mac()).getBytes(StandardCharsets.UTF_8);
    ConfigBackup backup = backups.get(deviceKey, stored.get(0).id());
    assertArrayEquals(export, backup.content, "the bytes are the phone's configuration export");
    assertTrue(new String(backup.content, StandardCharsets.UTF_8).contains("sip.backup.example"));
    assertEquals(export.length, backup.size);
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(export)),
        backup.sha256);

    asAdmin()
        .get("/ui/devices/" + deviceKey)
        .then()
        .body(containsString(backup.fileName))
        .body(containsString(stored.get(0).shortSha256()));
    byte[] downloaded =
        asAdmin()
            .get("/ui/devices/" + deviceKey + "/backups/" + backup.id)
            .then()
            .statusCode(200)
            .header("Content-Disposition", containsString(backup.fileName))
            .extract()
            .asByteArray();
    assertArrayEquals(export, downloaded);
    // It holds the phone's passwords: viewers see that it exists, not what is in it.
    String viewer = user("BKVIEW", "viewer");
    as(viewer).get("/ui/devices/" + deviceKey).then().statusCode(200);
    as(viewer).get("/ui/devices/" + deviceKey + "/backups/" + backup.id).then().statusCode(403);
    phone.shutdown();
  }

  private void runSessions(VirtualScheduler scheduler) {
    LabPhones.runSessions(scheduler, leases);
  }

  private static Task uploadTask(String deviceKey) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Task.<Task>find(
                        "deviceId = ?1 and kind = 'Upload'",
                        Device.findByKey(deviceKey).orElseThrow().id)
                    .singleResult());
  }

  private static Task reload(Task task) {
    return QuarkusTransaction.requiringNew().call(() -> Task.<Task>findById(task.id));
  }
}
