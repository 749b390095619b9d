package io.cradle.acs.webhooks;

import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.TaskOutcome;
import io.cradle.acs.tasks.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/** Turns finished tasks into {@code task.done} and {@code task.failed} events, in their commit. */
@ApplicationScoped
public class TaskEvents {

  /** The body's {@code data} of a task event. */
  public record TaskData(
      long taskId,
      long deviceId,
      String deviceKey,
      UUID batchId,
      String kind,
      String status,
      int attempts,
      Integer faultCode,
      String faultString,
      Instant completedAt) {}

  @Inject Webhooks webhooks;

  void onOutcome(@Observes TaskOutcome outcome) {
    EventType type;
    if (outcome.status() == TaskStatus.DONE) {
      type = EventType.TASK_DONE;
    } else if (outcome.status() == TaskStatus.FAILED) {
      type = EventType.TASK_FAILED;
    } else {
      return;
    }
    Device device = Device.findById(outcome.deviceId());
    webhooks.publish(
        type,
        new TaskData(
            outcome.taskId(),
            outcome.deviceId(),
            device == null ? null : device.deviceKey,
            outcome.batchId(),
            outcome.kind(),
            outcome.status().name(),
            outcome.attempts(),
            outcome.faultCode(),
            outcome.faultString(),
            outcome.at()),
        outcome.at());
  }
}
