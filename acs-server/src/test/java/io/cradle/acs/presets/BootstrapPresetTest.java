package io.cradle.acs.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.cwmp.LeaseReleases;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskOptions;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.acs.testing.LabPhones;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cwmp.message.FactoryReset;
import io.cradle.cwmp.message.Reboot;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap preset with a real phone: its first session reads the periodic interval (which the
 * offline check then uses) and turns on notification of the lines' status; a plain reboot on the
 * same firmware queues nothing; a factory reset queues it again.
 */
@QuarkusTest
@TestProfile(BootstrapPresetTest.PresetOn.class)
class BootstrapPresetTest {

  /** The preset is off for the other tests, which count a session's RPCs. */
  public static class PresetOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("cradle.presets.bootstrap", "true");
    }
  }

  @TestHTTPResource("/")
  URI acs;

  @Inject LeaseReleases leases;
  @Inject TaskQueue tasks;
  @Inject Clock clock;

  private void run(VirtualScheduler scheduler) {
    LabPhones.runSessions(scheduler, leases);
  }

  private static List<Task> tasksOf(long deviceId) {
    return QuarkusTransaction.requiringNew().call(() -> Task.ofDevice(deviceId, 100));
  }

  private static Device device(String key) {
    return QuarkusTransaction.requiringNew().call(() -> Device.findByKey(key).orElseThrow());
  }

  @Test
  void theFirstSessionReadsTheIntervalAndTurnsOnLineNotificationOnce() {
    LabPhones.Unit unit = LabPhones.next("PRESET");
    VirtualScheduler scheduler = new VirtualScheduler(clock.instant());
    Map<String, String> factory =
        LabPhones.factory(acs, Map.of("P4506", "1", "P4507", "600", "P237", "", "P192", ""));
    Phone phone = LabPhones.wp820(unit, scheduler, factory).build();
    String key = unit.deviceKey();
    String status = BootstrapPreset.VOICE + "1.Line.1.Status";
    assertEquals(0, phone.model().notifications().notification(status), "off by default");

    phone.boot();
    run(scheduler);

    Device d = device(key);
    assertEquals(600, d.periodicInformInterval, "read from the phone: OFFLINE now uses it");
    List<Task> first = tasksOf(d.id);
    assertEquals(3, first.size(), first.stream().map(t -> t.kind).toList().toString());
    Task read = first.stream().filter(t -> t.kind.equals("GetParameterValues")).findFirst().get();
    assertEquals(TaskStatus.DONE, read.status);
    Task lines =
        first.stream()
            .filter(t -> t.kind.equals("SetParameterAttributes") && t.request.contains("Line"))
            .findFirst()
            .get();
    assertEquals(TaskStatus.DONE, lines.status);
    assertEquals(2, phone.model().notifications().notification(status), "active");
    assertEquals(
        2, phone.model().notifications().notification(BootstrapPreset.VOICE + "2.Line.1.Status"));
    assertEquals(1, phone.model().notifications().notification(BootstrapPreset.INTERVAL));

    tasks.enqueue(d.id, new Reboot(""), TaskOptions.defaults(), clock.instant());
    phone.connectionRequest();
    run(scheduler);
    assertEquals(
        first.size() + 1, tasksOf(d.id).size(), "a reboot on the same firmware queues nothing");

    tasks.enqueue(d.id, new FactoryReset(), TaskOptions.defaults(), clock.instant());
    phone.connectionRequest();
    run(scheduler);
    // The reset phone boots again and bootstraps: the preset runs in that session.
    run(scheduler);
    List<Task> after = tasksOf(d.id);
    assertEquals(
        first.size() + 2 + 3,
        after.size(),
        "a factory reset forgets notification attributes: queued again");
    assertTrue(
        after.stream()
            .filter(t -> t.kind.equals("GetParameterValues"))
            .allMatch(t -> t.status == TaskStatus.DONE),
        after.stream().map(t -> t.kind + " " + t.status).toList().toString());
    assertEquals(2, phone.model().notifications().notification(status), "active again");
  }
}
