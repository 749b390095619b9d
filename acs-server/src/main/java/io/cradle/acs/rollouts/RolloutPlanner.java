package io.cradle.acs.rollouts;

import io.cradle.acs.tasks.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rollout's decisions, pure: from the rollout, what is known of each target and the time, it
 * says which devices to judge, which to start upgrading or rolling back, and whether the rollout
 * changes state. No I/O, so every rule is tested without a server; {@link Rollouts} carries out the
 * plan.
 *
 * <p>Rules: a wave starts only when every earlier wave is judged (the health gate after each wave);
 * upgrades start only inside the maintenance window and never more than {@code maxConcurrent} at
 * once; a device passes when its upgrade is done, it reports the new version and every SIP line
 * that was registered before is registered again; it fails when the Download fails or it is not
 * healthy within the gate timeout. When the failed share of the devices judged since the last
 * resume exceeds the threshold, the rollout pauses, or rolls the failed devices back first.
 */
public final class RolloutPlanner {

  private RolloutPlanner() {}

  /** The rollout's settings and state. */
  public record Campaign(
      RolloutState state,
      String targetVersion,
      List<Integer> waves,
      Optional<MaintenanceWindow> window,
      int maxConcurrent,
      double failureThreshold,
      Duration gateTimeout,
      boolean autoRollback,
      RolloutState afterRollback,
      int baseFailed,
      int baseJudged) {}

  /** How the task of a device's current step stands in the task queue. */
  public record Transfer(TaskStatus status, Integer faultCode, String faultString) {}

  /**
   * One target device and what the inventory says of it now.
   *
   * @param transfer the Download of the step under way; null if none
   * @param registeredBefore Line.Status parameters that were {@code Up} when its upgrade started
   * @param registeredNow Line.Status parameters {@code Up} in its last report
   * @param previousImageStored the repository has an image of {@code previousVersion} for its model
   */
  public record Target(
      long deviceId,
      int wave,
      DeviceStep step,
      Instant startedAt,
      Transfer transfer,
      String reportedVersion,
      Instant lastInform,
      Set<String> registeredBefore,
      Set<String> registeredNow,
      String previousVersion,
      boolean previousImageStored) {}

  /** Something to do to one device. */
  public sealed interface Action {
    long deviceId();
  }

  /** Queue the Download of the rollout's image. */
  public record StartUpgrade(long deviceId) implements Action {}

  /** Queue the Download of the image it ran before. */
  public record StartRollback(long deviceId) implements Action {}

  /** The device's step is decided. */
  public record Verdict(long deviceId, DeviceStep step, String reason) implements Action {}

  /** The rollout moves to another state. */
  public record Transition(RolloutState to, String reason) {}

  /** A wave whose last device was judged in this step (1-based, as operators count them). */
  public record WaveResult(int wave, long passed, long failed) {}

  /**
   * @param completedWaves the waves this plan's verdicts complete, in order
   */
  public record Plan(
      List<Action> actions, Optional<Transition> transition, List<WaveResult> completedWaves) {}

  /** Where a rollback started in {@code from} ends: a running rollout stops to be looked at. */
  public static RolloutState afterRollbackFrom(RolloutState from) {
    return from == RolloutState.RUNNING || from == RolloutState.ROLLING_BACK
        ? RolloutState.PAUSED
        : from;
  }

  public static Plan plan(Campaign c, List<Target> targets, Instant now) {
    List<Action> actions = new ArrayList<>();
    if (c.state() == RolloutState.DRAFT || c.state().finished()) {
      return new Plan(actions, Optional.empty(), List.of());
    }
    Map<Long, DeviceStep> steps = new HashMap<>();
    for (Target t : targets) {
      steps.put(t.deviceId(), t.step());
      Optional<Verdict> verdict =
          switch (t.step()) {
            case UPGRADING -> judgeUpgrade(c, t, now);
            case ROLLING_BACK -> judgeRollback(c, t, now);
            default -> Optional.empty();
          };
      verdict.ifPresent(
          v -> {
            actions.add(v);
            steps.put(v.deviceId(), v.step());
          });
    }
    Optional<Transition> transition =
        switch (c.state()) {
          case RUNNING -> advance(c, targets, steps, now, actions);
          case ROLLING_BACK -> rollBack(c, targets, steps, actions);
          default -> Optional.empty();
        };
    return new Plan(actions, transition, completedWaves(targets, steps));
  }

