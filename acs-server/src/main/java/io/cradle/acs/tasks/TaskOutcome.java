package io.cradle.acs.tasks;

import io.cradle.cwmp.message.AcsRequest;
import java.time.Instant;
import java.util.UUID;

/**
 * What became of a task: fired (as a synchronous CDI event, inside the transaction that stores it)
 * when a task closes, and when a fault is recorded for a task that will be tried again. Observers
 * that write (alarms, webhooks) therefore commit or roll back with the outcome itself.
 *
 * @param status the task's status after this outcome ({@code QUEUED} when a fault is retried)
 */
public record TaskOutcome(
    long taskId,
    long deviceId,
    UUID batchId,
    String kind,
    AcsRequest<?> request,
    TaskStatus status,
    int attempts,
    int maxAttempts,
    Integer faultCode,
    String faultString,
    Instant at) {

  /** Whether the device reported a fault in this outcome. */
  public boolean faulted() {
    return faultCode != null && faultCode != 0 && status != TaskStatus.DONE;
  }
}
