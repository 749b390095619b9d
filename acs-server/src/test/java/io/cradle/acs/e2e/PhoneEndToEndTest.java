package io.cradle.acs.e2e;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cradle.acs.cwmp.LeaseReleases;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskOptions;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.acs.testing.LabPhones;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.SetParameterValues;
import io.cradle.cwmp.param.ParameterType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A simulated WP820 from cpe-agent against the real ACS: the whole CWMP path, both ends real. */
@QuarkusTest
class PhoneEndToEndTest {

  @TestHTTPResource("/")
  URI acs;

  @Inject TaskQueue tasks;
  @Inject LeaseReleases leases;
  @Inject Clock clock;

  @Test
  void aBootedPhoneIsInventoriedAndAppliesAQueuedSetParameterValues() {
    LabPhones.Unit unit = LabPhones.next("E2E");
    // A virtual scheduler runs the phone's sessions on the test thread, one step at a time.
    VirtualScheduler scheduler = new VirtualScheduler(clock.instant());
    Phone phone =
        LabPhones.wp820(unit, scheduler, LabPhones.factory(acs, Map.of("P237", "", "P192", "")))
            .build();
    PValueStore store = phone.store();

    phone.boot();
    runSessions(scheduler);
    Device device = Device.findByKey(unit.deviceKey()).orElseThrow();
    assertEquals("1.0.7.81", device.softwareVersion);

    Task task =
        tasks.enqueue(
            device.id,
            new SetParameterValues(
                List.of(
                    new ParameterValue(
                        "Device.ManagementServer.PeriodicInformInterval",
                        "120",
                        ParameterType.UNSIGNED_INT)),
                ""),
            TaskOptions.defaults(),
            clock.instant());
    phone.connectionRequest();
    runSessions(scheduler);

    Task done = reload(task);
    assertEquals(TaskStatus.DONE, done.status);
    assertEquals("120", store.get("P4507").orElseThrow());

    // The new ParameterKey reaches the ACS in the next Inform.
    phone.connectionRequest();
    runSessions(scheduler);
    assertEquals(done.commandKey, phone.model().parameterKey());
    assertEquals(done.commandKey, reloadDevice(device.id).parameterKey);
  }

  @Test
  void aPhoneIsFoundByTheMacItsInformCarriesWithoutAnyProfile() {
    long n = System.nanoTime() % 0xffffff;
    String serial = "E2EMAC" + n;
    String mac = String.format("C074AD%06X", n);
    String colons = mac.replaceAll("(..)(?!$)", "$1:");
    // A MAC outside the lab's 00:0B:82 range, so its last three octets find this phone alone.
    LabPhones.Unit unit = new LabPhones.Unit(n, serial, colons);
    VirtualScheduler scheduler = new VirtualScheduler(clock.instant());
    Phone phone =
        LabPhones.wp820(unit, scheduler, LabPhones.factory(acs, Map.of("P237", "", "P192", "")))
            .build();

    phone.boot();
    runSessions(scheduler);

    assertEquals(mac, Device.findByKey(unit.deviceKey()).orElseThrow().mac);
    // Typed as on the box's label, lower case with colons: the last three octets.
    asAdmin()
        .get("/api/v1/devices?q=" + colons.substring(9).toLowerCase(java.util.Locale.ROOT))
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].deviceKey", equalTo(unit.deviceKey()))
        .body("items[0].mac", equalTo(mac));
    // Templates reach it by that MAC too: no CSV profile was imported.
    asAdmin()
        .get("/api/v1/templates/rendered?device=" + colons)
        .then()
        .statusCode(200)
        .body("device", equalTo(unit.deviceKey()));
  }

  private void runSessions(VirtualScheduler scheduler) {
    scheduler.runFor(Duration.ZERO);
    // The ACS releases a session's device lease asynchronously; the next session needs it free.
    leases.flush();
  }

  private static Task reload(Task task) {
    return QuarkusTransaction.requiringNew().call(() -> Task.<Task>findById(task.id));
  }

  private static Device reloadDevice(long id) {
    return QuarkusTransaction.requiringNew().call(() -> Device.<Device>findById(id));
  }
}
