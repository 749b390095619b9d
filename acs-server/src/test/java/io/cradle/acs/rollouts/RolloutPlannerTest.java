package io.cradle.acs.rollouts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.rollouts.RolloutPlanner.Action;
import io.cradle.acs.rollouts.RolloutPlanner.Campaign;
import io.cradle.acs.rollouts.RolloutPlanner.Plan;
import io.cradle.acs.rollouts.RolloutPlanner.StartRollback;
import io.cradle.acs.rollouts.RolloutPlanner.StartUpgrade;
import io.cradle.acs.rollouts.RolloutPlanner.Target;
import io.cradle.acs.rollouts.RolloutPlanner.Transfer;
import io.cradle.acs.rollouts.RolloutPlanner.Transition;
import io.cradle.acs.rollouts.RolloutPlanner.Verdict;
import io.cradle.acs.tasks.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolloutPlannerTest {

  private static final String NEW = "1.0.9.3";
  private static final String OLD = "1.0.7.81";
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Duration GATE = Duration.ofMinutes(10);
  private static final String LINE1 = "Device.Services.VoiceService.1.VoiceProfile.1.Line.1.Status";

  private static Campaign campaign(RolloutState state) {
    return new Campaign(
        state,
        NEW,
        List.of(10, 50, 100),
        Optional.empty(),
        2,
        0.25,
        GATE,
        true,
        RolloutState.PAUSED,
        0,
        0);
  }

  private static Target pending(long id, int wave) {
    return new Target(
        id, wave, DeviceStep.PENDING, null, null, OLD, NOW, Set.of(), Set.of(), null, false);
  }

  private static Target upgrading(long id, int wave, TaskStatus status, String reports) {
    return new Target(
        id,
        wave,
        DeviceStep.UPGRADING,
        NOW.minusSeconds(60),
        new Transfer(status, null, null),
        reports,
        NOW.minusSeconds(5),
        Set.of(),
        Set.of(),
        OLD,
        true);
  }

  private static Target judged(long id, int wave, DeviceStep step) {
    return new Target(
        id, wave, step, NOW.minusSeconds(600), null, OLD, NOW, Set.of(), Set.of(), OLD, true);
  }

  private static List<Long> started(Plan plan) {
    return plan.actions().stream()
        .filter(a -> a instanceof StartUpgrade)
        .map(Action::deviceId)
        .toList();
  }

  private static Verdict verdictFor(Plan plan, long id) {
    return plan.actions().stream()
        .filter(a -> a instanceof Verdict && a.deviceId() == id)
        .map(a -> (Verdict) a)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no verdict for " + id + " in " + plan));
  }

  @Test
  void theFirstWaveStartsUpToTheConcurrencyLimitAndLaterWavesWait() {
    List<Target> targets = List.of(pending(1, 0), pending(2, 0), pending(3, 0), pending(4, 1));
    Plan plan = RolloutPlanner.plan(campaign(RolloutState.RUNNING), targets, NOW);
    assertEquals(List.of(1L, 2L), started(plan));
    assertEquals(Optional.empty(), plan.transition());
  }

  @Test
  void inFlightUpgradesTakeSlots() {
    List<Target> targets =
        List.of(upgrading(1, 0, TaskStatus.SENT, OLD), pending(2, 0), pending(3, 0));
    Plan plan = RolloutPlanner.plan(campaign(RolloutState.RUNNING), targets, NOW);
    assertEquals(List.of(2L), started(plan));
  }

  @Test
  void theNextWaveStartsOnlyOnceTheCurrentOneIsJudged() {
    List<Target> waiting =
        List.of(
            judged(1, 0, DeviceStep.PASSED), upgrading(2, 0, TaskStatus.SENT, OLD), pending(3, 1));
    assertEquals(
        List.of(), started(RolloutPlanner.plan(campaign(RolloutState.RUNNING), waiting, NOW)));

    List<Target> gatePassed =
        List.of(judged(1, 0, DeviceStep.PASSED), judged(2, 0, DeviceStep.PASSED), pending(3, 1));
    assertEquals(
        List.of(3L), started(RolloutPlanner.plan(campaign(RolloutState.RUNNING), gatePassed, NOW)));
  }

  @Test
  void aDeviceThatCameBackWithTheNewVersionPassesAndOneThatReportsTheOldOneWaits() {
    Plan plan =
        RolloutPlanner.plan(
            campaign(RolloutState.RUNNING),
            List.of(upgrading(1, 0, TaskStatus.DONE, NEW), upgrading(2, 0, TaskStatus.DONE, OLD)),
            NOW);
    assertEquals(DeviceStep.PASSED, verdictFor(plan, 1).step());
    assertTrue(plan.actions().stream().noneMatch(a -> a.deviceId() == 2), plan.toString());
  }

  @Test
  void aDeviceWhoseLinesDoNotRegisterAgainFailsAtTheGateTimeout() {
    Target lineDown =
        new Target(
            1,
            0,
            DeviceStep.UPGRADING,
            NOW.minus(GATE),
            new Transfer(TaskStatus.DONE, null, null),
            NEW,
            NOW,
            Set.of(LINE1),
            Set.of(),
            OLD,
            true);
    Verdict v =
        verdictFor(RolloutPlanner.plan(campaign(RolloutState.PAUSED), List.of(lineDown), NOW), 1);
    assertEquals(DeviceStep.FAILED, v.step());
    assertTrue(v.reason().contains("SIP line(s) not registered again: " + LINE1), v.reason());

    Target lineBack =
        new Target(
            1,
            0,
            DeviceStep.UPGRADING,
            NOW.minusSeconds(5),
            new Transfer(TaskStatus.DONE, null, null),
            NEW,
            NOW,
            Set.of(LINE1),
            Set.of(LINE1),
            OLD,
            true);
    assertEquals(
        DeviceStep.PASSED,
        verdictFor(RolloutPlanner.plan(campaign(RolloutState.PAUSED), List.of(lineBack), NOW), 1)
            .step());
  }

  @Test
  void aRefusedImageFailsAtOnceWithTheFault() {
    Target refused =
        new Target(
            1,
            0,
            DeviceStep.UPGRADING,
            NOW.minusSeconds(5),
            new Transfer(
                TaskStatus.FAILED,
                9010,
                "Download failure: image is for WP820, this phone is WP810"),
            OLD,
            NOW,
            Set.of(),
            Set.of(),
            OLD,
            true);
    Verdict v =
        verdictFor(
            RolloutPlanner.plan(
                campaign(RolloutState.RUNNING), List.of(refused, pending(2, 1)), NOW),
            1);
    assertEquals(DeviceStep.FAILED, v.step());
    assertTrue(v.reason().contains("fault 9010"), v.reason());
  }

  @Test
  void aDeviceThatNeverComesBackFailsOnlyAfterTheGateTimeout() {
    Target silent = upgrading(1, 0, TaskStatus.QUEUED, OLD);
    Plan early = RolloutPlanner.plan(campaign(RolloutState.RUNNING), List.of(silent), NOW);
    assertTrue(early.actions().isEmpty(), early.toString());

    Plan late =
        RolloutPlanner.plan(campaign(RolloutState.RUNNING), List.of(silent), NOW.plus(GATE));
    Verdict v = verdictFor(late, 1);
    assertEquals(DeviceStep.FAILED, v.step());
    assertEquals("did not come back (download QUEUED) within 10 min", v.reason());
  }

  @Test
  void theFailureGateRollsBackWhenTheFailedShareExceedsTheThreshold() {
    // 1 of 4 failed is 25 %: at the threshold, not above it
    List<Target> atThreshold =
        new ArrayList<>(
            List.of(
                judged(1, 0, DeviceStep.PASSED),
                judged(2, 0, DeviceStep.PASSED),
                judged(3, 0, DeviceStep.PASSED),
                judged(4, 0, DeviceStep.FAILED),
                pending(5, 1)));
    Plan going = RolloutPlanner.plan(campaign(RolloutState.RUNNING), atThreshold, NOW);
    assertEquals(Optional.empty(), going.transition());
    assertEquals(List.of(5L), started(going));

    atThreshold.set(3, judged(4, 0, DeviceStep.PASSED));
    atThreshold.set(2, upgrading(3, 0, TaskStatus.FAILED, OLD));
    atThreshold.add(judged(6, 0, DeviceStep.FAILED));
    Plan tripped = RolloutPlanner.plan(campaign(RolloutState.RUNNING), atThreshold, NOW);
    Transition t = tripped.transition().orElseThrow();
    assertEquals(RolloutState.ROLLING_BACK, t.to());
    assertEquals("failure gate: 2 of 5 devices judged failed (40.0 % > 25.0 %)", t.reason());
    assertEquals(List.of(), started(tripped), "no new upgrades once the gate trips");
    assertTrue(
        tripped.actions().containsAll(List.of(new StartRollback(3), new StartRollback(6))),
        "the failed devices' rollbacks start at once: " + tripped);
  }

  @Test
  void withoutAutomaticRollbackTheGatePausesAndAResumeWeighsOnlyNewFailures() {
    Campaign noRollback =
        new Campaign(
            RolloutState.RUNNING,
            NEW,
            List.of(50, 100),
            Optional.empty(),
            5,
            0.25,
            GATE,
            false,
            RolloutState.PAUSED,
            0,
            0);
    List<Target> targets =
        List.of(judged(1, 0, DeviceStep.FAILED), judged(2, 0, DeviceStep.PASSED), pending(3, 1));
    assertEquals(
        RolloutState.PAUSED,
        RolloutPlanner.plan(noRollback, targets, NOW).transition().orElseThrow().to());

    Campaign resumed =
        new Campaign(
            RolloutState.RUNNING,
            NEW,
            List.of(50, 100),
            Optional.empty(),
            5,
            0.25,
            GATE,
            false,
            RolloutState.PAUSED,
            1,
            2);
    Plan plan = RolloutPlanner.plan(resumed, targets, NOW);
    assertEquals(Optional.empty(), plan.transition());
    assertEquals(List.of(3L), started(plan));
  }

  @Test
  void rollbackSendsThePreviousImageAndEndsWhereTheRolloutWas() {
    Target noImage =
        new Target(
            2, 0, DeviceStep.FAILED, NOW, null, NEW, NOW, Set.of(), Set.of(), "1.0.1.1", false);
    List<Target> targets =
        List.of(judged(1, 0, DeviceStep.FAILED), noImage, judged(3, 0, DeviceStep.PASSED));
    Plan plan = RolloutPlanner.plan(campaign(RolloutState.ROLLING_BACK), targets, NOW);
    assertTrue(plan.actions().contains(new StartRollback(1)), plan.toString());
    Verdict v = verdictFor(plan, 2);
    assertEquals(DeviceStep.ROLLBACK_FAILED, v.step());
    assertTrue(v.reason().contains("no image of its previous version 1.0.1.1"), v.reason());
    assertEquals(Optional.empty(), plan.transition(), "device 1 is still rolling back");

    Target back =
        new Target(
            1,
            0,
            DeviceStep.ROLLING_BACK,
            NOW.minusSeconds(5),
            new Transfer(TaskStatus.DONE, null, null),
            OLD,
            NOW,
            Set.of(),
            Set.of(),
            OLD,
            true);
    Target gaveUp =
        new Target(
            2,
            0,
            DeviceStep.ROLLBACK_FAILED,
            NOW,
            null,
            NEW,
            NOW,
            Set.of(),
            Set.of(),
            "1.0.1.1",
            false);
    Plan done =
        RolloutPlanner.plan(
            campaign(RolloutState.ROLLING_BACK),
            List.of(back, gaveUp, judged(3, 0, DeviceStep.PASSED)),
            NOW);
    assertEquals(DeviceStep.ROLLED_BACK, verdictFor(done, 1).step());
    Transition t = done.transition().orElseThrow();
    assertEquals(RolloutState.PAUSED, t.to());
    assertEquals("rollback done: 1 rolled back, 1 could not be", t.reason());
  }

  @Test
  void everythingJudgedCompletesTheRollout() {
    List<Target> targets =
        List.of(
            judged(1, 0, DeviceStep.PASSED),
            judged(2, 1, DeviceStep.PASSED),
            judged(3, 2, DeviceStep.PASSED));
    Transition t =
        RolloutPlanner.plan(campaign(RolloutState.RUNNING), targets, NOW)
            .transition()
            .orElseThrow();
    assertEquals(RolloutState.COMPLETED, t.to());
    assertEquals("all 3 devices judged: 3 passed, 0 failed", t.reason());
  }

  @Test
  void outsideTheMaintenanceWindowNothingStartsButInFlightDevicesAreStillJudged() {
    Campaign nightly =
        new Campaign(
            RolloutState.RUNNING,
            NEW,
            List.of(100),
            Optional.of(new MaintenanceWindow(LocalTime.of(22, 0), LocalTime.of(5, 0))),
            5,
            0.5,
            GATE,
            true,
            RolloutState.PAUSED,
            0,
            0);
    List<Target> targets = List.of(upgrading(1, 0, TaskStatus.DONE, NEW), pending(2, 0));
    Plan noon = RolloutPlanner.plan(nightly, targets, NOW);
    assertEquals(List.of(), started(noon));
    assertEquals(DeviceStep.PASSED, verdictFor(noon, 1).step());
    assertEquals(
        List.of(2L),
        started(RolloutPlanner.plan(nightly, targets, Instant.parse("2026-11-26T23:30:00Z"))));
    assertEquals(
        List.of(2L),
        started(RolloutPlanner.plan(nightly, targets, Instant.parse("2026-11-27T04:59:00Z"))));
  }

  @Test
  void draftsAndFinishedRolloutsPlanNothing() {
    for (RolloutState s :
        List.of(RolloutState.DRAFT, RolloutState.COMPLETED, RolloutState.ABORTED)) {
      Plan plan =
          RolloutPlanner.plan(
              campaign(s), List.of(pending(1, 0), upgrading(2, 0, TaskStatus.DONE, NEW)), NOW);
      assertEquals(new Plan(List.of(), Optional.empty(), List.of()), plan, s.name());
    }
  }

  @Test
  void aWaveIsCompletedInTheStepThatJudgesItsLastDevice() {
    List<Target> lastOneComes =
        List.of(
            judged(1, 0, DeviceStep.FAILED),
            upgrading(2, 0, TaskStatus.DONE, NEW),
            upgrading(3, 1, TaskStatus.SENT, OLD),
            pending(4, 1));
    Plan plan = RolloutPlanner.plan(campaign(RolloutState.RUNNING), lastOneComes, NOW);
    assertEquals(List.of(new RolloutPlanner.WaveResult(1, 1, 1)), plan.completedWaves());

    List<Target> alreadyDone =
        List.of(
            judged(1, 0, DeviceStep.FAILED),
            judged(2, 0, DeviceStep.PASSED),
            upgrading(3, 1, TaskStatus.SENT, OLD));
    assertEquals(
        List.of(),
        RolloutPlanner.plan(campaign(RolloutState.RUNNING), alreadyDone, NOW).completedWaves(),
        "told once, in the step that completed it");
  }

  @Test
  void wavesSplitTargetsByCumulativePercentWithACanaryOfAtLeastOne() {
    assertEquals(List.of(1, 0, 2, 3), Waves.sizes(6, List.of(1, 10, 50, 100)));
    assertEquals(List.of(0, 2, 2, 3, 3, 3), Waves.assign(6, List.of(1, 10, 50, 100)));
    assertEquals(List.of(10, 90, 400, 500), Waves.sizes(1000, List.of(1, 10, 50, 100)));
    assertEquals(Optional.empty(), Waves.check(List.of(1, 10, 50, 100)));
    assertTrue(Waves.check(List.of(10, 5, 100)).isPresent());
    assertTrue(Waves.check(List.of(10, 50)).orElseThrow().contains("last wave must be 100"));
    assertTrue(Waves.check(List.of(0, 100)).isPresent());
  }
}
