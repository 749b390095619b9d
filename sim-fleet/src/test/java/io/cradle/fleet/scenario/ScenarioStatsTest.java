package io.cradle.fleet.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScenarioStatsTest {

  @Test
  void callsAreCountedByOutcomeAndAFarEndsReasonPhraseStaysInsideItsJsonKey() {
    ScenarioStats stats = new ScenarioStats(true);
    stats.callAttempted();
    stats.callAttempted();
    stats.callAttempted();
    stats.callSkipped();
    stats.callAnswered(Optional.empty());
    stats.callFailed("486 Busy Here");
    stats.callFailed("603 \"Go\\away\"\n");

    ScenarioStats.Calls calls = stats.snapshot().calls().orElseThrow();
    assertEquals(3, calls.attempted());
    assertEquals(1, calls.answered());
    assertEquals(1, calls.skipped());
    assertEquals(0, calls.measured(), "no RTP statistics for that call");
    assertEquals(Map.of("486 Busy Here", 1L, "603 \"Go\\away\"\n", 1L), calls.failed());
    String json = stats.snapshot().toJson();
    assertTrue(json.contains("\"failed\": {\"486 Busy Here\": 1, \"603 'Go'away''\": 1}"), json);
    assertTrue(!new ScenarioStats().snapshot().toJson().contains("calls"), "no calls part");
  }
}
