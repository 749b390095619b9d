package io.cradle.acs.api;

import io.cradle.acs.inventory.DeviceParameter;
import java.time.Instant;

/** The last value a device reported for one parameter. */
public record ParameterView(
    String name, String value, String type, Boolean writable, Instant changedAt) {

  static ParameterView of(DeviceParameter p) {
    return new ParameterView(p.name, p.value, p.type, p.writable, p.changedAt);
  }
}
