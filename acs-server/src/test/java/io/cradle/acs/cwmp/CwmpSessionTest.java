package io.cradle.acs.cwmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.inventory.Device;
import io.cradle.acs.inventory.DeviceParameter;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskOptions;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.acs.testing.TestCpe;
import io.cradle.acs.testing.TestCpe.Reply;
import io.cradle.cwmp.message.AcsRequest;
import io.cradle.cwmp.message.Download;
import io.cradle.cwmp.message.DownloadResponse;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultCode;
import io.cradle.cwmp.message.FaultStruct;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.GetParameterValuesResponse;
import io.cradle.cwmp.message.GetRPCMethods;
import io.cradle.cwmp.message.GetRPCMethodsResponse;
import io.cradle.cwmp.message.InformResponse;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.Reboot;
import io.cradle.cwmp.message.RebootResponse;
import io.cradle.cwmp.message.SetParameterValues;
import io.cradle.cwmp.message.SetParameterValuesResponse;
import io.cradle.cwmp.message.TransferComplete;
import io.cradle.cwmp.message.TransferCompleteResponse;
import io.cradle.cwmp.param.ParameterType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Whole CWMP sessions over real HTTP against the ACS and its PostgreSQL. */
@QuarkusTest
class CwmpSessionTest {

  private static final AtomicInteger SERIALS = new AtomicInteger();

  @TestHTTPResource("/cwmp")
  URI cwmp;

  @Inject TaskQueue tasks;
  @Inject LeaseReleases leases;
  @Inject Clock clock;

  private static String newSerial() {
    return "SESS" + SERIALS.incrementAndGet() + "X" + System.nanoTime() % 100000;
  }

  @Test
  void periodicSessionStoresDeviceAndParameters() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = newSerial();
    Reply reply =
        cpe.inform(
            TestCpe.wp820Inform(serial, "", new Event(Event.BOOTSTRAP), new Event(Event.BOOT)));
    assertEquals(200, reply.status());
    assertInstanceOf(InformResponse.class, reply.body());
    assertTrue(reply.envelope().header().id().startsWith("inform-"), "cwmp:ID is echoed");
    assertEquals(204, cpe.emptyPost().status());