  /** Waves with an unjudged device before this step and none after it. */
  private static List<WaveResult> completedWaves(
      List<Target> targets, Map<Long, DeviceStep> after) {
    Map<Integer, List<Target>> byWave = new TreeMap<>();
    for (Target t : targets) {
      byWave.computeIfAbsent(t.wave(), w -> new ArrayList<>()).add(t);
    }
    List<WaveResult> completed = new ArrayList<>();
    byWave.forEach(
        (wave, members) -> {
          boolean wasOpen = members.stream().anyMatch(t -> !t.step().judged());
          boolean isDone = members.stream().allMatch(t -> after.get(t.deviceId()).judged());
          if (wasOpen && isDone) {
            long failed = members.stream().filter(t -> after.get(t.deviceId()).failed()).count();
            completed.add(new WaveResult(wave + 1, members.size() - failed, failed));
          }
        });
    return completed;
  }

  private static Optional<Transition> advance(
      Campaign c,
      List<Target> targets,
      Map<Long, DeviceStep> steps,
      Instant now,
      List<Action> out) {
    Optional<Transition> gate = failureGate(c, steps);
    if (gate.isPresent() && gate.get().to() == RolloutState.ROLLING_BACK) {
      // The rollbacks start in this same step; if none can, the rollout just pauses.
      Optional<Transition> nothingToWaitFor = rollBack(c, targets, steps, out);
      return Optional.of(
          nothingToWaitFor.isEmpty()
              ? gate.get()
              : new Transition(
                  afterRollbackFrom(c.state()),
                  gate.get().reason() + "; " + nothingToWaitFor.get().reason()));
    }
    if (gate.isPresent()) {
      return gate;
    }
    Optional<Integer> wave =
        targets.stream()
            .filter(t -> !steps.get(t.deviceId()).judged())
            .map(Target::wave)
            .min(Integer::compare);
    if (wave.isEmpty()) {
      long failed = steps.values().stream().filter(DeviceStep::failed).count();
      return Optional.of(
          new Transition(
              RolloutState.COMPLETED,
              "all "
                  + steps.size()
                  + " devices judged: "
                  + (steps.size() - failed)
                  + " passed, "
                  + failed
                  + " failed"));
    }
    if (c.window().isPresent() && !c.window().get().contains(now)) {
      return Optional.empty();
    }
    long inFlight = steps.values().stream().filter(s -> s == DeviceStep.UPGRADING).count();
    for (Target t : sorted(targets)) {
      if (inFlight >= c.maxConcurrent()) {
        break;
      }
      if (t.wave() == wave.get() && steps.get(t.deviceId()) == DeviceStep.PENDING) {
        out.add(new StartUpgrade(t.deviceId()));
        steps.put(t.deviceId(), DeviceStep.UPGRADING);
        inFlight++;
      }
    }
    return Optional.empty();
  }

  /** Pauses (or rolls back) when too many of the devices judged since the last resume failed. */
  private static Optional<Transition> failureGate(Campaign c, Map<Long, DeviceStep> steps) {
    long judged = steps.values().stream().filter(DeviceStep::judged).count() - c.baseJudged();
    long failed = steps.values().stream().filter(DeviceStep::failed).count() - c.baseFailed();
    if (judged <= 0 || (double) failed / judged <= c.failureThreshold()) {
      return Optional.empty();
    }
    String reason =
        "failure gate: %d of %d devices judged failed (%s > %s)"
            .formatted(
                failed, judged, percent((double) failed / judged), percent(c.failureThreshold()));
    return Optional.of(
        new Transition(c.autoRollback() ? RolloutState.ROLLING_BACK : RolloutState.PAUSED, reason));
  }

  private static Optional<Transition> rollBack(
      Campaign c, List<Target> targets, Map<Long, DeviceStep> steps, List<Action> out) {
    long inFlight = steps.values().stream().filter(s -> s == DeviceStep.ROLLING_BACK).count();
    for (Target t : sorted(targets)) {
      if (steps.get(t.deviceId()) != DeviceStep.FAILED) {
        continue;
      }
      if (t.previousVersion() == null || !t.previousImageStored()) {
        String reason =
            t.previousVersion() == null
                ? "its previous version is not known"
                : "the repository has no image of its previous version " + t.previousVersion();
        out.add(new Verdict(t.deviceId(), DeviceStep.ROLLBACK_FAILED, reason));
        steps.put(t.deviceId(), DeviceStep.ROLLBACK_FAILED);
      } else if (inFlight < c.maxConcurrent()) {
        out.add(new StartRollback(t.deviceId()));
        steps.put(t.deviceId(), DeviceStep.ROLLING_BACK);
        inFlight++;
      }
    }
    boolean busy =
        steps.values().stream()
            .anyMatch(
                s ->
                    s == DeviceStep.FAILED
                        || s == DeviceStep.ROLLING_BACK
                        || s == DeviceStep.UPGRADING);
    if (busy) {
      return Optional.empty();
    }
    long rolledBack = steps.values().stream().filter(s -> s == DeviceStep.ROLLED_BACK).count();
    long notRolledBack =
        steps.values().stream().filter(s -> s == DeviceStep.ROLLBACK_FAILED).count();
    return Optional.of(
        new Transition(
            c.afterRollback(),
            "rollback done: " + rolledBack + " rolled back, " + notRolledBack + " could not be"));
  }

