package io.cradle.acs.rollouts;

import java.util.List;

/**
 * Whom a rollout would target: the devices the selector matches less those already at the image's
 * version, split into waves.
 *
 * @param otherModel targets whose product class is not the image's model: they will refuse it
 */
public record RolloutPreview(
    int matched, int alreadyAtVersion, int targets, int otherModel, List<Integer> waveSizes) {}