    leases.flush();
    Device device = Device.findByKey("000B82-WP820-" + serial).orElseThrow();
    assertEquals("1.0.7.81", device.softwareVersion);
    assertEquals("10.0.0.7", device.ipAddress);
    assertEquals(12, device.mac.length());
    assertNotNull(device.lastBoot, "a BOOT event sets the last boot time");
    assertNull(device.sessionId, "the session lease is released at 204");
    List<DeviceParameter> params = DeviceParameter.ofDevice(device.id);
    assertTrue(
        params.stream()
            .anyMatch(
                p ->
                    p.name.equals("Device.DeviceInfo.SoftwareVersion")
                        && p.value.equals("1.0.7.81")));
  }

  @Test
  void aParameterKeepsItsChangeTimeUntilItsValueChanges() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = newSerial();
    long deviceId = register(cpe, serial);
    Instant first = changedAt(deviceId, "Device.ManagementServer.ParameterKey");
    periodic(cpe, serial);
    cpe.emptyPost();
    assertEquals(first, changedAt(deviceId, "Device.ManagementServer.ParameterKey"), "same value");
    cpe.inform(TestCpe.wp820Inform(serial, "k2", new Event(Event.PERIODIC)));
    cpe.emptyPost();
    assertTrue(changedAt(deviceId, "Device.ManagementServer.ParameterKey").isAfter(first));
  }

  private static Instant changedAt(long deviceId, String name) {
    // A fresh transaction each time: the test's own persistence context would cache the row.
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                DeviceParameter.ofDevice(deviceId).stream()
                    .filter(p -> p.name.equals(name))
                    .findFirst()
                    .orElseThrow()
                    .changedAt);
  }

  @Test
  void informWithWrongCredentialsIsChallengedWithDigest() throws Exception {
    TestCpe wrong = new TestCpe(cwmp, "cpe", "not-the-password", true);
    Reply reply = wrong.inform(TestCpe.wp820Inform(newSerial(), ""));
    assertEquals(401, reply.status());
    String challenge = reply.http().headers().firstValue("WWW-Authenticate").orElseThrow();
    assertTrue(challenge.startsWith("Digest "), challenge);
    assertTrue(challenge.contains("qop=\"auth\""), challenge);
  }

  @Test
  void queuedTaskRunsInTheNextSessionAndItsResultIsStored() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = newSerial();
    long deviceId = register(cpe, serial);
    Task task = queue(deviceId, new GetParameterValues(List.of("Device.DeviceInfo.UpTime")));

    periodic(cpe, serial);
    Reply request = cpe.emptyPost();
    assertEquals(200, request.status());
    assertEquals(new GetParameterValues(List.of("Device.DeviceInfo.UpTime")), request.body());
    Reply end =
        cpe.post(
            new GetParameterValuesResponse(
                List.of(
                    new ParameterValue(
                        "Device.DeviceInfo.UpTime", "4242", ParameterType.UNSIGNED_INT))),
            request.envelope().header().id());
    assertEquals(204, end.status());

    Task done = reload(task);
    assertEquals(TaskStatus.DONE, done.status);
    assertTrue(done.result.contains("4242"), done.result);
    assertTrue(
        DeviceParameter.ofDevice(deviceId).stream()
            .anyMatch(p -> p.name.equals("Device.DeviceInfo.UpTime") && "4242".equals(p.value)));
  }

  @Test
  void sessionContinuesOnTheConnectionWhenTheCpeIgnoresCookies() throws Exception {
    TestCpe cpe = new TestCpe(cwmp, "cpe", "cpe", false);
    String serial = newSerial();
    long deviceId = register(cpe, serial);
    queue(deviceId, new GetRPCMethods());

    periodic(cpe, serial);
    Reply request = cpe.emptyPost();
    assertInstanceOf(
        GetRPCMethods.class, request.body(), "the keep-alive connection carries the session");
    assertEquals(204, cpe.post(new GetRPCMethodsResponse(List.of("Inform")), "x").status());
  }

  @Test
  void devicesSharingOneConnectionKeepTheirOwnSessions() throws Exception {
    // A reverse proxy reuses one upstream connection for many devices; cookies tell them apart.
    var shared = TestCpe.newHttpClient();
    TestCpe a = new TestCpe(cwmp, "cpe", "cpe", true, shared);
    TestCpe b = new TestCpe(cwmp, "cpe", "cpe", true, shared);
    assertEquals(
        200, a.inform(TestCpe.wp820Inform(newSerial(), "", new Event(Event.PERIODIC))).status());
    assertEquals(
        200, b.inform(TestCpe.wp820Inform(newSerial(), "", new Event(Event.PERIODIC))).status());
    assertEquals(204, a.emptyPost().status(), "b's Inform did not end a's session");
    assertEquals(204, b.emptyPost().status());
  }

  @Test
  void setParameterValuesLostWithTheSessionIsNotAppliedTwice() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = newSerial();
    long deviceId = register(cpe, serial);
    SetParameterValues spv =
        new SetParameterValues(
            List.of(ParameterValue.string("Device.ManagementServer.PeriodicInformInterval", "300")),
            "");
    Task task = queue(deviceId, spv);

    periodic(cpe, serial);
    Reply sent = cpe.emptyPost();
    SetParameterValues onWire = (SetParameterValues) sent.body();
    assertEquals(task.commandKey, onWire.parameterKey(), "the task's key goes out as ParameterKey");
    // The CPE applies it, but the session breaks before the answer reaches the ACS. Its next
    // Inform reports the new ParameterKey: the ACS closes the task instead of sending it again.
    Reply next =
        cpe.inform(TestCpe.wp820Inform(serial, onWire.parameterKey(), new Event(Event.PERIODIC)));
    assertEquals(200, next.status());
    assertEquals(204, cpe.emptyPost().status(), "nothing is sent twice");
    assertEquals(TaskStatus.DONE, reload(task).status);
  }

  @Test
  void setParameterValuesNotAppliedBeforeTheSessionBrokeIsSentAgain() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = newSerial();
    long deviceId = register(cpe, serial);
    Task task =
        queue(
            deviceId,
            new SetParameterValues(
                List.of(ParameterValue.string("Device.Time.NTPServer1", "pool.ntp.org")), ""));

    periodic(cpe, serial);
    assertInstanceOf(SetParameterValues.class, cpe.emptyPost().body());
    // Broken session: the CPE never applied it and still reports the old ParameterKey.
    periodic(cpe, serial);
    Reply again = cpe.emptyPost();
    assertInstanceOf(SetParameterValues.class, again.body(), "the task is not lost");
    assertEquals(
        204, cpe.post(new SetParameterValuesResponse(0), again.envelope().header().id()).status());
    assertEquals(TaskStatus.DONE, reload(task).status);
  }

  @Test
  void rebootIsSettledByTheMRebootEventEvenWhenItsAnswerWasLost() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = newSerial();
    long deviceId = register(cpe, serial);
    Task task = queue(deviceId, new Reboot(""));

    periodic(cpe, serial);
    Reboot reboot = (Reboot) cpe.emptyPost().body();
    Reply after =
        cpe.inform(
            TestCpe.wp820Inform(
                serial, "", new Event(Event.BOOT), new Event(Event.M_REBOOT, reboot.commandKey())));
    assertEquals(200, after.status());
    assertEquals(204, cpe.emptyPost().status(), "the reboot is not sent again");
    assertEquals(TaskStatus.DONE, reload(task).status);
  }

  @Test
  void downloadWaitsForItsTransferComplete() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = newSerial();
    long deviceId = register(cpe, serial);
    Download download =
        new Download(
            "",
            Download.FIRMWARE_UPGRADE_IMAGE,
            "http://127.0.0.1/firmware/wp820fw.bin",
            "",
            "",
            1000,
            "",
            0,
            "",
            "");
    Task task = queue(deviceId, download);

    periodic(cpe, serial);
    Reply sent = cpe.emptyPost();
    Download onWire = (Download) sent.body();
    Reply accepted =
        cpe.post(
            new DownloadResponse(1, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
            sent.envelope().header().id());
    assertEquals(204, accepted.status());
    assertEquals(TaskStatus.AWAITING_TRANSFER, reload(task).status);

    cpe.inform(
        TestCpe.wp820Inform(
            serial,
            "",
            new Event(Event.BOOT),
            new Event(Event.TRANSFER_COMPLETE),
            new Event(Event.M_DOWNLOAD, onWire.commandKey())));
    Reply ack =
        cpe.post(
            new TransferComplete(
                onWire.commandKey(),
                FaultStruct.NONE,
                "2026-11-26T10:00:00Z",
                "2026-11-26T10:01:00Z"),
            "tc-1");
    assertInstanceOf(TransferCompleteResponse.class, ack.body());
    assertEquals(204, cpe.emptyPost().status());
    assertEquals(TaskStatus.DONE, reload(task).status);
  }

  @Test
  void faultedTaskIsRetriedLaterAndPermanentFaultsFailAtOnce() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = newSerial();
    long deviceId = register(cpe, serial);
    Task retriable = queue(deviceId, new Reboot(""));
    Task permanent = queue(deviceId, new GetParameterValues(List.of("Device.Nope.")));

    periodic(cpe, serial);
    Reply first = cpe.emptyPost();
    Reply second =
        cpe.post(new Fault(FaultCode.CPE_INTERNAL_ERROR, "busy"), first.envelope().header().id());
    assertInstanceOf(GetParameterValues.class, second.body(), "a fault does not stop the queue");
    Reply end =
        cpe.post(
            new Fault(FaultCode.INVALID_PARAMETER_NAME, "no such"),
            second.envelope().header().id());
    assertEquals(204, end.status());

    Task retried = reload(retriable);
    assertEquals(TaskStatus.QUEUED, retried.status);
    assertEquals(1, retried.attempts);
    assertTrue(retried.notBefore.isAfter(clock.instant()), "backs off before the next attempt");
    assertEquals(9002, retried.faultCode);
    Task failed = reload(permanent);
    assertEquals(TaskStatus.FAILED, failed.status);
    assertEquals(9005, failed.faultCode);

    periodic(cpe, serial);
    assertEquals(204, cpe.emptyPost().status(), "the retry waits for its back-off");
  }

  @Test
  void aDeviceAlreadyInSessionIsRefusedWithRetryAfter() throws Exception {
    String serial = newSerial();
    TestCpe first = TestCpe.fleet(cwmp);
    assertEquals(
        200, first.inform(TestCpe.wp820Inform(serial, "", new Event(Event.PERIODIC))).status());
    TestCpe second = TestCpe.fleet(cwmp);
    Reply refused = second.inform(TestCpe.wp820Inform(serial, "", new Event(Event.PERIODIC)));
    assertEquals(503, refused.status());
    assertTrue(refused.http().headers().firstValue("Retry-After").isPresent());
    assertEquals(204, first.emptyPost().status());
    assertEquals(
        200, second.inform(TestCpe.wp820Inform(serial, "", new Event(Event.PERIODIC))).status());
    assertEquals(204, second.emptyPost().status());
  }

  @Test
  void cpeRequestsAreAnsweredBeforeTheAcsSpeaks() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    cpe.inform(TestCpe.wp820Inform(newSerial(), "", new Event(Event.BOOT)));
    Reply methods = cpe.post(new GetRPCMethods(), "cpe-1");
    GetRPCMethodsResponse list = assertInstanceOf(GetRPCMethodsResponse.class, methods.body());
    assertTrue(list.methods().contains("TransferComplete"));
    assertEquals("cpe-1", methods.envelope().header().id());
    assertEquals(204, cpe.emptyPost().status());
  }

  @Test
  void malformedAndHostileBodiesGetAClearRefusal() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    Reply notXml = cpe.postRaw("this is not xml".getBytes());
    assertEquals(400, notXml.status());
    assertTrue(new String(notXml.http().body()).contains("Malformed CWMP message"));

    String bomb =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
            + "<lolz>&lol3;</lolz>";
    Reply refused = cpe.postRaw(bomb.getBytes());
    assertEquals(400, refused.status());
    assertTrue(new String(refused.http().body()).contains("FORBIDDEN_DTD"));

    Reply noSession = cpe.emptyPost();
    assertEquals(401, noSession.status(), "an empty POST outside a session gets a challenge");
    assertTrue(
        noSession
            .http()
            .headers()
            .firstValue("WWW-Authenticate")
            .orElseThrow()
            .startsWith("Digest"));
  }

  @Test
  void anUnknownMethodIsAnsweredWithFault8000() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    cpe.inform(TestCpe.wp820Inform(newSerial(), "", new Event(Event.BOOT)));
    String kicked =
        """
        <soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"
            xmlns:cwmp="urn:dslforum-org:cwmp-1-0">
          <soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">k-1</cwmp:ID></soap-env:Header>
          <soap-env:Body><cwmp:Kicked><Command>x</Command></cwmp:Kicked></soap-env:Body>
        </soap-env:Envelope>
        """;
    Reply fault = cpe.postRaw(kicked.getBytes());
    Fault f = assertInstanceOf(Fault.class, fault.body());
    assertEquals(8000, f.code());
    assertEquals("k-1", fault.envelope().header().id());
    assertEquals(204, cpe.emptyPost().status(), "the session goes on after the fault");
  }

  @Test
  void rebootResponseClosesTheTaskAndKeepsTheCallersCommandKey() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = newSerial();
    long deviceId = register(cpe, serial);
    Task task = queue(deviceId, new Reboot("mine"));
    assertEquals("mine", task.commandKey);
    periodic(cpe, serial);
    Reply sent = cpe.emptyPost();
    assertEquals(new Reboot("mine"), sent.body());
    assertEquals(204, cpe.post(new RebootResponse(), sent.envelope().header().id()).status());
    assertEquals(TaskStatus.DONE, reload(task).status);
  }

  private Task queue(long deviceId, AcsRequest<?> request) {
    return tasks.enqueue(deviceId, request, TaskOptions.defaults(), clock.instant());
  }

  /** Opens a periodic session that reports no ParameterKey. */
  private static Reply periodic(TestCpe cpe, String serial) throws Exception {
    return cpe.inform(TestCpe.wp820Inform(serial, "", new Event(Event.PERIODIC)));
  }

  private long register(TestCpe cpe, String serial) throws Exception {
    assertEquals(
        200, cpe.inform(TestCpe.wp820Inform(serial, "", new Event(Event.BOOTSTRAP))).status());
    assertEquals(204, cpe.emptyPost().status());
    return Device.findByKey("000B82-WP820-" + serial).orElseThrow().id;
  }

  private static Task reload(Task task) {
    return QuarkusTransaction.requiringNew().call(() -> Task.<Task>findById(task.id));
  }
}
