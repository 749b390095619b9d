package io.cradle.fleet.bench;

import io.cradle.cwmp.message.DeviceId;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.param.ParameterType;
import io.cradle.fleet.run.FleetAddresses;
import java.util.HexFormat;
import java.util.List;

/**
 * One simulated Grandstream WP820 of the load generator, derived from its index alone, so that
 * every run (and every process) gives device {@code i} the same identity.
 *
 * <p>MAC {@code 000B82F00000 + index} (Grandstream's OUI, the top of its range so simulated phones
 * are easy to tell from real ones), serial number = that MAC in upper-case hex as Grandstream
 * phones report it, LAN address {@code 10.x.y.z} unique per index.
 *
 * @param index 0 to {@link BenchOptions#MAX_DEVICES} - 1
 */
public record Wp820Identity(int index) {

  public static final String MANUFACTURER = "Grandstream";
  public static final String OUI = "000B82";
  public static final String PRODUCT_CLASS = "WP820";
  public static final String HARDWARE_VERSION = "V1.2A";
  public static final String SOFTWARE_VERSION = "1.0.11.5";
  public static final long PERIODIC_INFORM_INTERVAL = 3600;

  /** The NIC-specific half of the first simulated MAC. */
  static final int MAC_BASE = 0xF00000;

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  public Wp820Identity {
    if (index < 0 || index >= BenchOptions.MAX_DEVICES) {
      throw new IllegalArgumentException(
          "device index " + index + " outside [0, " + BenchOptions.MAX_DEVICES + ")");
    }
  }

  /** The MAC as 12 upper-case hex digits, e.g. {@code 000B82F0002A}. */
  public String macHex() {
    return OUI + HEX.toHexDigits(MAC_BASE + index).substring(2);
  }

  /** The MAC as {@code 00:0B:82:F0:00:2A}. */
  public String macAddress() {
    return FleetAddresses.macAddress(Long.parseLong(macHex(), 16));
  }

  public String serialNumber() {
    return macHex();
  }

  /** {@code 10.a.b.c} with c in 1..254: unique for every index below {@code 254 * 65536}. */
  public String ipAddress() {
    int host = index % 254 + 1;
    int net = index / 254;
    return "10." + ((net >> 8) & 0xFF) + "." + (net & 0xFF) + "." + host;
  }

  public String connectionRequestUrl() {
    return "http://" + ipAddress() + ":7547/" + serialNumber();
  }

  public DeviceId deviceId() {
    return new DeviceId(MANUFACTURER, OUI, PRODUCT_CLASS, serialNumber());
  }

  /** The ParameterList of every Inform: the forced-inform parameters plus what a WP820 adds. */
  public List<ParameterValue> informParameters() {
    return List.of(
        ParameterValue.string(
            "Device.DeviceSummary",
            "Device:1.1[](Baseline:2, Time:1), VoiceService:1.0[1](Endpoint:1, SIPEndpoint:1)"),
        ParameterValue.string("Device.DeviceInfo.HardwareVersion", HARDWARE_VERSION),
        ParameterValue.string("Device.DeviceInfo.SoftwareVersion", SOFTWARE_VERSION),
        ParameterValue.string("Device.DeviceInfo.ProvisioningCode", ""),
        ParameterValue.string(
            "Device.ManagementServer.ConnectionRequestURL", connectionRequestUrl()),
        ParameterValue.string("Device.ManagementServer.ParameterKey", ""),
        new ParameterValue(
            "Device.ManagementServer.PeriodicInformInterval",
            Long.toString(PERIODIC_INFORM_INTERVAL),
            ParameterType.UNSIGNED_INT),
        ParameterValue.string("Device.LAN.IPAddress", ipAddress()),
        ParameterValue.string("Device.LAN.MACAddress", macAddress()),
        ParameterValue.string("Device.Services.VoiceService.1.VoiceProfile.1.Line.1.Status", "Up"));
  }
}
