package io.cradle.acs.alarms;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.serial;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.cwmp.LeaseReleases;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.TaskOptions;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.acs.testing.TestCpe;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultCode;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.ParameterValue;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Alarms from conditions that must last (an unregistered line, a poor signal) and from task
 * outcomes (repeated faults), with Informs as a WP820 sends them.
 */
@QuarkusTest
class AlarmConditionsTest {

  private static final String LINE1 = "Device.Services.VoiceService.1.VoiceProfile.1.Line.1.";
  private static final String RSSI = "Device.WiFi.EndPoint.1.Stats.SignalStrength";

  @TestHTTPResource("/cwmp")
  URI cwmp;

  @Inject Alarms alarms;
  @Inject AlarmsConfig config;
  @Inject TaskQueue tasks;
  @Inject LeaseReleases leases;
  @Inject Clock clock;

  /** One session: an Inform with these extra parameters, then the end of the session. */
  private void inform(TestCpe cpe, String serial, Event event, ParameterValue... extra)
      throws Exception {
    Inform base = TestCpe.wp820Inform(serial, "", event);
    List<ParameterValue> params = new ArrayList<>(base.parameters());
    params.addAll(List.of(extra));
    Inform inform =
        new Inform(
            base.deviceId(),
            base.events(),
            base.maxEnvelopes(),
            base.currentTime(),
            base.retryCount(),
            params);
    assertEquals(200, cpe.inform(inform).status());
    assertEquals(204, cpe.emptyPost().status());
    leases.flush();
  }

