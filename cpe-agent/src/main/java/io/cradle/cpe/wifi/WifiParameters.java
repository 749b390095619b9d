package io.cradle.cpe.wifi;

import io.cradle.cpe.model.DataModel;
import io.cradle.cpe.model.Parameter;
import io.cradle.cpe.model.Translation;
import io.cradle.cwmp.param.ParameterType;
import java.util.function.LongSupplier;

/**
 * The Wi-Fi part of the phone's TR-069 tree: TR-181 {@code Device.WiFi.} names (cwmp-digest §
 * "TR-181 Device:2 objects for a Wi-Fi phone") for what TR-181 has, {@code X_GRANDSTREAM_} names
 * for the rest of the admin guide's Network Statistics and Wi-Fi settings.
 *
 * <p>Live values read the radio's last sample and never sample themselves, so the ACS polling them
 * (value-change notification works by polling) cannot change a seeded run. Packet and error
 * counters refuse active notification (they change with every packet); passive is allowed.
 */
public final class WifiParameters {

  public static final String RADIO = "Device.WiFi.Radio.1.";
  public static final String SSID = "Device.WiFi.SSID.1.";
  public static final String END_POINT = "Device.WiFi.EndPoint.1.";
  public static final String PROFILE = END_POINT + "Profile.1.";
  public static final String ROAMING = END_POINT + "X_GRANDSTREAM_Roaming.";

  private WifiParameters() {}

