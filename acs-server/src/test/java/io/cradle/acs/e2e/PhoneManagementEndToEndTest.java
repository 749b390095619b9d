package io.cradle.acs.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.connreq.ConnectionRequestOutcome;
import io.cradle.acs.connreq.ConnectionRequests;
import io.cradle.acs.cwmp.LeaseReleases;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.inventory.DeviceEvent;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskOptions;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.acs.testing.LabPhones;
import io.cradle.cpe.connreq.ConnectionRequestServer;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.phone.PhoneObserver;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cpe.time.Timebase;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.cradle.cwmp.message.AcsRequest;
import io.cradle.cwmp.message.Download;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.FactoryReset;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.Reboot;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Real phones (cpe-agent) against the real ACS: what a fleet admin does to a phone — push a config
 * file, upgrade its firmware (and have a corrupt image refused), reboot it, factory-reset it, and
 * wake it with a connection request.
 */
@QuarkusTest
class PhoneManagementEndToEndTest {

  @TestHTTPResource("/")
  URI acs;

  @Inject TaskQueue tasks;
  @Inject LeaseReleases leases;
  @Inject ConnectionRequests connectionRequests;
  @Inject Clock clock;

  @ConfigProperty(name = "cradle.data-dir")
  String dataDir;

  /** A phone under test with its own serial and MAC. */
  private record TestPhone(Phone phone, LabPhones.Unit unit) {
    String serial() {
      return unit.serial();
    }

    String macDigits() {
      return unit.macDigits();
    }

    String deviceKey() {
      return unit.deviceKey();
    }
  }

  private TestPhone phone(
      Scheduler scheduler, Map<String, String> extra, UnaryOperator<Phone.Builder> setup) {
    LabPhones.Unit unit = LabPhones.next("MGMT");
    Phone.Builder builder = LabPhones.wp820(unit, scheduler, LabPhones.factory(acs, extra));
    return new TestPhone(setup.apply(builder).build(), unit);
  }

  private TestPhone bootedPhone(VirtualScheduler scheduler) {
    TestPhone phone = phone(scheduler, Map.of(), b -> b);
    phone.phone().boot();
    runSessions(scheduler);
    return phone;
  }

  private void runSessions(VirtualScheduler scheduler) {
    LabPhones.runSessions(scheduler, leases);
  }

  private Task queue(TestPhone phone, AcsRequest<?> request) {
    Device device = Device.findByKey(phone.deviceKey()).orElseThrow();
    return tasks.enqueue(device.id, request, TaskOptions.defaults(), clock.instant());
  }

  private void write(Path file, byte[] content) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private static Download download(String fileType, String url, String key) {
    return new Download(key, fileType, url, "", "", 0, "", 0, "", "");
  }

  private static Task reload(Task task) {
    return QuarkusTransaction.requiringNew().call(() -> Task.<Task>findById(task.id));
  }

