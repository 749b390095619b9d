package io.cradle.acs.e2e;

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
