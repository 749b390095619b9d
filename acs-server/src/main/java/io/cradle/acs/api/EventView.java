package io.cradle.acs.api;

import io.cradle.acs.inventory.DeviceEvent;
import java.time.Instant;

/** One Inform event of a device's history. */
public record EventView(Instant at, String code, String commandKey) {

  static EventView of(DeviceEvent e) {
    return new EventView(e.at, e.code, e.commandKey);
  }
}
