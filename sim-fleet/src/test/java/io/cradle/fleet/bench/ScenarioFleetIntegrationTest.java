package io.cradle.fleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.safe.Activity;
import io.cradle.cpe.safe.AlarmKind;
import io.cradle.cpe.safe.SafeMonitor;
import io.cradle.cpe.safe.SafeState;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.fleet.run.Fleet;
import io.cradle.fleet.run.FleetOptions;
import io.cradle.fleet.run.FleetReport;
import io.cradle.fleet.run.StopSignal;
import io.cradle.fleet.scenario.ScenarioPhone;
import io.cradle.fleet.scenario.ScenarioStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario replayed by a real fleet at 600×: three phones on a floor with two APs against the
 * in-process {@link FakeAcs}; a scripted man-down and a panic raise SAFE alarms the ACS hears of,
 * and a wearer who walks out of the APs' range loses coverage.
 */
class ScenarioFleetIntegrationTest {

  private static final String SCENARIO =
      """
      # One hour of a small shift: two pickers near the APs, one wanderer who goes far away.
      # The events come 2 s (wall) or more after the boots, so a slow first boot has finished.
      duration 1h
      speed 600
      floor width=400 height=40
      ap ssid=wh bssid=00:11:22:33:44:01 band=5 channel=36 x=20 y=20 power=17
      ap ssid=wh bssid=00:11:22:33:44:02 band=5 channel=44 x=80 y=20 power=17
      area name=near x=0 y=0 w=100 h=40
      area name=between x=100 y=0 w=50 h=40
      area name=far x=150 y=0 w=250 h=40
      pattern name=picker areas=near walk=0.7 idle=0.3 pause=2m
      pattern name=wanderer areas=near,between,far walk=0.5 run=0.4 idle=0.1 pause=1m
      phones count=2 pattern=picker battery=0.6..1.0 safe=on
      phones count=1 pattern=wanderer battery=0.6..1.0 safe=on
      event at=20m phone=0 kind=man-down
      event at=25m phone=1 kind=panic
      """;

  @Test
  void scriptedManDownAndPanicRaiseSafeAlarmsAndAWandererLosesCoverage(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("small-shift.scenario");
    Files.writeString(file, SCENARIO);
    try (FakeAcs acs = new FakeAcs(List.of())) {
      FleetOptions options =
          FleetOptions.parse(
              "--acs",
              acs.uri().toString(),
              "--scenario",
              file.toString(),
              "--first-mac",
              "00:0B:82:78:00:01",
              "--address-base",
              "127.88.3.1",
              "--cr-port",
              "17548",
              "--stagger",
              "0",
              "--periodic-interval",
              "1h",
              "--session-threads",
              "4");
      assertEquals(3, options.phones(), "the scenario's phone count");
      assertEquals(600.0, options.speed());
      assertEquals(6, options.duration().orElseThrow().toSeconds(), "1 h of phone time at 600×");

      ByteArrayOutputStream err = new ByteArrayOutputStream();
      FleetReport report;
      Fleet fleet = new Fleet(options, new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        fleet.start();
        fleet.runUntilStopped(StopSignal.manual(), false);
        report = fleet.report();

        // The man-down: the wearer lies still, the tilt or no-movement detector alarms.
        SafeMonitor fallen = safe(fleet.phone(0));
        assertEquals(Activity.FALLEN, fleet.scenarioPhone(0).orElseThrow().mobility().activity());
        assertEquals(SafeState.ALARM, fallen.state(), err::toString);
        assertTrue(
            Set.of(AlarmKind.TILT, AlarmKind.NO_MOVEMENT)
                .contains(fallen.lastAlarmKind().orElseThrow()),
            () -> fallen.lastAlarmKind().toString());
        // The panic: an alarm at once.
        SafeMonitor panicked = safe(fleet.phone(1));
        assertEquals(
            Optional.of(AlarmKind.PANIC),
            panicked.lastAlarmKind(),
            () -> panicked.alarmCount() + " alarms, " + report.toText() + err);
        assertEquals(SafeState.ALARM, panicked.state());

        // The wanderer runs long legs (the running detector warns) but, on their feet, cancels.
        ScenarioPhone wanderer = fleet.scenarioPhone(2).orElseThrow();
        assertTrue(report.scenario().orElseThrow().safeWarnings() > 0, () -> report.toText());
        assertTrue(safe(fleet.phone(2)).state() != SafeState.ALARM, () -> report.toText());

        // The wanderer walked out of both APs' range at least once.
        assertTrue(
            report.scenario().orElseThrow().coverageLost() + wanderer.wifi().roamCount() > 0,
            () -> report.toText());
      } finally {
        fleet.close();
      }

      ScenarioStats.Counts counts = report.scenario().orElseThrow();
      assertEquals(2, counts.scriptedEvents());
      assertTrue(counts.safeAlarms() >= 2, counts::toString);
      assertTrue(counts.coverageLost() >= 1, counts::toString);
      assertTrue(counts.associations() >= 3, counts::toString);
      assertTrue(report.toJson().contains("\"scenario\": {\"associations\": "), report::toJson);
      assertTrue(report.toJson().contains("\"phones\": {\"started\": 3"), report::toJson);

      // The ACS heard of both alarms as value changes of Device.X_GRANDSTREAM_Safe.State.
      Set<String> alarmed =
          acs.informs.stream()
              .filter(i -> i.events().stream().anyMatch(e -> e.code().equals(Event.VALUE_CHANGE)))
              .filter(i -> "Alarm".equals(value(i, "Device.X_GRANDSTREAM_Safe.State")))
              .map(i -> i.deviceId().serialNumber())
              .collect(Collectors.toSet());
      assertEquals(Set.of("000B82780001", "000B82780002"), alarmed, err::toString);
    }
  }

  private static SafeMonitor safe(Optional<Phone> phone) {
    return phone.orElseThrow().safe().orElseThrow();
  }

  private static String value(Inform inform, String name) {
    return inform.parameters().stream()
        .filter(p -> p.name().equals(name))
        .map(ParameterValue::value)
        .findFirst()
        .orElse(null);
  }
}
