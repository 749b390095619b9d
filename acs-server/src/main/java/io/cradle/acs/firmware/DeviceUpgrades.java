package io.cradle.acs.firmware;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskOptions;
import io.cradle.acs.tasks.TaskQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One device upgraded by hand, outside any rollout: the images it can take (those of its model) and
 * the firmware Download of the one picked.
 */
@ApplicationScoped
public class DeviceUpgrades {

  private final TaskQueue tasks;
  private final Audit audit;
  private final Clock clock;

  @Inject
  public DeviceUpgrades(TaskQueue tasks, Audit audit, Clock clock) {
    this.tasks = tasks;
    this.audit = audit;
    this.clock = clock;
  }

  /** The repository's images for this model, newest upload first. */
  @Transactional
  public List<FirmwareView> imagesFor(String model) {
    return StoredImage.<StoredImage>list("model = ?1 order by uploadedAt desc, id desc", model)
        .stream()
        .map(FirmwareView::of)
        .toList();
  }

  /**
   * Queues the Download of image {@code imageId} for the device; an image of another model is
   * refused and nothing is queued. Audited as {@code firmware.upgrade} with the version before.
   *
   * @param base where phones fetch {@code /firmware/<file>}
   */
  @Transactional
  public Task upgrade(String actor, String deviceKey, long imageId, String base) {
    Device d =
        Device.findByKey(deviceKey)
            .orElseThrow(() -> ApiException.notFound("no device with key '" + deviceKey + "'"));
    StoredImage image =
        StoredImage.<StoredImage>findByIdOptional(imageId)
            .orElseThrow(() -> ApiException.badRequest("no firmware image with id " + imageId));
    if (!image.model.equals(d.productClass)) {
      throw ApiException.badRequest(
          image.label()
              + " is an image for the "
              + image.model
              + "; "
              + deviceKey
              + " is a "
              + d.productClass
              + " and takes only "
              + d.productClass
              + " images");
    }
    Instant now = clock.instant();
    Task task = tasks.enqueue(d.id, image.download("", base), TaskOptions.defaults(), now);
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("task", task.id);
    after.put("image", image.label());
    after.put("sha256", image.sha256);
    audit.record(
        actor,
        "firmware.upgrade",
        AuditTargets.task(task.id, d.id),
        d.softwareVersion == null ? null : Map.of("version", d.softwareVersion),
        after);
    return task;
  }
}
