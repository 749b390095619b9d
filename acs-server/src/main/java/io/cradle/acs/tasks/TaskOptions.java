package io.cradle.acs.tasks;

import java.time.Instant;
import java.util.UUID;

/**
 * How a task is run: when it expires (null: never), how many faulted attempts it gets, and the
 * batch it was created in (null for a single-device task).
 */
public record TaskOptions(Instant expiresAt, int maxAttempts, UUID batchId) {

  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  public static TaskOptions defaults() {
    return new TaskOptions(null, DEFAULT_MAX_ATTEMPTS, null);
  }

  public TaskOptions {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
  }
}
