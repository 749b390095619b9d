package io.cradle.cpe.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.ConfigCrypto;
import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.transfer.FileTransfers;
import io.cradle.cpe.transfer.TestFileServer;
import io.cradle.cpe.transfer.TransferException;
import io.cradle.cwmp.auth.DigestClient;
import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.cradle.cwmp.message.FaultCode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProvisionerTest {

  private static final String MAC = "00:0B:82:12:34:56";
  private static final FirmwareVersion RUNNING = FirmwareVersion.parse("1.0.7.81");
  private static final FirmwareVersion NEWER = FirmwareVersion.parse("1.0.7.90");

  private TestFileServer server;
  private PValueStore store;
  private Provisioner provisioner;

  @BeforeEach
  void start() throws IOException {
    server = new TestFileServer();
    store = new PValueStore(PValueCatalog.wp820());
    store.setAll(
        Map.of(
            "P212",
            "1",
            "P237",
            server.hostPort() + "/prov",
            "P6767",
            "1",
            "P192",
            server.hostPort() + "/fw"));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    FileTransfers transfers =
        new FileTransfers(
            http, new DigestClient(new SplittableRandom(3)), "Grandstream Model HW WP820");
    provisioner = new Provisioner(store, transfers, MAC, "WP820");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static byte[] cfg(String mac, String settings) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gs_provision version=\"1\">\n"
            + (mac == null ? "" : "<mac>" + mac + "</mac>\n")
            + "<config version=\"1\">\n"
            + settings
            + "\n</config>\n</gs_provision>\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private List<String> targets() {
    return server.seen().stream().map(TestFileServer.Seen::target).toList();
  }

  // --- config files ---

  @Test
  void asksInTheGuidesOrderAndAppliesTheFirstFileFound() {
    server.put("/prov/cfgwp820.xml", cfg(null, "<P47>model.example.org</P47>"));
    server.put("/prov/cfg.xml", cfg(null, "<P47>global.example.org</P47><P3>Global</P3>"));

    ProvisionReport report = provisioner.provisionConfig();

    assertEquals(
        List.of("/prov/cfg000b82123456", "/prov/cfg000b82123456.xml", "/prov/cfgwp820.xml"),
        targets());
    assertEquals(List.of(server.base() + "/prov/cfgwp820.xml"), report.applied());
    assertEquals("model.example.org", store.get("P47").orElseThrow());
    assertEquals("", store.get("P3").orElseThrow(), "cfg.xml was not applied");
    assertEquals(ProvisionReport.Outcome.NOT_FOUND, report.attempts().get(0).outcome());
    assertTrue(report.errors().isEmpty());
  }

  @Test
  void withProcessAllEveryFileFoundIsAppliedInOrder() {
    store.set("P8467", "1");
    server.put("/prov/cfg000b82123456.xml", cfg(MAC, "<P47>mac.example.org</P47><P3>Mac</P3>"));
    server.put("/prov/cfg.xml", cfg(null, "<P47>global.example.org</P47>"));

    ProvisionReport report = provisioner.provisionConfig();

    assertEquals(4, targets().size());
    assertEquals(
        List.of(server.base() + "/prov/cfg000b82123456.xml", server.base() + "/prov/cfg.xml"),
        report.applied());
    assertEquals("global.example.org", store.get("P47").orElseThrow(), "later files override");
    assertEquals("Mac", store.get("P3").orElseThrow());
  }

  @Test
  void prefixAndPostfixFrameEachName() {
    store.setAll(Map.of("P234", "acme-", "P235", "-v2"));
    provisioner.provisionConfig();
    assertEquals(
        List.of(
            "/prov/acme-cfg000b82123456-v2",
            "/prov/acme-cfg000b82123456-v2.xml",
            "/prov/acme-cfgwp820-v2.xml",
            "/prov/acme-cfg-v2.xml"),
        targets());
  }

  @Test
  void configServerCredentialsAnswerDigest() {
    server.protect(TestFileServer.Auth.DIGEST, "prov", "pw");
    store.setAll(Map.of("P1360", "prov", "P1361", "pw"));
    server.put("/prov/cfg000b82123456", cfg(null, "<P47>sip.example.org</P47>"));
    ProvisionReport report = provisioner.provisionConfig();
    assertEquals(1, report.applied().size(), report.toString());
    assertEquals("sip.example.org", store.get("P47").orElseThrow());
  }

  @Test
  void wrongConfigServerPasswordEndsThePassWith9012() {
    server.protect(TestFileServer.Auth.DIGEST, "prov", "pw");
    store.setAll(Map.of("P1360", "prov", "P1361", "nope"));
    ProvisionReport report = provisioner.provisionConfig();
    assertEquals(1, report.attempts().size());
    assertEquals(
        Optional.of(FaultCode.FILE_TRANSFER_SERVER_AUTHENTICATION_FAILURE),
        report.attempts().get(0).faultCode());
  }

  @Test
  void encryptedFileIsDecryptedWithP1359() {
    byte[] plain = cfg(MAC, "<P47>secret.example.org</P47>");
    byte[] salt = {1, 2, 3, 4, 5, 6, 7, 8};
    server.put(
        "/prov/cfg000b82123456.xml",
        ConfigCrypto.encrypt(plain, "Ward3-Secret", ConfigCrypto.Digest.SHA256, salt));
    store.set("P1359", "Ward3-Secret");

    ProvisionReport report = provisioner.provisionConfig();

    assertEquals(List.of(server.base() + "/prov/cfg000b82123456.xml"), report.applied());
    assertEquals("secret.example.org", store.get("P47").orElseThrow());
  }

  @Test
  void encryptedFileWithTheWrongPasswordIsRefusedWith9019() {
    byte[] plain = cfg(MAC, "<P47>secret.example.org</P47>");
    byte[] salt = {1, 2, 3, 4, 5, 6, 7, 8};
    server.put(
        "/prov/cfg000b82123456.xml",
        ConfigCrypto.encrypt(plain, "Ward3-Secret", ConfigCrypto.Digest.MD5, salt));
    store.set("P1359", "other");
    Map<String, String> before = store.snapshot();

    ProvisionReport report = provisioner.provisionConfig();

    assertEquals(ProvisionReport.Outcome.REFUSED, report.errors().get(0).outcome());
    assertEquals(
        Optional.of(FaultCode.FILE_AUTHENTICATION_FAILURE), report.errors().get(0).faultCode());
    assertEquals(before, store.snapshot());
  }

  @Test
  void brokenFileChangesNothingIsReportedAndEndsThePass() {
    server.put(
        "/prov/cfg000b82123456.xml",
        "<gs_provision><config><P47>a</P47><P3>x</P48></config></gs_provision>"
            .getBytes(StandardCharsets.UTF_8));
    server.put("/prov/cfg.xml", cfg(null, "<P3>Global</P3>"));
    Map<String, String> before = store.snapshot();

    ProvisionReport report = provisioner.provisionConfig();

    assertEquals(before, store.snapshot());
    assertEquals(1, report.errors().size());
    ProvisionReport.Attempt refused = report.errors().get(0);
    assertEquals(ProvisionReport.Outcome.REFUSED, refused.outcome());
    assertEquals(FaultCode.FILE_CORRUPTED, refused.fault());
    assertTrue(refused.detail().contains("cfg000b82123456.xml"), refused.detail());
    assertTrue(report.applied().isEmpty());
    assertEquals(2, targets().size(), "first found is processed, even when refused");
  }

  @Test
  void fileWithOneRefusedValueChangesNothing() {
    server.put("/prov/cfg000b82123456", cfg(null, "<P47>ok.example.org</P47>\n<P32>0</P32>"));
    ProvisionReport report = provisioner.provisionConfig();
    assertEquals(FaultCode.FILE_CORRUPTED, report.errors().get(0).fault());
    assertTrue(report.errors().get(0).detail().contains("P32"), report.errors().get(0).detail());
    assertEquals("", store.get("P47").orElseThrow());
  }

  @Test
  void fileForAnotherMacIsRefusedWith9019() {
    server.put("/prov/cfg000b82123456.xml", cfg("000b82999999", "<P47>x.example.org</P47>"));
    ProvisionReport report = provisioner.provisionConfig();
    assertEquals(FaultCode.FILE_AUTHENTICATION_FAILURE, report.errors().get(0).fault());
    assertTrue(report.errors().get(0).detail().contains("000b82999999"));
    assertEquals("", store.get("P47").orElseThrow());
  }

  @Test
  void tftpConfigServerIs9013AndNothingIsRequested() {
    store.set("P212", "0");
    ProvisionReport report = provisioner.provisionConfig();
    assertEquals(
        Optional.of(FaultCode.UNSUPPORTED_TRANSFER_PROTOCOL), report.attempts().get(0).faultCode());
    assertEquals(1, report.attempts().size());
    assertTrue(server.seen().isEmpty());
  }

  @Test
  void applyConfigFileChecksP240Authentication() throws Exception {
    store.setAll(Map.of("P240", "1", "P2", "adm1n"));
    TransferException e =
        assertThrows(
            TransferException.class,
            () ->
                Provisioner.applyConfigFile(
                    store, cfg(null, "<P47>x.example.org</P47>"), MAC, "download"));
    assertEquals(FaultCode.FILE_AUTHENTICATION_FAILURE, e.fault());
    assertEquals("", store.get("P47").orElseThrow());

    Provisioner.applyConfigFile(
        store, cfg(null, "<P1>adm1n</P1><P47>x.example.org</P47>"), MAC, "download");
    assertEquals("x.example.org", store.get("P47").orElseThrow());
  }

  @Test
  void applyConfigFileCallsGarbageCorrupted() {
    TransferException e =
        assertThrows(
            TransferException.class,
            () ->
                Provisioner.applyConfigFile(
                    store, "<html>502</html>".getBytes(StandardCharsets.UTF_8), MAC, "download"));
    assertEquals(FaultCode.FILE_CORRUPTED, e.fault());
  }

  // --- firmware ---

  @Test
  void differentVersionOnTheServerIsReturnedVerified() {
    server.put("/fw/wp820fw.bin", FirmwareImage.build("WP820", NEWER, new byte[] {1, 2, 3}));
    FirmwareCheck check = provisioner.checkFirmware(RUNNING, true);
    FirmwareCheck.Image image = assertInstanceOf(FirmwareCheck.Image.class, check);
    assertEquals(NEWER, image.version());
    assertEquals(List.of("/fw/wp820fw.bin"), targets());
  }

  @Test
  void firmwareFileNameUsesPrefixPostfixAndCredentials() {
    server.protect(TestFileServer.Auth.DIGEST, "fw", "fwpw");
    store.setAll(Map.of("P232", "beta-", "P233", "-eu", "P6768", "fw", "P6769", "fwpw"));
    server.put("/fw/beta-wp820fw-eu.bin", FirmwareImage.build("WP820", NEWER, new byte[] {1}));
    assertInstanceOf(FirmwareCheck.Image.class, provisioner.checkFirmware(RUNNING, false));
  }

  @Test
  void sameVersionIsNotReturned() {
    server.put("/fw/wp820fw.bin", FirmwareImage.build("WP820", RUNNING, new byte[] {1}));
    FirmwareCheck.SameVersion same =
        assertInstanceOf(FirmwareCheck.SameVersion.class, provisioner.checkFirmware(RUNNING, true));
    assertEquals(RUNNING, same.version());
  }

  @Test
  void corruptImageIs9018() {
    byte[] image = FirmwareImage.build("WP820", NEWER, new byte[] {1, 2, 3});
    image[image.length - 1] ^= 0x55;
    server.put("/fw/wp820fw.bin", image);
    FirmwareCheck.Failed failed =
        assertInstanceOf(FirmwareCheck.Failed.class, provisioner.checkFirmware(RUNNING, true));
    assertEquals(FaultCode.FILE_CORRUPTED, failed.fault());
  }

  @Test
  void imageForAnotherModelIs9010() {
    server.put("/fw/wp820fw.bin", FirmwareImage.build("WP810", NEWER, new byte[] {1}));
    FirmwareCheck.Failed failed =
        assertInstanceOf(FirmwareCheck.Failed.class, provisioner.checkFirmware(RUNNING, true));
    assertEquals(FaultCode.DOWNLOAD_FAILURE, failed.fault());
    assertTrue(failed.reason().contains("WP810"), failed.reason());
  }

  @Test
  void noImageOnTheServerIsNothingToDo() {
    assertInstanceOf(FirmwareCheck.None.class, provisioner.checkFirmware(RUNNING, true));
  }

  @Test
  void p238TwoSkipsTheBootCheckButNotAnAutomaticOne() {
    store.set("P238", "2");
    server.put("/fw/wp820fw.bin", FirmwareImage.build("WP820", NEWER, new byte[] {1}));
    assertInstanceOf(FirmwareCheck.None.class, provisioner.checkFirmware(RUNNING, true));
    assertTrue(server.seen().isEmpty());
    assertInstanceOf(FirmwareCheck.Image.class, provisioner.checkFirmware(RUNNING, false));
  }

  @Test
  void p238OneChecksAtBootOnlyWhenAPrefixOrPostfixChanged() {
    store.set("P238", "1");
    server.put("/fw/wp820fw.bin", FirmwareImage.build("WP820", NEWER, new byte[] {1}));
    assertInstanceOf(FirmwareCheck.Image.class, provisioner.checkFirmware(RUNNING, true));
    UpgradeNames remembered = provisioner.lastCheckedNames().orElseThrow();

    assertInstanceOf(FirmwareCheck.None.class, provisioner.checkFirmware(RUNNING, true));
    assertEquals(1, server.seen().size());

    store.set("P235", "-new"); // a config postfix counts too
    assertInstanceOf(FirmwareCheck.Image.class, provisioner.checkFirmware(RUNNING, true));
    assertEquals(2, server.seen().size());

    // After a reboot the phone restores what it persisted.
    Provisioner rebooted =
        new Provisioner(
            store,
            new FileTransfers(
                HttpClient.newHttpClient(), new DigestClient(new SplittableRandom(4)), "ua"),
            MAC,
            "WP820");
    rebooted.restoreLastCheckedNames(provisioner.lastCheckedNames().orElseThrow());
    assertInstanceOf(FirmwareCheck.None.class, rebooted.checkFirmware(RUNNING, true));
    assertNotEquals(remembered, provisioner.lastCheckedNames().orElseThrow());
  }

  // --- automatic upgrade schedule ---

  private static final Instant THURSDAY_1600 = Instant.parse("2026-11-26T16:00:00Z");

  @Test
  void automaticUpgradeOffMeansNoScheduledCheck() {
    store.set("P194", "0");
    assertEquals(Optional.empty(), provisioner.nextAutomaticCheck(THURSDAY_1600));
  }

  @Test
  void automaticUpgradeEveryP193Minutes() {
    store.setAll(Map.of("P194", "1", "P193", "90"));
    assertEquals(
        Optional.of(THURSDAY_1600.plus(Duration.ofMinutes(90))),
        provisioner.nextAutomaticCheck(THURSDAY_1600));
  }

  @Test
  void automaticUpgradeDailyAtP285() {
    store.setAll(Map.of("P194", "2", "P285", "3"));
    assertEquals(
        Optional.of(Instant.parse("2026-11-27T03:00:00Z")),
        provisioner.nextAutomaticCheck(THURSDAY_1600));
    assertEquals(
        Optional.of(Instant.parse("2026-11-26T03:00:00Z")),
        provisioner.nextAutomaticCheck(Instant.parse("2026-11-26T02:59:00Z")));
    assertEquals(
        Optional.of(Instant.parse("2026-11-27T03:00:00Z")),
        provisioner.nextAutomaticCheck(Instant.parse("2026-11-26T03:00:00Z")),
        "strictly after now");
  }

  @Test
  void automaticUpgradeWeeklyOnP286AtP285WithSundayZero() {
    store.setAll(Map.of("P194", "3", "P285", "1", "P286", "0"));
    assertEquals(
        Optional.of(Instant.parse("2026-11-29T01:00:00Z")),
        provisioner.nextAutomaticCheck(THURSDAY_1600));
    assertEquals(
        Optional.of(Instant.parse("2026-12-06T01:00:00Z")),
        provisioner.nextAutomaticCheck(Instant.parse("2026-11-29T02:00:00Z")));
    store.set("P286", "4");
    assertEquals(
        Optional.of(Instant.parse("2026-12-03T01:00:00Z")),
        provisioner.nextAutomaticCheck(THURSDAY_1600),
        "Thursday 01:00 has passed this week");
  }
}
