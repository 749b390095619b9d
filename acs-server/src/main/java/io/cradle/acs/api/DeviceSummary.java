package io.cradle.acs.api;

import io.cradle.acs.inventory.Device;
import java.time.Instant;
import java.util.List;

/** A device as listed: identity, software, address and whether it is online now. */
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
    List<String> tags) {

  static DeviceSummary of(Device d, Instant now) {
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
        d.tags == null ? List.of() : List.of(d.tags));
  }
}
