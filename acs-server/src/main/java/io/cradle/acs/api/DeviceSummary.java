package io.cradle.acs.api;

import io.cradle.acs.inventory.Device;
import java.time.Instant;
import java.util.List;

/**
 * A device as listed: identity, software, address, whether it is online now and its open alarms'
 * kinds.
 */
public record DeviceSummary(
    String deviceKey,
    String oui,
    String productClass,
    String serialNumber,
    String mac,
    String softwareVersion,
    String ipAddress,
    Instant lastInform,
    boolean online,
    List<String> tags,
    List<String> alarms) {

  static DeviceSummary of(Device d, Instant now, List<String> alarms) {
    return new DeviceSummary(
        d.deviceKey,
        d.oui,
        d.productClass,
        d.serialNumber,
        d.mac,
        d.softwareVersion,
        d.ipAddress,
        d.lastInform,
        d.isOnline(now),
        d.tags == null ? List.of() : List.of(d.tags),
        alarms);
  }
}
