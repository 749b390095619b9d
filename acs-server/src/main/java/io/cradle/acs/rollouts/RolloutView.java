package io.cradle.acs.rollouts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A rollout with its progress per wave and per device step. */
public record RolloutView(
    long id,
    String name,
    Long firmwareId,
    String firmware,
    RolloutState state,
    String stateReason,
    JsonNode selector,
    List<Integer> waves,
    String windowStart,
    String windowEnd,
    int maxConcurrent,
    double failureThreshold,
    int gateTimeoutSeconds,
    boolean autoRollback,
    Map<DeviceStep, Long> steps,
    List<WaveProgress> progress,
    List<TargetView> devices,
    Instant createdAt,
    String createdBy,
    Instant updatedAt) {

  public long total() {
    return steps.values().stream().mapToLong(Long::longValue).sum();
  }

  public long passed() {
    return steps.getOrDefault(DeviceStep.PASSED, 0L);
  }

  /** Devices that failed the health gate, rolled back or not. */
  public long failed() {
    return steps.entrySet().stream()
        .filter(e -> e.getKey().failed())
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  public long failurePercent() {
    return Math.round(failureThreshold * 100);
  }

  /** What an operator may do now, as the page's buttons. */
  public List<String> actions() {
    boolean rollbackable = steps.getOrDefault(DeviceStep.FAILED, 0L) > 0;
    List<String> actions = new java.util.ArrayList<>();
    switch (state) {
      case DRAFT -> actions.add("start");
      case RUNNING -> actions.add("pause");
      case PAUSED -> actions.add("resume");
      default -> {}
    }
    if (rollbackable && (state == RolloutState.PAUSED || state.finished())) {
      actions.add("rollback");
    }
    if (!state.finished()) {
      actions.add("abort");
    }
    return actions;
  }

  /** One wave: its share, its devices, and how many are at each step. */
  public record WaveProgress(
      int wave, int percent, long devices, long pending, long upgrading, long passed, long failed) {

    /** Judged share, 0-100, for a progress bar. */
    public long done() {
      return devices == 0 ? 100 : (passed + failed) * 100 / devices;
    }
  }

  /** One target device. */
  public record TargetView(
      String deviceKey,
      int wave,
      DeviceStep step,
      String previousVersion,
      String reason,
      Instant startedAt) {}
}
