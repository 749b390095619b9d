package io.cradle.fleet.run;

import io.cradle.fleet.scenario.ScenarioStats;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fleet's running counts, written by every phone's scheduler thread at once (hence adders and
 * concurrent maps), read by the progress line and the final {@link FleetReport}.
 */
public final class FleetStats {

  /** Distinct failure reasons kept; later new ones are counted under {@code other}. */
  static final int MAX_REASONS = 20;

  private static final int REASON_LENGTH = 100;

  final LongAdder phonesBooted = new LongAdder();
  final LongAdder phonesBootstrapped = new LongAdder();
  final LongAdder sessionsOk = new LongAdder();
  final LongAdder sessionsFailed = new LongAdder();
  final LongAdder transfersOk = new LongAdder();
  final LongAdder transfersFailed = new LongAdder();
  private final Map<Integer, LongAdder> faults = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> rpcs = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

  void rpcAnswered(String method, int faultCode) {
    rpcs.computeIfAbsent(method, k -> new LongAdder()).increment();
    if (faultCode != 0) {
      faults.computeIfAbsent(faultCode, k -> new LongAdder()).increment();
    }
  }

  void transferCompleted(int faultCode) {
    (faultCode == 0 ? transfersOk : transfersFailed).increment();
  }

  void sessionFailed(String reason) {
    sessionsFailed.increment();
    String key = reason == null || reason.isBlank() ? "unknown" : reason.strip();
    if (key.length() > REASON_LENGTH) {
      key = key.substring(0, REASON_LENGTH) + "…";
    }
    LongAdder counter = failures.get(key);
    if (counter == null) {
      counter =
          failures.size() >= MAX_REASONS
              ? failures.computeIfAbsent("other", k -> new LongAdder())
              : failures.computeIfAbsent(key, k -> new LongAdder());
    }
    counter.increment();
  }

  /** Phones with at least one successful session. */
  public long phonesBooted() {
    return phonesBooted.sum();
  }

  public long sessionsOk() {
    return sessionsOk.sum();
  }

  public long sessionsFailed() {
    return sessionsFailed.sum();
  }

  /** RPCs the phones answered, faults included. */
  public long rpcsAnswered() {
    return rpcs.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long faults() {
    return faults.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /**
   * What the counts are now, with the scenario's when a scenario runs and the SIP lines when the
   * phones have SIP.
   */
  public FleetReport snapshot(
      String acs,
      int phonesStarted,
      Duration elapsed,
      Optional<ScenarioStats.Counts> scenario,
      Optional<SipLines> sip) {
    Map<String, Long> faultCounts = new TreeMap<>();
    faults.forEach((code, n) -> faultCounts.put(Integer.toString(code), n.sum()));
    return new FleetReport(
        acs,
        phonesStarted,
        phonesBooted.sum(),
        phonesBootstrapped.sum(),
        sessionsOk.sum(),
        sessionsFailed.sum(),
        sorted(rpcs),
        faultCounts,
        transfersOk.sum(),
        transfersFailed.sum(),
        sorted(failures),
        elapsed,
        scenario,
        sip);
  }

  private static Map<String, Long> sorted(Map<String, LongAdder> counters) {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, n) -> out.put(k, n.sum()));
    return out;
  }
}
