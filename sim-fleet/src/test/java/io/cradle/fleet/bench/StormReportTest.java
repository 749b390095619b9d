package io.cradle.fleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StormReportTest {

  @Test
  void summaryLineIsOneLineOfKeyValuePairs() {
    LatencySamples micros = new LatencySamples();
    for (int i = 1; i <= 200; i++) {
      micros.add(i * 1000L); // 1..200 ms
    }
    StormReport r =
        new StormReport(
            BenchOptions.parse("--devices", "100", "--concurrency", "4", "--mode", "boot"),
            10.0,
            200,
            3,
            Map.of("timeout", 2L, "http_500", 1L),
            Map.of("http_500", "<html>boom</html>"),
            Map.of("GetParameterValues", 5L),
            650,
            17,
            micros);
    assertEquals(3, r.errorCount());
    assertEquals(20.0, r.sessionsPerSecond(), 1e-9);
    assertEquals(
        "RESULT mode=boot devices=100 concurrency=4 seconds=10.00 ok=200 shed=3 errors=3"
            + " sessions_per_s=20.0 http_per_s=65.0 p50_ms=100.00 p90_ms=180.00 p99_ms=198.00"
            + " max_ms=200.00 error_kinds=http_500:1,timeout:2",
        r.summaryLine());
    String text = r.text();
    assertTrue(text.contains("errors: http_500=1, timeout=2"), text);
    assertTrue(text.contains("  first http_500: <html>boom</html>"), text);
    assertTrue(text.contains("requests answered for the ACS: GetParameterValues=5"), text);
  }

  @Test
  void emptyRunDoesNotDivideByZero() {
    StormReport r =
        new StormReport(
            BenchOptions.defaults(),
            0,
            0,
            0,
            Map.of(),
            Map.of(),
            Map.of(),
            0,
            0,
            new LatencySamples());
    assertTrue(r.summaryLine().contains("sessions_per_s=0.0"));
    assertTrue(r.summaryLine().endsWith("error_kinds=-"));
  }
}