  /** Adds the Wi-Fi parameters of {@code radio} to {@code b}. */
  public static void addTo(DataModel.Builder b, WifiRadio radio) {
    // Radio: on/off is the setting; band and channel are what the link uses now.
    b.add(Parameter.pvalue(RADIO + "Enable", ParameterType.BOOLEAN, "P7800", Translation.BOOLEAN));
    b.add(
        Parameter.live(
            RADIO + "Status", ParameterType.STRING, () -> radio.enabled() ? "Up" : "Down"));
    b.add(
        Parameter.live(
            RADIO + "OperatingFrequencyBand",
            ParameterType.STRING,
            () -> radio.accessPoint().map(ap -> ap.band().cwmpName()).orElse("")));
    b.add(
        Parameter.live(
            RADIO + "Channel",
            ParameterType.UNSIGNED_INT,
            () -> radio.accessPoint().map(ap -> Integer.toString(ap.channel())).orElse("0")));
    b.add(
        Parameter.live(
            RADIO + "X_GRANDSTREAM_Frequency",
            ParameterType.UNSIGNED_INT,
            () -> radio.accessPoint().map(ap -> Integer.toString(ap.frequencyMhz())).orElse("0")));
    b.add(
        Parameter.pvalue(
            RADIO + "X_GRANDSTREAM_FrequencyBand",
            ParameterType.STRING,
            "P99850",
            Translation.words("2.4GHz", "0", "5GHz", "1", "DualBand", "2")));
    b.add(
        Parameter.pvalue(
            RADIO + "X_GRANDSTREAM_ChannelMode",
            ParameterType.STRING,
            "P99853",
            Translation.words("Auto", "0", "Customize", "1")));
    b.add(Parameter.pvalue(RADIO + "X_GRANDSTREAM_CustomChannels", ParameterType.STRING, "P99854"));

    // SSID: the network joined now, and the guide's Network Statistics counters.
    b.add(
        Parameter.live(
            SSID + "Status", ParameterType.STRING, () -> radio.associated() ? "Up" : "Down"));
    b.add(
        Parameter.live(
            SSID + "SSID",
            ParameterType.STRING,
            () -> radio.accessPoint().map(AccessPoint::ssid).orElse("")));
    b.add(
        Parameter.live(
            SSID + "BSSID",
            ParameterType.STRING,
            () -> radio.accessPoint().map(AccessPoint::bssid).orElse("")));
    b.add(counter(SSID + "Stats.PacketsSent", ParameterType.UNSIGNED_LONG, radio::packetsSent));
    b.add(
        counter(
            SSID + "Stats.PacketsReceived", ParameterType.UNSIGNED_LONG, radio::packetsReceived));
    b.add(counter(SSID + "Stats.ErrorsSent", ParameterType.UNSIGNED_INT, radio::errorsSent));
    b.add(
        counter(SSID + "Stats.ErrorsReceived", ParameterType.UNSIGNED_INT, radio::errorsReceived));

    // EndPoint: the phone as a Wi-Fi client.
    b.add(Parameter.live(END_POINT + "Status", ParameterType.STRING, () -> status(radio)));
    b.add(
        Parameter.live(
            END_POINT + "Stats.SignalStrength",
            ParameterType.INT,
            () -> radio.associated() ? Long.toString(Math.round(radio.rssiDbm())) : "0"));
    b.add(
        Parameter.live(
            END_POINT + "Stats.LastDataDownlinkRate",
            ParameterType.UNSIGNED_INT,
            () -> Integer.toString(radio.downlinkRateKbps())));
    b.add(
        Parameter.live(
            END_POINT + "Stats.LastDataUplinkRate",
            ParameterType.UNSIGNED_INT,
            () -> Integer.toString(radio.connectionSpeedKbps())));
    b.add(
        Parameter.live(
            END_POINT + "X_GRANDSTREAM_ConnectionSpeed",
            ParameterType.UNSIGNED_INT,
            () -> Integer.toString(radio.connectionSpeedKbps())));
    b.add(
        Parameter.live(
            END_POINT + "X_GRANDSTREAM_IPAddress",
            ParameterType.STRING,
            () -> radio.ipAddress().orElse("")));
    b.add(
        Parameter.live(
            END_POINT + "X_GRANDSTREAM_RoamCount",
            ParameterType.UNSIGNED_INT,
            () -> Long.toString(radio.roamCount())));

    // The configured network.
    b.add(Parameter.pvalue(PROFILE + "SSID", ParameterType.STRING, "P7812"));
    b.add(
        Parameter.pvalue(
            PROFILE + "Security.ModeEnabled",
            ParameterType.STRING,
            "P7814",
            Translation.words(
                Security.OPEN.cwmpName(), "0",
                Security.WEP.cwmpName(), "1",
                Security.WPA_PSK.cwmpName(), "2",
                Security.WPA_ENTERPRISE.cwmpName(), "3")));
    b.add(
        Parameter.pvalue(PROFILE + "Security.KeyPassphrase", ParameterType.STRING, "P7830")
            .asHidden());
    b.add(
        Parameter.pvalue(
            PROFILE + "Security.X_GRANDSTREAM_EAPIdentity", ParameterType.STRING, "P99855"));

    // Roaming and signal warning (admin guide "Wi-Fi Roaming", "Wi-Fi Signal Warning").
    b.add(Parameter.pvalue(ROAMING + "SignalThreshold", ParameterType.INT, "P22232"));
    b.add(Parameter.pvalue(ROAMING + "RoamingGain", ParameterType.UNSIGNED_INT, "P99851"));
    b.add(
        Parameter.pvalue(
            ROAMING + "GoodSignalScanningInterval", ParameterType.UNSIGNED_INT, "P22230"));
    b.add(
        Parameter.pvalue(
            ROAMING + "PoorSignalScanningInterval", ParameterType.UNSIGNED_INT, "P22231"));
    b.add(
        Parameter.pvalue(
            END_POINT + "X_GRANDSTREAM_SignalWarningLevel",
            ParameterType.STRING,
            "P99852",
            Translation.words("Disabled", "0", "Poor", "1", "Fair", "2", "Good", "3")));
  }

  /**
   * TR-181 EndPoint.Status: Disabled (Wi-Fi off), Error_Misconfigured (no ESSID), Enabled
   * (associated), else Error (on, configured, but no AP to join).
   */
  static String status(WifiRadio radio) {
    if (!radio.enabled()) {
      return "Disabled";
    }
    if (radio.settings().essid().isEmpty()) {
      return "Error_Misconfigured";
    }
    return radio.associated() ? "Enabled" : "Error";
  }

  /** TR-181 counters: PacketsSent/Received are unsignedLong, ErrorsSent/Received unsignedInt. */
  private static Parameter counter(String name, ParameterType type, LongSupplier value) {
    return Parameter.live(name, type, () -> Long.toString(value.getAsLong())).denyActiveNotify();
  }
}
