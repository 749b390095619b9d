package io.cradle.fleet.run;

import io.cradle.fleet.scenario.ScenarioStats;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The summary of a fleet run, as text for people and as JSON ({@code --report FILE}) for CI
 * pipelines to assert on.
 *
 * @param phonesBooted phones with at least one successful session: they reached the ACS
 * @param phonesBootstrapped phones whose successful session carried {@code 0 BOOTSTRAP}
 * @param rpcsByMethod RPCs the phones answered (the tasks executed), faults included
 * @param faultsByCode CWMP fault codes the phones answered RPCs with
 * @param failureReasons why sessions failed, by reason
 * @param scenario what a scenario's phones did (roams, battery warnings, SAFE alarms); empty
 *     without {@code --scenario}
 * @param sip the phones' SIP lines at the end; empty without {@code --sip}
 */
public record FleetReport(
    String acs,
    long phonesStarted,
    long phonesBooted,
    long phonesBootstrapped,
    long sessionsOk,
    long sessionsFailed,
    Map<String, Long> rpcsByMethod,
    Map<String, Long> faultsByCode,
    long transfersOk,
    long transfersFailed,
    Map<String, Long> failureReasons,
    Duration elapsed,
    Optional<ScenarioStats.Counts> scenario,
    Optional<SipLines> sip) {

  public FleetReport {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(sip, "sip");
    rpcsByMethod = Map.copyOf(rpcsByMethod);
    faultsByCode = Map.copyOf(faultsByCode);
    failureReasons = Map.copyOf(failureReasons);
  }

  /** RPCs answered, faults included. */
  public long tasksExecuted() {
    return rpcsByMethod.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Phones that never had a successful session. */
  public long phonesNeverReached() {
    return phonesStarted - phonesBooted;
  }

  /** The summary as a JSON object (keys in a fixed order, maps sorted by key). */
  public String toJson() {
    return "{\n"
        + "  \"acs\": "
        + Json.string(acs)
        + ",\n"
        + "  \"elapsedSeconds\": "
        + String.format(Locale.ROOT, "%.3f", elapsed.toMillis() / 1000.0)
        + ",\n"
        + "  \"phones\": {\"started\": "
        + phonesStarted
        + ", \"booted\": "
        + phonesBooted
        + ", \"bootstrapped\": "
        + phonesBootstrapped
        + ", \"neverReachedAcs\": "
        + phonesNeverReached()
        + "},\n"
        + "  \"sessions\": {\"ok\": "
        + sessionsOk
        + ", \"failed\": "
        + sessionsFailed
        + "},\n"
        + "  \"sessionFailures\": "
        + Json.counts(new java.util.TreeMap<>(failureReasons))
        + ",\n"
        + "  \"tasks\": {\"executed\": "
        + tasksExecuted()
        + ", \"byMethod\": "
        + Json.counts(new java.util.TreeMap<>(rpcsByMethod))
        + "},\n"
        + "  \"faults\": "
        + Json.counts(new java.util.TreeMap<>(faultsByCode))
        + ",\n"
        + "  \"transfers\": {\"ok\": "
        + transfersOk
        + ", \"failed\": "
        + transfersFailed
        + "}"
        + sip.map(s -> ",\n  \"sip\": " + s.toJson()).orElse("")
        + scenario.map(c -> ",\n  \"scenario\": " + c.toJson()).orElse("")
        + "\n"
        + "}\n";
  }

  /** The summary for people, several lines. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "sim-fleet summary after %.1f s against %s%n",
            elapsed.toMillis() / 1000.0,
            acs));
    sb.append(
        String.format(
            Locale.ROOT,
            "  phones   started %d, reached the ACS %d (%d with BOOTSTRAP), never %d%n",
            phonesStarted,
            phonesBooted,
            phonesBootstrapped,
            phonesNeverReached()));
    sb.append(
        String.format(Locale.ROOT, "  sessions ok %d, failed %d%n", sessionsOk, sessionsFailed));
    if (!failureReasons.isEmpty()) {
      sb.append("  failures ").append(list(failureReasons, "; ")).append('\n');
    }
    sb.append(String.format(Locale.ROOT, "  tasks    %d executed", tasksExecuted()));
    if (!rpcsByMethod.isEmpty()) {
      sb.append(": ").append(list(rpcsByMethod, ", "));
    }
    sb.append('\n');
    sb.append("  faults   ").append(faultsByCode.isEmpty() ? "none" : list(faultsByCode, ", "));
    sb.append('\n');
    sb.append(
        String.format(Locale.ROOT, "  transfers ok %d, failed %d%n", transfersOk, transfersFailed));
    sip.ifPresent(s -> sb.append(s.toText()));
    scenario.ifPresent(c -> sb.append(c.toText()));
    return sb.toString();
  }

  private static String list(Map<String, Long> counts, String separator) {
    return new java.util.TreeMap<>(counts)
        .entrySet().stream()
            .map(e -> e.getKey() + " ×" + e.getValue())
            .collect(Collectors.joining(separator));
  }
}
