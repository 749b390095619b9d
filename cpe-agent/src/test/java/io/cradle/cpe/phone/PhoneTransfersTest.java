package io.cradle.cpe.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.cradle.cwmp.message.Download;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.TransferComplete;
import io.cradle.cwmp.message.Upload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Downloads, uploads, boot-time provisioning and the bootup event URL of a whole phone. */
class PhoneTransfersTest {

  private static final String MAC = "00:0B:82:00:00:04";
  private static final String MAC_DIGITS = "000b82000004";

  private final VirtualScheduler scheduler =
      new VirtualScheduler(Instant.parse("2026-11-26T10:00:00Z"));
  private FakeAcs acs;

  @BeforeEach
  void start() throws Exception {
    acs = new FakeAcs();
  }

  @AfterEach
  void stop() {
    acs.close();
  }

  private Phone phone(Map<String, String> extra) {
    Map<String, String> factory = new HashMap<>(FakeAcs.factorySettings(acs));
    factory.putAll(extra);
    return Phone.builder(DeviceIdentity.wp820("SN0004", "V1.0A", "1.0.7.81", MAC), scheduler)
        .store(new PValueStore(PValueCatalog.wp820()))
        .factorySettings(factory)
        .random(new SplittableRandom(9))
        .build();
  }

  private Phone booted() {
    Phone phone = phone(Map.of());
    phone.boot();
    scheduler.runFor(Duration.ZERO);
    return phone;
  }

  private static byte[] image(String version) {
    return FirmwareImage.build("WP820", FirmwareVersion.parse(version), new byte[4096]);
  }

  private static Download download(String fileType, String url, String key) {
    return new Download(key, fileType, url, "", "", 0, "", 0, "", "");
  }

  private List<String> codes(int inform) {
    return acs.informs().get(inform).events().stream().map(Event::code).toList();
  }

  private static String parameter(Inform inform, String name) {
    return inform.parameters().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow()
        .value();
  }

  @Test
  void aDownloadThatBrokeOffIsRetriedWhileTheOldFirmwareRunsThenBootsTheNewOne() {
    Phone phone = booted();
    acs.putFile("fw.bin", image("1.0.9.1"));
    acs.truncateNextFiles(1);
    acs.enqueue(download(Download.FIRMWARE_UPGRADE_IMAGE, acs.fileUrl("fw.bin"), "fw-1"));
    phone.connectionRequest();
    scheduler.runFor(Duration.ZERO);

    assertEquals("1.0.7.81", phone.softwareVersion().toString(), "the old firmware still runs");
    assertTrue(acs.transferCompletes().isEmpty(), "no outcome yet: the phone will try again");

    scheduler.runFor(Phone.DOWNLOAD_RETRY_WAIT.plusSeconds(1));

    assertEquals("1.0.9.1", phone.softwareVersion().toString());
    Inform afterReboot = acs.informs().get(2);
    assertTrue(
        codes(2).containsAll(List.of(Event.BOOT, Event.TRANSFER_COMPLETE, Event.M_DOWNLOAD)),
        codes(2).toString());
    assertEquals("1.0.9.1", parameter(afterReboot, "Device.DeviceInfo.SoftwareVersion"));
    TransferComplete complete = acs.transferCompletes().get(0);
    assertEquals("fw-1", complete.commandKey());
    assertEquals(0, complete.fault().faultCode());
  }

  @Test
  void theRunningVersionIsNotFlashedAgainAndACorruptImageIsRefused() {
    Phone phone = booted();
    acs.putFile("same.bin", image("1.0.7.81"));
    byte[] corrupt = image("1.0.9.1");
    corrupt[corrupt.length - 1] ^= 1;
    acs.putFile("corrupt.bin", corrupt);
    acs.enqueue(download(Download.FIRMWARE_UPGRADE_IMAGE, acs.fileUrl("same.bin"), "same"));
    phone.connectionRequest();
    scheduler.runFor(Duration.ZERO);
    acs.enqueue(download(Download.FIRMWARE_UPGRADE_IMAGE, acs.fileUrl("corrupt.bin"), "bad"));
    phone.connectionRequest();
    scheduler.runFor(Duration.ZERO);

    assertEquals(List.of(Event.TRANSFER_COMPLETE, Event.M_DOWNLOAD), codes(2), "no reboot");
    assertEquals(0, acs.transferCompletes().get(0).fault().faultCode());
    assertEquals(9018, acs.transferCompletes().get(1).fault().faultCode());
    assertEquals("1.0.7.81", phone.softwareVersion().toString());
  }

  @Test
  void theConfigurationAndTheLogAreUploaded() {
    Phone phone = booted();
    phone.store().set("P47", "sip.upload.example");
    acs.enqueue(
        new Upload("up-1", Upload.VENDOR_CONFIGURATION_FILE, acs.fileUrl("cfg.xml"), "", "", 0));
    acs.enqueue(new Upload("up-2", Upload.VENDOR_LOG_FILE, acs.fileUrl("log.txt"), "", "", 0));
    phone.connectionRequest();
    scheduler.runFor(Duration.ZERO);

    String config = new String(acs.uploads().get("cfg.xml"), StandardCharsets.UTF_8);
    assertTrue(config.contains("<gs_provision"), config);
    assertTrue(config.contains(MAC_DIGITS), config);
    assertTrue(config.contains("sip.upload.example"), config);
    String log = new String(acs.uploads().get("log.txt"), StandardCharsets.UTF_8);
    assertTrue(log.contains("session ok"), log);
    assertEquals(2, acs.transferCompletes().size());
    assertTrue(acs.transferCompletes().stream().allMatch(t -> t.fault().faultCode() == 0));
  }

  @Test
  void atBootThePhoneAppliesItsConfigFileAndBootsNewFirmwareBeforeItsFirstInform() {
    String server = acs.fileUrl("").substring("http://".length());
    acs.putFile(
        "cfg" + MAC_DIGITS + ".xml",
        ("<gs_provision version=\"1\"><mac>"
                + MAC_DIGITS
                + "</mac><config version=\"1\"><P47>sip.boot.example</P47></config>"
                + "</gs_provision>")
            .getBytes(StandardCharsets.UTF_8));
    acs.putFile("wp820fw.bin", image("1.0.9.2"));
    Phone phone = phone(Map.of("P212", "1", "P237", server, "P6767", "1", "P192", server));

    phone.boot();
    scheduler.runFor(Duration.ZERO);

    assertEquals("sip.boot.example", phone.store().get("P47").orElseThrow());
    assertEquals("1.0.9.2", phone.softwareVersion().toString());
    assertEquals(1, acs.informs().size(), "the firmware reboot happened before any Inform");
    assertEquals("1.0.9.2", parameter(acs.informs().get(0), "Device.DeviceInfo.SoftwareVersion"));
    assertTrue(
        acs.fileRequests()
            .containsAll(
                List.of(
                    "GET cfg" + MAC_DIGITS, "GET cfg" + MAC_DIGITS + ".xml", "GET wp820fw.bin")),
        acs.fileRequests().toString());
  }

  @Test
  void theBootupEventUrlIsCalledWithItsVariables() throws Exception {
    String url = acs.fileUrl("boot").substring("http://".length()) + "?mac=$mac&v=$program_version";
    Phone phone = phone(Map.of(PhoneEvent.BOOTUP_COMPLETED.pvalue(), url));
    phone.boot();
    scheduler.runFor(Duration.ZERO);

    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!acs.fileRequests().contains("GET boot") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(List.of("GET boot"), acs.fileRequests());
    assertEquals(1, acs.informs().size());
  }
}
