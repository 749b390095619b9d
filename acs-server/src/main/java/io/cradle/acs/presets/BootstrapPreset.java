package io.cradle.acs.presets;

import io.cradle.acs.inventory.InformHook;
import io.cradle.acs.tasks.TaskOptions;
import io.cradle.acs.tasks.TaskQueue;
import io.cradle.cwmp.message.AcsRequest;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.SetParameterAttribute;
import io.cradle.cwmp.message.SetParameterAttributes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the ACS asks of every WP820 once, without anyone queuing it: read its periodic interval (so
 * OFFLINE waits for the device's real interval, not an hour) and the lines' state, and have the
 * lines' Status notified actively (an unregistered line reaches the ACS at once) and the Wi-Fi
 * signal and interval passively (the next periodic Inform carries them). The signal is not active:
 * it changes with every sample and would open a session each time.
 *
 * <p>Queued in the Inform's own transaction, to run in the same session, when the device bootstraps
 * (a factory reset forgets notification attributes) unless this preset's tasks are still open, and
 * at a boot when it never ran for the firmware the device now reports (a device known before this
 * preset, or upgraded since). Other Informs cost nothing.
 */
@ApplicationScoped
public class BootstrapPreset implements InformHook {

  static final String NAME = "bootstrap";

  static final String VOICE = "Device.Services.VoiceService.1.VoiceProfile.";
  static final String INTERVAL = "Device.ManagementServer.PeriodicInformInterval";
  static final String SIGNAL = "Device.WiFi.EndPoint.1.Stats.SignalStrength";

  /** The WP820's two accounts, each a VoiceProfile with one Line. */
  static final int LINES = 2;

  private final TaskQueue tasks;
  private final boolean enabled;

  @Inject
  public BootstrapPreset(
      TaskQueue tasks,
      @ConfigProperty(name = "cradle.presets.bootstrap", defaultValue = "true") boolean enabled) {
    this.tasks = tasks;
    this.enabled = enabled;
  }

  /**
   * The preset's RPCs, in order: read first, so the lines' state is known before it changes. The
   * signal has its own request because a phone without a Wi-Fi radio refuses the name (9005), which
   * must not cost it the lines' notification.
   */
  static List<AcsRequest<?>> requests() {
    List<String> reads = new ArrayList<>(List.of(INTERVAL));
    List<SetParameterAttribute> notify = new ArrayList<>();
    for (int line = 1; line <= LINES; line++) {
      String prefix = VOICE + line + ".Line.1.";
      reads.add(prefix + "Enable");
      reads.add(prefix + "Status");
      notify.add(new SetParameterAttribute(prefix + "Status", true, 2, false, List.of()));
    }
    notify.add(new SetParameterAttribute(INTERVAL, true, 1, false, List.of()));
    return List.of(
        new GetParameterValues(reads),
        new SetParameterAttributes(notify),
        new SetParameterAttributes(
            List.of(new SetParameterAttribute(SIGNAL, true, 1, false, List.of()))));
  }

  @Override
  public boolean onInform(Connection c, long deviceId, Inform inform, Instant now)
      throws SQLException {
    boolean bootstrap = inform.hasEvent(Event.BOOTSTRAP);
    if (!enabled || (!bootstrap && !inform.hasEvent(Event.BOOT))) {
      return false;
    }
    String firmware = softwareVersion(inform);
    Optional<Run> last = lastRun(c, deviceId);
    boolean due;
    if (last.isEmpty()) {
      due = true;
    } else if (tasks.anyOpen(c, last.get().taskIds())) {
      // Already queued (a bootstrap Inform retried after a broken session): do not pile up.
      due = false;
    } else {
      due = bootstrap || !last.get().softwareVersion().equals(firmware);
    }
    if (!due) {
      return false;
    }
    List<Long> ids = new ArrayList<>();
    for (AcsRequest<?> request : requests()) {
      ids.add(tasks.enqueue(c, deviceId, request, TaskOptions.defaults(), now));
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into preset_run (device_id, preset, software_version, task_ids, queued_at)"
                + " values (?, ?, ?, ?, ?) on conflict (device_id, preset) do update set"
                + " software_version = excluded.software_version,"
                + " task_ids = excluded.task_ids, queued_at = excluded.queued_at")) {
      s.setLong(1, deviceId);
      s.setString(2, NAME);
      s.setString(3, firmware);
      s.setArray(4, c.createArrayOf("bigint", ids.toArray()));
      s.setTimestamp(5, Timestamp.from(now));
      s.executeUpdate();
    }
    return true;
  }

  private record Run(String softwareVersion, List<Long> taskIds) {}

  private static Optional<Run> lastRun(Connection c, long deviceId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select software_version, task_ids from preset_run where device_id = ? and preset = ?")) {
      s.setLong(1, deviceId);
      s.setString(2, NAME);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        Array ids = r.getArray(2);
        List<Long> taskIds = new ArrayList<>();
        for (Long id : (Long[]) ids.getArray()) {
          taskIds.add(id);
        }
        return Optional.of(new Run(r.getString(1), taskIds));
      }
    }
  }

  private static String softwareVersion(Inform inform) {
    return inform.parameters().stream()
        .filter(p -> p.name().endsWith(".DeviceInfo.SoftwareVersion"))
        .map(p -> p.value().trim())
        .findFirst()
        .orElse("");
  }
}
