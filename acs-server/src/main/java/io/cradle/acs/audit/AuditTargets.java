package io.cradle.acs.audit;

import java.util.List;
import java.util.UUID;

/**
 * What an audited action was done to: a kind of target, the targets' ids or keys, and every device
 * it touched (so the log can be searched by device).
 */
public record AuditTargets(String type, List<String> ids, List<Long> deviceIds) {

  public AuditTargets {
    ids = List.copyOf(ids);
    deviceIds = List.copyOf(deviceIds);
  }

  public static AuditTargets none() {
    return new AuditTargets(null, List.of(), List.of());
  }

  public static AuditTargets device(long deviceId, String deviceKey) {
    return new AuditTargets("device", List.of(deviceKey), List.of(deviceId));
  }

  public static AuditTargets task(long taskId, long deviceId) {
    return new AuditTargets("task", List.of(String.valueOf(taskId)), List.of(deviceId));
  }

  public static AuditTargets batch(UUID batchId, List<Long> deviceIds) {
    return new AuditTargets("batch", List.of(batchId.toString()), deviceIds);
  }

  public static AuditTargets user(String username) {
    return new AuditTargets("user", List.of(username), List.of());
  }

  public static AuditTargets token(long tokenId) {
    return new AuditTargets("token", List.of(String.valueOf(tokenId)), List.of());
  }
}
