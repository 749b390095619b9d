package io.cradle.cpe.provision;

import java.util.Objects;

/**
 * The firmware and config file prefixes and postfixes (P232/P233/P234/P235) at the last firmware
 * check. With P238=1 ("Always Check at bootup when Firmware/Config pre/suffix changes") the boot
 * check runs only when these differ; the phone persists them across reboots.
 */
public record UpgradeNames(
    String firmwarePrefix, String firmwarePostfix, String configPrefix, String configPostfix) {

  public UpgradeNames {
    Objects.requireNonNull(firmwarePrefix, "firmwarePrefix");
    Objects.requireNonNull(firmwarePostfix, "firmwarePostfix");
    Objects.requireNonNull(configPrefix, "configPrefix");
    Objects.requireNonNull(configPostfix, "configPostfix");
  }
}
