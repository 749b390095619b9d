package io.cradle.acs.api;

import java.util.List;

/**
 * Which devices a batch is for: every given criterion must match. {@code query} is a serial number,
 * MAC or device key substring; {@code devices} a list of device keys (a ticked selection). An empty
 * selector is refused unless {@code all} is true, so that a forgotten field cannot reboot the
 * fleet.
 */
public record Selector(
    String tag,
    String productClass,
    String softwareVersion,
    String query,
    Boolean online,
    Boolean alarm,
    List<String> devices,
    Boolean all) {

  public DeviceFilter filter() {
    return new DeviceFilter(query, online, tag, productClass, softwareVersion, alarm, devices);
  }
}
