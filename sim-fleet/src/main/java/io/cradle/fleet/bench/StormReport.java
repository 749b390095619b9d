package io.cradle.fleet.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The figures of one measured run, as text for people and as one {@code RESULT key=value ...} line
 * for scripts. Latencies are of whole sessions (Inform to the final 204, 401 round trips included),
 * of successful sessions only.
 *
 * @param seconds the measured window: from the end of the warm-up to the end of the run
 * @param errors error kind to count, e.g. {@code timeout}, {@code http_500}, {@code auth_rejected}
 * @param errorExamples error kind to the detail of its first occurrence
 * @param acsRequests method name to count of the requests the ACS sent inside sessions
 * @param uncounted sessions outside the measured window (warm-up, or unfinished at the end)
 * @param latencyMicros per successful session
 */
public record StormReport(
    BenchOptions options,
    double seconds,
    long ok,
    long shed,
    Map<String, Long> errors,
    Map<String, String> errorExamples,
    Map<String, Long> acsRequests,
    long httpRequests,
    long uncounted,
    LatencySamples latencyMicros) {

  public StormReport {
    errors = new TreeMap<>(errors);
    errorExamples = new TreeMap<>(errorExamples);
    acsRequests = new TreeMap<>(acsRequests);
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  public double sessionsPerSecond() {
    return seconds > 0 ? ok / seconds : 0;
  }

  public double httpRequestsPerSecond() {
    return seconds > 0 ? httpRequests / seconds : 0;
  }

  /** The {@code p}-th percentile session latency in milliseconds. */
  public double latencyMs(double p) {
    return latencyMicros.percentile(p) / 1000.0;
  }

  public String text() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "measured %.1f s: %d ok, %d shed (503 + Retry-After), %d errors; %d sessions outside"
                + " the window%n",
            seconds,
            ok,
            shed,
            errorCount(),
            uncounted));
    sb.append(
        String.format(
            Locale.ROOT,
            "throughput: %.1f sessions/s (%.1f HTTP requests/s)%n",
            sessionsPerSecond(),
            httpRequestsPerSecond()));
    sb.append(
        String.format(
            Locale.ROOT,
            "session latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (mean %.2f, n=%d)%n",
            latencyMs(50),
            latencyMs(90),
            latencyMs(99),
            latencyMs(100),
            latencyMicros.mean() / 1000.0,
            latencyMicros.size()));
    if (!errors.isEmpty()) {
      sb.append("errors: ").append(counts(errors, ", ", "=")).append(System.lineSeparator());
      for (Map.Entry<String, String> e : errorExamples.entrySet()) {
        if (e.getValue() != null && errors.containsKey(e.getKey())) {
          sb.append("  first ")
              .append(e.getKey())
              .append(": ")
              .append(e.getValue())
              .append(System.lineSeparator());
        }
      }
    }
    if (!acsRequests.isEmpty()) {
      sb.append("requests answered for the ACS: ")
          .append(counts(acsRequests, ", ", "="))
          .append(System.lineSeparator());
    }
    return sb.toString();
  }

  /** One line of {@code key=value} pairs, no spaces inside values. */
  public String summaryLine() {
    return String.format(
        Locale.ROOT,
        "RESULT mode=%s devices=%d concurrency=%d seconds=%.2f ok=%d shed=%d errors=%d"
            + " sessions_per_s=%.1f http_per_s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f"
            + " max_ms=%.2f error_kinds=%s",
        options.mode().name().toLowerCase(Locale.ROOT),
        options.devices(),
        options.concurrency(),
        seconds,
        ok,
        shed,
        errorCount(),
        sessionsPerSecond(),
        httpRequestsPerSecond(),
        latencyMs(50),
        latencyMs(90),
        latencyMs(99),
        latencyMs(100),
        errors.isEmpty() ? "-" : counts(errors, ",", ":"));
  }

  private static String counts(Map<String, Long> map, String separator, String assign) {
    return map.entrySet().stream()
        .map(e -> e.getKey() + assign + e.getValue())
        .collect(Collectors.joining(separator));
  }
}
