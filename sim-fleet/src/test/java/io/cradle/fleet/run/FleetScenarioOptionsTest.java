package io.cradle.fleet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.battery.Load;
import io.cradle.fleet.scenario.ScenarioStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --scenario}: its phones, speed and duration as defaults, and its counts in the report. */
class FleetScenarioOptionsTest {

  private static final String SHIFT =
      """
      duration 8h
      speed 60
      floor width=100 height=50
      ap ssid=wh bssid=00:11:22:33:44:01 band=5 channel=36 x=10 y=10
      area name=a x=0 y=0 w=100 h=50
      pattern name=p areas=a
      phones count=12 pattern=p
      """;

  @Test
  void theScenarioGivesPhonesSpeedAndDurationInPhoneTime(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("s.scenario"), SHIFT);
    FleetOptions o = FleetOptions.parse("--scenario", file.toString());
    assertEquals(12, o.phones());
    assertEquals(60.0, o.speed());
    assertEquals(Optional.of(Duration.ofMinutes(8)), o.duration(), "8 h of phone time at 60×");
    assertEquals("wh", o.scenario().orElseThrow().accessPoints().get(0).ssid());
  }

  @Test
  void theCommandLineOverridesSpeedAndDuration(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("s.scenario"), SHIFT);
    FleetOptions faster = FleetOptions.parse("--scenario", file.toString(), "--speed", "480");
    assertEquals(Optional.of(Duration.ofMinutes(1)), faster.duration());
    FleetOptions shorter = FleetOptions.parse("--scenario", file.toString(), "--duration", "30s");
    assertEquals(60.0, shorter.speed());
    assertEquals(Optional.of(Duration.ofSeconds(30)), shorter.duration(), "wall time as always");
  }

  @Test
  void badScenariosAndPhoneCountsAreUsageErrors(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("s.scenario"), SHIFT);
    IllegalArgumentException both =
        assertThrows(
            IllegalArgumentException.class,
            () -> FleetOptions.parse("--scenario", file.toString(), "--phones", "3"));
    assertTrue(both.getMessage().contains("phones lines"), both.getMessage());

    Path bad =
        Files.writeString(dir.resolve("bad.scenario"), SHIFT + "event at=1m phone=12 kind=panic\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> FleetOptions.parse("--scenario", bad.toString()));
    assertEquals(bad + ":8: phone 12 does not exist: the phones are 0..11", e.getMessage());
  }

  @Test
  void aScenarioThatPlacesCallsNeedsSip(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("calls.scenario");
    Files.writeString(
        file,
        Files.readString(Path.of("scenarios/warehouse-shift.scenario"))
            + "calls per-phone-hour=2 duration=45s\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FleetOptions.parse("--scenario", file.toString()));
    assertTrue(e.getMessage().contains("--sip embedded"), e.getMessage());
    assertTrue(
        FleetOptions.parse("--scenario", file.toString(), "--sip", "embedded").sip().isPresent());
  }

  @Test
  void withoutAScenarioNothingChanges() {
    assertEquals(Optional.empty(), FleetOptions.parse().scenario());
  }

  @Test
  void theReportAddsTheScenarioCountsAndKeepsTheOtherKeys() {
    FleetReport plain =
        new FleetReport(
            "u",
            1,
            1,
            1,
            1,
            0,
            Map.of(),
            Map.of(),
            0,
            0,
            Map.of(),
            Duration.ZERO,
            Optional.empty(),
            Optional.empty());
    FleetReport withScenario =
        new FleetReport(
            "u",
            1,
            1,
            1,
            1,
            0,
            Map.of(),
            Map.of(),
            0,
            0,
            Map.of(),
            Duration.ZERO,
            Optional.of(
                new ScenarioStats.Counts(
                    3,
                    4,
                    1,
                    2,
                    0,
                    0,
                    1,
                    2,
                    2,
                    new ScenarioStats.Talks(2, 5, 1, 3, 1),
                    new ScenarioStats.BatteryFigures(
                        72.5, 40, Map.of(Load.Part.IDLE, 10.0, Load.Part.WIFI_SCAN, 2.5)),
                    Optional.empty())),
            Optional.empty());
    String json = withScenario.toJson();
    assertTrue(json.startsWith(plain.toJson().replaceFirst("\\}\\n\\}\\n$", "")), json);
    assertTrue(
        json.endsWith(
            "\"transfers\": {\"ok\": 0, \"failed\": 0},\n"
                + "  \"scenario\": {\"associations\": 3, \"roams\": 4, \"coverageLost\": 1,"
                + " \"lowBatteryWarnings\": 2, \"criticalBatteryWarnings\": 0,"
                + " \"batteryShutdowns\": 0, \"safeWarnings\": 1, \"safeAlarms\": 2,"
                + " \"scriptedEvents\": 2, \"ptt\": {\"talksSent\": 2, \"talksHeard\": 5,"
                + " \"pagesSent\": 1, \"pagesHeard\": 3, \"refused\": 1}, \"battery\": {\"meanLevel\": 72.5, \"lowestLevel\": 40,"
                + " \"meanDrawMa\": {\"idle\": 10.000, \"wifiScan\": 2.500, \"total\": 12.500}}}\n"
                + "}\n"),
        json);
    assertTrue(withScenario.toText().contains("4 roams"), withScenario::toText);
    assertTrue(
        withScenario.toText().contains("mean draw 12.5 mA (idle 10.0, wifiScan 2.5)"),
        withScenario::toText);
    assertTrue(!plain.toJson().contains("scenario"));
  }
}
