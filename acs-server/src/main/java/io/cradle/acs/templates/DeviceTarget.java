package io.cradle.acs.templates;

import java.util.Map;

/**
 * A device a template may be rendered for: from the inventory, its provisioning profile, or both.
 * {@code deviceId} and {@code deviceKey} are null for a phone imported by CSV that has not informed
 * yet; {@code model}, {@code name}, {@code site} are empty when unknown.
 */
public record DeviceTarget(
    Long deviceId,
    String deviceKey,
    String mac,
    String serialNumber,
    String name,
    String site,
    String model,
    Map<String, String> variables,
    String configPassword) {

  public boolean inInventory() {
    return deviceId != null;
  }

  /** The MAC as file names and {@code <mac>} write it: 12 lower-case hex digits. */
  public String fileMac() {
    return mac.toLowerCase(java.util.Locale.ROOT);
  }

  /** The key shown to people: the device key once the phone informed, else its MAC. */
  public String label() {
    return deviceKey != null ? deviceKey : mac;
  }
}