  private long deviceId(String serial) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Device.findByKey("000B82-WP820-" + serial).orElseThrow().id);
  }

  private List<Alarms.Alarm> open(long deviceId) throws Exception {
    return alarms.list(Alarms.Filter.OPEN, Optional.of(deviceId), 10);
  }

  private int sweep(Instant at) throws Exception {
    return alarms.sweepConditions(at, 2, 3600);
  }

  @Test
  void aLineUnregisteredPastItsGracePeriodAlarmsAndClearsWhenItRegisters() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = serial("SIPDOWN");
    inform(cpe, serial, new Event(Event.BOOTSTRAP, ""));
    long id = deviceId(serial);

    inform(
        cpe,
        serial,
        new Event(Event.VALUE_CHANGE, ""),
        ParameterValue.string(LINE1 + "Status", "Error"));
    assertTrue(open(id).isEmpty(), "a line may re-register within the grace period");
    sweep(clock.instant());
    assertTrue(open(id).isEmpty(), "the grace period has not passed");

    sweep(clock.instant().plus(config.sipUnregisteredAfter()).plusSeconds(1));
    List<Alarms.Alarm> raised = open(id);
    assertEquals(1, raised.size());
    assertEquals(AlarmKind.SIP_UNREGISTERED, raised.get(0).kind());
    assertEquals("not registered: VoiceProfile 1 Line 1 Error", raised.get(0).detail());
    sweep(clock.instant().plus(config.sipUnregisteredAfter()).plusSeconds(2));
    assertEquals(1, open(id).size(), "raised once however often the sweep runs");

    inform(
        cpe,
        serial,
        new Event(Event.VALUE_CHANGE, ""),
        ParameterValue.string(LINE1 + "Status", "Up"));
    assertTrue(open(id).isEmpty(), "registered again: cleared");
    sweep(clock.instant().plus(config.sipUnregisteredAfter()).plusSeconds(3));
    assertTrue(open(id).isEmpty(), "and the condition is gone, so the sweep raises nothing");
  }

  @Test
  void anOfflineDeviceDoesNotRaiseSipUnregistered() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = serial("SIPOFF");
    inform(
        cpe,
        serial,
        new Event(Event.BOOTSTRAP, ""),
        ParameterValue.string(LINE1 + "Status", "Registering"));
    long id = deviceId(serial);
    sweep(clock.instant().plus(Duration.ofHours(3)));
    assertTrue(open(id).isEmpty(), "silent for 3 h: OFFLINE says it, not SIP_UNREGISTERED");
  }

  @Test
  void aSignalPoorLongEnoughAlarmsAndAGoodOneClearsIt() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = serial("WEAKWIFI");
    inform(cpe, serial, new Event(Event.PERIODIC, ""), ParameterValue.string(RSSI, "-88"));
    long id = deviceId(serial);
    assertTrue(open(id).isEmpty());
    inform(cpe, serial, new Event(Event.PERIODIC, ""), ParameterValue.string(RSSI, "-70"));
    sweep(clock.instant().plus(config.poorWifiAfter()).plusSeconds(1));
    assertTrue(open(id).isEmpty(), "it recovered before lasting: nothing to alarm");

    inform(cpe, serial, new Event(Event.PERIODIC, ""), ParameterValue.string(RSSI, "-86"));
    sweep(clock.instant().plus(config.poorWifiAfter()).plusSeconds(1));
    List<Alarms.Alarm> raised = open(id);
    assertEquals(1, raised.size());
    assertEquals(AlarmKind.POOR_WIFI, raised.get(0).kind());
    assertEquals("minor", raised.get(0).severity());

    inform(cpe, serial, new Event(Event.PERIODIC, ""), ParameterValue.string(RSSI, "-60"));
    assertTrue(open(id).isEmpty());
  }

  private static io.restassured.response.ValidatableResponse setPoorWifiDbm(
      String serial, String json) {
    return asAdmin()
        .contentType("application/json")
        .body(json)
        .patch("/api/v1/devices/000B82-WP820-" + serial)
        .then();
  }

  @Test
  void aPhoneWithItsOwnThresholdAlarmsAtASignalTheFleetDefaultAccepts() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String strict = serial("STRICTWIFI");
    String usual = serial("USUALWIFI");
    inform(cpe, strict, new Event(Event.BOOTSTRAP, ""));
    inform(cpe, usual, new Event(Event.BOOTSTRAP, ""));
    setPoorWifiDbm(strict, "{\"poorWifiDbm\": -70}")
        .statusCode(200)
        .body("poorWifiDbm", equalTo(-70))
        .body("poorWifiDbmInEffect", equalTo(-70));
    asAdmin()
        .get("/api/v1/devices/000B82-WP820-" + usual)
        .then()
        .body("poorWifiDbm", nullValue())
        .body("poorWifiDbmInEffect", equalTo(config.poorWifiDbm()));

    inform(cpe, strict, new Event(Event.PERIODIC, ""), ParameterValue.string(RSSI, "-75"));
    inform(cpe, usual, new Event(Event.PERIODIC, ""), ParameterValue.string(RSSI, "-75"));
    sweep(clock.instant().plus(config.poorWifiAfter()).plusSeconds(1));

    List<Alarms.Alarm> raised = open(deviceId(strict));
    assertEquals(1, raised.size());
    assertEquals(AlarmKind.POOR_WIFI, raised.get(0).kind());
    assertEquals("signal -75 dBm, below -70 dBm", raised.get(0).detail());
    assertTrue(open(deviceId(usual)).isEmpty(), "-75 dBm is fine by the fleet's -80");

    // Back to the fleet's threshold: the signal is judged again at once and the alarm clears.
    setPoorWifiDbm(strict, "{\"poorWifiDbm\": null}")
        .statusCode(200)
        .body("poorWifiDbm", nullValue());
    assertTrue(open(deviceId(strict)).isEmpty());
  }

  @Test
  void aBadThresholdIsRefusedWithTheReasonAndKeepsTheOneSet() throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    String serial = serial("BADWIFI");
    inform(cpe, serial, new Event(Event.BOOTSTRAP, ""));
    setPoorWifiDbm(serial, "{\"poorWifiDbm\": -72}").statusCode(200);

    setPoorWifiDbm(serial, "{\"poorWifiDbm\": -20}")
        .statusCode(400)
        .body("error", containsString("between -100 and -30 dBm"));
    setPoorWifiDbm(serial, "{\"poorWifiDbm\": \"low\"}")
        .statusCode(400)
        .body("error", containsString("whole number"));
    setPoorWifiDbm(serial, "{\"poorWifiDbm\": -75.5}").statusCode(400);
    setPoorWifiDbm(serial, "{\"colour\": \"red\"}")
        .statusCode(400)
        .body("error", containsString("'colour' is not a device setting"));
    setPoorWifiDbm(serial, "{}").statusCode(400);
    setPoorWifiDbm("NO-SUCH-PHONE", "{\"poorWifiDbm\": -70}").statusCode(404);

    asAdmin()
        .get("/api/v1/devices/000B82-WP820-" + serial)
        .then()
        .body("poorWifiDbm", equalTo(-72));
  }

  @Test
  void repeatedFailedTasksAlarmAndAManualClearIsRecordedWithWhoAndWhen() throws Exception {
    String serial = serial("FAULTY");
    long id = failingDevice(serial);

    List<Alarms.Alarm> raised = open(id);
    assertEquals(1, raised.size(), raised.toString());
    assertEquals(AlarmKind.REPEATED_FAULTS, raised.get(0).kind());
    assertTrue(raised.get(0).detail().startsWith(config.repeatedFaults() + " tasks failed"));

    long alarmId = raised.get(0).id();
    asAdmin()
        .post("/api/v1/alarms/" + alarmId + "/clear")
        .then()
        .statusCode(200)
        .body("clearedBy", equalTo("admin"));
    assertTrue(open(id).isEmpty());
    Alarms.Alarm history = alarms.list(Alarms.Filter.CLEARED, Optional.of(id), 10).get(0);
    assertNotNull(history.clearedAt());
    assertEquals("admin", history.clearedBy());
    String log = asAdmin().get("/api/v1/audit?action=alarm.clear").then().extract().asString();
    assertTrue(log.contains("000B82-WP820-" + serial), log);
    asAdmin().post("/api/v1/alarms/999999999/clear").then().statusCode(404);

    // The failures are still within the window, but a manual clear stands until the next failure.
    assertEquals(0, sweep(clock.instant()));
    assertTrue(open(id).isEmpty());
    sweep(clock.instant().plus(config.repeatedFaultsWindow()).plusSeconds(1));
    assertTrue(open(id).isEmpty());
  }

  @Test
  void repeatedFaultsClearByThemselvesOnceTheFailuresLeaveTheWindow() throws Exception {
    long id = failingDevice(serial("FAULTY"));
    assertEquals(1, open(id).size());
    sweep(clock.instant());
    assertEquals(1, open(id).size(), "still within the window");
    sweep(clock.instant().plus(config.repeatedFaultsWindow()).plusSeconds(5));
    assertTrue(open(id).isEmpty(), "the failures are older than the window");
  }

  /**
   * A device that informed and then failed as many one-attempt tasks in one session as make a
   * REPEATED_FAULTS alarm: each GetParameterValues answered with a fault.
   */
  private long failingDevice(String serial) throws Exception {
    TestCpe cpe = TestCpe.fleet(cwmp);
    inform(cpe, serial, new Event(Event.BOOTSTRAP, ""));
    long id = deviceId(serial);
    for (int i = 0; i < config.repeatedFaults(); i++) {
      tasks.enqueue(
          id,
          new GetParameterValues(List.of("Device.Nope" + i + ".")),
          new TaskOptions(null, 1, null),
          clock.instant());
    }
    assertEquals(
        200,
        cpe.inform(TestCpe.wp820Inform(serial, "", new Event(Event.CONNECTION_REQUEST, "")))
            .status());
    TestCpe.Reply rpc = cpe.emptyPost();
    for (int i = 0; i < config.repeatedFaults(); i++) {
      assertInstanceOf(GetParameterValues.class, rpc.body());
      rpc =
          cpe.post(
              new Fault(FaultCode.INVALID_PARAMETER_NAME, "no such"), rpc.envelope().header().id());
    }
    assertEquals(204, rpc.status());
    leases.flush();
    return id;
  }
}
