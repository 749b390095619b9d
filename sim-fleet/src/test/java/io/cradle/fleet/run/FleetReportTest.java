package io.cradle.fleet.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetReportTest {

  @Test
  void jsonEscapesStrings() {
    assertEquals("\"plain\"", Json.string("plain"));
    assertEquals("\"a\\\"b\\\\c\"", Json.string("a\"b\\c"));
    assertEquals("\"l1\\nl2\\r\\t\"", Json.string("l1\nl2\r\t"));
    assertEquals("\"\\u0001\\u001f\\u2028\"", Json.string("\u0001\u001f\u2028"));
    assertEquals("\"h\u00e9 ×\"", Json.string("h\u00e9 ×"));
  }

  @Test
  void reportCountsEverything() {
    FleetStats stats = new FleetStats();
    stats.sessionsOk.add(7);
    stats.phonesBooted.add(3);
    stats.phonesBootstrapped.add(3);
    stats.sessionFailed("HTTP 503");
    stats.sessionFailed("HTTP 503");
    stats.sessionFailed("java.net.ConnectException: \"refused\"");
    stats.rpcAnswered("SetParameterValues", 0);
    stats.rpcAnswered("SetParameterValues", 0);
    stats.rpcAnswered("AddObject", 9005);
    stats.rpcAnswered("Download", 0);
    stats.transferCompleted(0);
    stats.transferCompleted(9010);

    FleetReport r =
        stats.snapshot(
            "http://127.0.0.1:8080/cwmp",
            4,
            Duration.ofMillis(12_345),
            Optional.empty(),
            Optional.empty());

    assertEquals(4, r.tasksExecuted());
    assertEquals(1, r.phonesNeverReached());
    String expected =
        "{\n"
            + "  \"acs\": \"http://127.0.0.1:8080/cwmp\",\n"
            + "  \"elapsedSeconds\": 12.345,\n"
            + "  \"phones\": {\"started\": 4, \"booted\": 3, \"bootstrapped\": 3,"
            + " \"neverReachedAcs\": 1},\n"
            + "  \"sessions\": {\"ok\": 7, \"failed\": 3},\n"
            + "  \"sessionFailures\": {\"HTTP 503\": 2,"
            + " \"java.net.ConnectException: \\\"refused\\\"\": 1},\n"
            + "  \"tasks\": {\"executed\": 4, \"byMethod\": {\"AddObject\": 1, \"Download\": 1,"
            + " \"SetParameterValues\": 2}},\n"
            + "  \"faults\": {\"9005\": 1},\n"
            + "  \"transfers\": {\"ok\": 1, \"failed\": 1}\n"
            + "}\n";
    assertEquals(expected, r.toJson());

    String text = r.toText();
    assertTrue(text.contains("started 4, reached the ACS 3 (3 with BOOTSTRAP), never 1"), text);
    assertTrue(text.contains("sessions ok 7, failed 3"), text);
    assertTrue(text.contains("SetParameterValues ×2"), text);
    assertTrue(text.contains("9005 ×1"), text);
  }

  @Test
  void distinctFailureReasonsAreCapped() {
    FleetStats stats = new FleetStats();
    for (int i = 0; i < FleetStats.MAX_REASONS + 5; i++) {
      stats.sessionFailed("reason " + i);
    }
    FleetReport r = stats.snapshot("x", 1, Duration.ZERO, Optional.empty(), Optional.empty());
    assertEquals(FleetStats.MAX_REASONS + 1, r.failureReasons().size());
    assertEquals(5L, r.failureReasons().get("other"));
    assertEquals(FleetStats.MAX_REASONS + 5L, r.sessionsFailed());
  }
}
