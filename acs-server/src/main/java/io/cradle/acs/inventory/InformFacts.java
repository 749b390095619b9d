package io.cradle.acs.inventory;

import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.ParameterValue;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the inventory keeps from an Inform's ParameterList, read by suffix so TR-098
 * (InternetGatewayDevice.), TR-106 (Device:1) and TR-181 (Device:2) roots all work.
 */
record InformFacts(
    String softwareVersion,
    String hardwareVersion,
    String provisioningCode,
    String connectionRequestUrl,
    String parameterKey,
    Integer periodicInformInterval,
    String mac,
    String ipAddress,
    Collection<ParameterValue> parameters) {

  static InformFacts of(Inform inform) {
    // A CPE may repeat a parameter (ZTE does); the last one wins, as it would on a re-read.
    Map<String, ParameterValue> byName = new LinkedHashMap<>();
    for (ParameterValue p : inform.parameters()) {
      if (!p.name().isEmpty()) {
        byName.put(p.name(), p);
      }
    }
    return new InformFacts(
        suffix(byName, ".DeviceInfo.SoftwareVersion"),
        suffix(byName, ".DeviceInfo.HardwareVersion"),
        suffix(byName, ".DeviceInfo.ProvisioningCode"),
        suffix(byName, ".ManagementServer.ConnectionRequestURL"),
        suffix(byName, ".ManagementServer.ParameterKey"),
        integer(suffix(byName, ".ManagementServer.PeriodicInformInterval")),
        mac(suffix(byName, ".LAN.MACAddress")),
        firstNonBlank(
            suffix(byName, ".LAN.IPAddress"),
            suffix(byName, ".ExternalIPAddress"),
            suffix(byName, ".IPv4Address.1.IPAddress")),
        byName.values());
  }

  /** The PeriodicInformInterval among reported values, if there is a readable one. */
  static Integer periodicInformInterval(Collection<ParameterValue> values) {
    Integer found = null;
    for (ParameterValue p : values) {
      if (p.name().endsWith(".ManagementServer.PeriodicInformInterval")) {
        found = integer(p.value().trim());
      }
    }
    return found;
  }

  private static String suffix(Map<String, ParameterValue> byName, String suffix) {
    for (ParameterValue p : byName.values()) {
      if (p.name().endsWith(suffix)) {
        return p.value().trim();
      }
    }
    return null;
  }

  private static Integer integer(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** MACs are stored as 12 upper-case hex digits, the form Grandstream file names use. */
  static String mac(String value) {
    if (value == null) {
      return null;
    }
    String hex = value.replaceAll("[^0-9A-Fa-f]", "").toUpperCase(Locale.ROOT);
    return hex.length() == 12 ? hex : null;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
