package io.cradle.acs.rollouts;

import io.cradle.acs.api.Selector;
import java.util.List;

/**
 * A rollout as asked for. Defaults: waves 1, 10, 50, 100 %; no maintenance window; 50 devices at
 * once; pause above 10 % failed; 30 min to come back healthy; roll the failed devices back when the
 * gate trips. With {@code dryRun} nothing is saved and the answer says whom it would target.
 *
 * @param waves cumulative percentages of the targets, rising, ending at 100
 * @param windowStart UTC {@code HH:mm}; with {@code windowEnd}, upgrades start only in between
 * @param failureThreshold 0-1: the failed share of judged devices above which the rollout pauses
 */
public record NewRollout(
    String name,
    Long firmwareId,
    Selector selector,
    List<Integer> waves,
    String windowStart,
    String windowEnd,
    Integer maxConcurrent,
    Double failureThreshold,
    Integer gateTimeoutSeconds,
    Boolean autoRollback,
    Boolean dryRun) {}
