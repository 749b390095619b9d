package io.cradle.cpe.model;

import java.util.Objects;

/**
 * What a phone is, fixed for one boot: reported in DeviceInfo and in the Inform DeviceId.
 *
 * @param macAddress {@code Device.LAN.MACAddress}, e.g. {@code C0:74:AD:12:34:56}
 */
public record DeviceIdentity(
    String manufacturer,
    String manufacturerOui,
    String modelName,
    String productClass,
    String serialNumber,
    String hardwareVersion,
    String softwareVersion,
    String macAddress) {

  public DeviceIdentity {
    Objects.requireNonNull(manufacturer);
    Objects.requireNonNull(manufacturerOui);
    Objects.requireNonNull(modelName);
    Objects.requireNonNull(productClass);
    Objects.requireNonNull(serialNumber);
    Objects.requireNonNull(hardwareVersion);
    Objects.requireNonNull(softwareVersion);
    Objects.requireNonNull(macAddress);
  }

  /** A Grandstream WP820 (OUI 000B82, model and product class WP820). */
  public static DeviceIdentity wp820(
      String serialNumber, String hardwareVersion, String softwareVersion, String macAddress) {
    return new DeviceIdentity(
        "Grandstream",
        "000B82",
        "WP820",
        "WP820",
        serialNumber,
        hardwareVersion,
        softwareVersion,
        macAddress);
  }
}