  private static Optional<Verdict> judgeUpgrade(Campaign c, Target t, Instant now) {
    Optional<String> refused = refusal(t.transfer());
    if (refused.isPresent()) {
      return fail(t, DeviceStep.FAILED, refused.get());
    }
    Optional<String> problem =
        t.transfer() != null && t.transfer().status() == TaskStatus.DONE
            ? unhealthy(t, c.targetVersion(), true)
            : Optional.of("did not come back (download " + transferState(t) + ")");
    if (problem.isEmpty()) {
      return Optional.of(
          new Verdict(t.deviceId(), DeviceStep.PASSED, "reports " + c.targetVersion()));
    }
    return timedOut(c, t, now)
        ? fail(t, DeviceStep.FAILED, problem.get() + " within " + readable(c.gateTimeout()))
        : Optional.empty();
  }

  private static Optional<Verdict> judgeRollback(Campaign c, Target t, Instant now) {
    Optional<String> refused = refusal(t.transfer());
    if (refused.isPresent()) {
      return fail(t, DeviceStep.ROLLBACK_FAILED, "rollback " + refused.get());
    }
    Optional<String> problem =
        t.transfer() != null && t.transfer().status() == TaskStatus.DONE
            ? unhealthy(t, t.previousVersion(), false)
            : Optional.of("did not come back (download " + transferState(t) + ")");
    if (problem.isEmpty()) {
      return Optional.of(
          new Verdict(
              t.deviceId(), DeviceStep.ROLLED_BACK, "reports " + t.previousVersion() + " again"));
    }
    return timedOut(c, t, now)
        ? fail(
            t,
            DeviceStep.ROLLBACK_FAILED,
            "rollback: " + problem.get() + " within " + readable(c.gateTimeout()))
        : Optional.empty();
  }

  /** Why the Download ended without the file applied; empty while it may still succeed. */
  private static Optional<String> refusal(Transfer x) {
    if (x == null) {
      return Optional.empty();
    }
    return switch (x.status()) {
      case FAILED, EXPIRED, CANCELLED ->
          Optional.of(
              x.faultCode() == null
                  ? "download " + x.status()
                  : "download failed: fault " + x.faultCode() + " " + x.faultString());
      default -> Optional.empty();
    };
  }

  /** What is still wrong with a device whose Download is done; empty when healthy. */
  private static Optional<String> unhealthy(Target t, String version, boolean checkLines) {
    if (!version.equals(t.reportedVersion())) {
      return Optional.of("reports " + t.reportedVersion() + ", not " + version);
    }
    if (t.lastInform() == null
        || (t.startedAt() != null && t.lastInform().isBefore(t.startedAt()))) {
      return Optional.of("has not informed since its download");
    }
    Set<String> missing = new TreeSet<>(t.registeredBefore());
    missing.removeAll(t.registeredNow());
    if (checkLines && !missing.isEmpty()) {
      return Optional.of("SIP line(s) not registered again: " + String.join(", ", missing));
    }
    return Optional.empty();
  }

  private static String transferState(Target t) {
    return t.transfer() == null ? "not queued" : t.transfer().status().name();
  }

  private static boolean timedOut(Campaign c, Target t, Instant now) {
    return t.startedAt() == null || !now.isBefore(t.startedAt().plus(c.gateTimeout()));
  }

  private static Optional<Verdict> fail(Target t, DeviceStep step, String reason) {
    return Optional.of(new Verdict(t.deviceId(), step, reason));
  }

  private static List<Target> sorted(List<Target> targets) {
    return targets.stream()
        .sorted(Comparator.comparingInt(Target::wave).thenComparingLong(Target::deviceId))
        .toList();
  }

  static String percent(double ratio) {
    return Math.round(ratio * 1000) / 10.0 + " %";
  }

  /** "90 s", "30 min", "2 h": how an operator reads a gate timeout. */
  static String readable(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + " s";
    }
    return s < 7200 ? s / 60 + " min" : s / 3600 + " h";
  }
}