  private static Device device(TestPhone phone) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Device.findByKey(phone.deviceKey()).orElseThrow());
  }

  private static List<String> eventCodes(TestPhone phone) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                DeviceEvent.recent(Device.findByKey(phone.deviceKey()).orElseThrow().id, 50)
                    .stream()
                    .map(e -> e.code)
                    .toList());
  }

  @Test
  void aPhoneInformsPeriodicallyAtItsInterval() throws Exception {
    VirtualScheduler scheduler = new VirtualScheduler(clock.instant());
    List<List<String>> delivered = new java.util.ArrayList<>();
    PhoneObserver recorder =
        new PhoneObserver() {
          @Override
          public void sessionSucceeded(List<Event> events) {
            delivered.add(events.stream().map(Event::code).toList());
          }
        };
    TestPhone phone =
        phone(scheduler, Map.of("P4506", "1", "P4507", "60"), b -> b.observer(recorder));
    phone.phone().boot();
    runSessions(scheduler);
    java.time.Instant firstInform = device(phone).lastInform;

    Thread.sleep(5); // the ACS stamps Informs with its own clock
    scheduler.runFor(Duration.ofSeconds(60));
    leases.flush();

    assertEquals(List.of("2 PERIODIC"), delivered.get(delivered.size() - 1));
    assertTrue(device(phone).lastInform.isAfter(firstInform), "the ACS saw the periodic Inform");
  }

  @Test
  void aConfigFilePushedByDownloadIsAppliedAndABrokenOneChangesNothing() throws Exception {
    VirtualScheduler scheduler = new VirtualScheduler(clock.instant());
    TestPhone phone = bootedPhone(scheduler);
    String good =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gs_provision version=\"1\">\n<mac>"
            + phone.macDigits()
            + "</mac>\n<config version=\"1\">\n<P47>sip.e2e.example</P47>\n<P35>4711</P35>\n"
            + "</config>\n</gs_provision>\n";
    write(
        Path.of(dataDir, "prov", "cfg" + phone.macDigits() + ".xml"),
        good.getBytes(StandardCharsets.UTF_8));

    Task push =
        queue(
            phone,
            download(
                Download.VENDOR_CONFIGURATION_FILE,
                acs.resolve("prov/cfg" + phone.macDigits() + ".xml").toString(),
                "cfg-1"));
    phone.phone().connectionRequest();
    runSessions(scheduler);

    assertEquals(TaskStatus.DONE, reload(push).status, "done once TransferComplete arrived");
    assertEquals("sip.e2e.example", phone.phone().store().get("P47").orElseThrow());
    assertEquals("4711", phone.phone().store().get("P35").orElseThrow());
    assertTrue(eventCodes(phone).contains("7 TRANSFER COMPLETE"));

    write(
        Path.of(dataDir, "prov", "cfg" + phone.macDigits() + ".xml"),
        "<gs_provision version=\"1\"><config version=\"1\"><P47>x</P4"
            .getBytes(StandardCharsets.UTF_8));
    Task broken =
        queue(
            phone,
            download(
                Download.VENDOR_CONFIGURATION_FILE,
                acs.resolve("prov/cfg" + phone.macDigits() + ".xml").toString(),
                "cfg-2"));
    phone.phone().connectionRequest();
    runSessions(scheduler);

    Task failed = reload(broken);
    assertEquals(TaskStatus.FAILED, failed.status);
    assertEquals(9018, failed.faultCode, failed.faultString);
    assertEquals("sip.e2e.example", phone.phone().store().get("P47").orElseThrow());
  }

  @Test
  void aFirmwareUpgradeRebootsIntoTheNewVersionAndACorruptImageIsRefused() throws Exception {
    VirtualScheduler scheduler = new VirtualScheduler(clock.instant());
    TestPhone phone = bootedPhone(scheduler);
    byte[] image =
        FirmwareImage.build("WP820", FirmwareVersion.parse("1.0.9.3"), new byte[64 * 1024]);
    byte[] corrupt = image.clone();
    corrupt[corrupt.length - 10] ^= 0x5a;
    write(Path.of(dataDir, "firmware", "corrupt-" + phone.serial() + ".bin"), corrupt);
    write(Path.of(dataDir, "firmware", "wp820-1.0.9.3-" + phone.serial() + ".bin"), image);

    Task refused =
        queue(
            phone,
            download(
                Download.FIRMWARE_UPGRADE_IMAGE,
                acs.resolve("firmware/corrupt-" + phone.serial() + ".bin").toString(),
                "fw-bad"));
    phone.phone().connectionRequest();
    runSessions(scheduler);
    Task bad = reload(refused);
    assertEquals(TaskStatus.FAILED, bad.status);
    assertEquals(9018, bad.faultCode, bad.faultString);
    assertEquals("1.0.7.81", device(phone).softwareVersion, "the old firmware still runs");

    Task upgrade =
        queue(
            phone,
            download(
                Download.FIRMWARE_UPGRADE_IMAGE,
                acs.resolve("firmware/wp820-1.0.9.3-" + phone.serial() + ".bin").toString(),
                "fw-1"));
    phone.phone().connectionRequest();
    runSessions(scheduler);

    assertEquals(TaskStatus.DONE, reload(upgrade).status);
    assertEquals("1.0.9.3", phone.phone().softwareVersion().toString());
    assertEquals("1.0.9.3", device(phone).softwareVersion, "reported after the reboot");
    assertTrue(
        eventCodes(phone).containsAll(List.of("1 BOOT", "7 TRANSFER COMPLETE", "M Download")));
  }

  @Test
  void rebootAndFactoryResetTasksAreCarriedOut() {
    VirtualScheduler scheduler = new VirtualScheduler(clock.instant());
    TestPhone phone = bootedPhone(scheduler);
    phone.phone().store().set("P47", "sip.before-reset.example");

    Task reboot = queue(phone, new Reboot("rb-e2e"));
    phone.phone().connectionRequest();
    runSessions(scheduler);
    assertEquals(TaskStatus.DONE, reload(reboot).status);
    assertTrue(eventCodes(phone).contains("M Reboot"));

    Task reset = queue(phone, new FactoryReset());
    phone.phone().connectionRequest();
    runSessions(scheduler);
    assertEquals(TaskStatus.DONE, reload(reset).status);
    assertEquals("", phone.phone().store().get("P47").orElse(""), "settings back to defaults");
    assertEquals(
        2, eventCodes(phone).stream().filter("0 BOOTSTRAP"::equals).count(), "bootstrapped again");
  }

  @Test
  void aConnectionRequestFromTheAcsOpensASessionThatRunsTheQueuedTask() throws Exception {
    SplittableRandom random = new SplittableRandom();
    String ip = "127.89." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
    try (Timebase timebase = Timebase.realTime();
        ConnectionRequestServer server =
            ConnectionRequestServer.start(ConnectionRequestServer.Settings.defaults("cr-e2e"))) {
      AtomicInteger sessions = new AtomicInteger();
      PhoneObserver counter =
          new PhoneObserver() {
            @Override
            public void sessionSucceeded(List<Event> events) {
              sessions.incrementAndGet();
            }
          };
      TestPhone phone =
          phone(
              timebase.scheduler("e2e"),
              Map.of(),
              b -> b.ipAddress(ip).connectionRequests(server).observer(counter));
      phone.phone().boot();
      await(() -> sessions.get() == 1, "the boot session ended");
      Task read =
          queue(phone, new GetParameterValues(List.of("Device.DeviceInfo.SoftwareVersion")));
      leases.flush();

      ConnectionRequestOutcome outcome = connectionRequests.send(phone.deviceKey()).orElseThrow();

      assertEquals(ConnectionRequestOutcome.Result.OK, outcome.result(), outcome.detail());
      await(() -> reload(read).status == TaskStatus.DONE, "the task ran in the woken session");
      assertTrue(reload(read).result.contains("1.0.7.81"));
      phone.phone().shutdown();
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (QuarkusTransaction.requiringNew().call(condition::getAsBoolean)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out waiting: " + what);
  }
}
