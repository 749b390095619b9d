package io.cradle.cwmp.message;

import java.util.Locale;
import java.util.Objects;

/**
 * The CPE's identity from an Inform. The OUI is kept upper-case because real CPEs send it in either
 * case while the schema (and every lookup) wants {@code [0-9A-F]{6}}.
 */
public record DeviceId(String manufacturer, String oui, String productClass, String serialNumber) {

  public DeviceId {
    manufacturer = Objects.requireNonNullElse(manufacturer, "");
    oui = Objects.requireNonNullElse(oui, "").trim().toUpperCase(Locale.ROOT);
    productClass = Objects.requireNonNullElse(productClass, "");
    serialNumber = Objects.requireNonNullElse(serialNumber, "");
  }

  /**
   * The conventional unique key {@code OUI-ProductClass-SerialNumber} (ProductClass omitted if
   * empty).
   */
  public String key() {
    return productClass.isEmpty()
        ? oui + "-" + serialNumber
        : oui + "-" + productClass + "-" + serialNumber;
  }
}
