package io.cradle.cpe.wifi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.model.DataModel;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.param.ParameterType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WifiParametersTest {

  final AccessPoint ap =
      AccessPoint.open("corp", "00:0B:86:00:00:24", Band.GHZ_5, 36, Position.of(0, 0))
          .withLoad(0.5);
  final RadioEnvironment env = new RadioEnvironment(List.of(ap), 1);
  final WifiFixture f = new WifiFixture(env, 1, WifiFixture.open("corp"));
  final DataModel model = build();

  DataModel build() {
    DataModel.Builder b = DataModel.builder(f.store);
    WifiParameters.addTo(b, f.radio);
    return b.build();
  }

  String value(String name) {
    return model.value(name).orElseThrow(() -> new AssertionError("no parameter " + name));
  }

  @Test
  void beforeAssociationTheEndPointReportsNoLink() {
    assertEquals("Down", value("Device.WiFi.Radio.1.Status"));
    assertEquals("Disabled", value("Device.WiFi.EndPoint.1.Status"));
    assertEquals("0", value("Device.WiFi.Radio.1.Channel"));
    assertEquals("", value("Device.WiFi.SSID.1.BSSID"));
    f.radio.start();
    f.position.set(Position.of(5000, 0));
    f.run(Duration.ofSeconds(1));
    assertEquals("Error", value("Device.WiFi.EndPoint.1.Status"), "on, configured, nothing heard");
    f.store.set("P7812", "");
    f.run(Duration.ofSeconds(1));
    assertEquals("Error_Misconfigured", value("Device.WiFi.EndPoint.1.Status"));
  }

  @Test
  void liveValuesShowTheCurrentLink() {
    f.position.set(WifiFixture.whereMean(env, ap, -55, -50));
    f.radio.start();
    f.run(Duration.ofSeconds(5));
    f.radio.onTraffic(100, 200);
    assertEquals("Up", value("Device.WiFi.Radio.1.Status"));
    assertEquals("5GHz", value("Device.WiFi.Radio.1.OperatingFrequencyBand"));
    assertEquals("36", value("Device.WiFi.Radio.1.Channel"));
    assertEquals("5180", value("Device.WiFi.Radio.1.X_GRANDSTREAM_Frequency"));
    assertEquals("corp", value("Device.WiFi.SSID.1.SSID"));
    assertEquals(ap.bssid(), value("Device.WiFi.SSID.1.BSSID"));
    assertEquals("Enabled", value("Device.WiFi.EndPoint.1.Status"));
    assertEquals(
        Long.toString(Math.round(f.radio.rssiDbm())),
        value("Device.WiFi.EndPoint.1.Stats.SignalStrength"));
    assertEquals("135000", value("Device.WiFi.EndPoint.1.X_GRANDSTREAM_ConnectionSpeed"));
    assertEquals(
        "67500", value("Device.WiFi.EndPoint.1.Stats.LastDataDownlinkRate"), "half loaded");
    assertEquals("100", value("Device.WiFi.SSID.1.Stats.PacketsSent"));
    assertEquals("200", value("Device.WiFi.SSID.1.Stats.PacketsReceived"));
    assertEquals("0", value("Device.WiFi.SSID.1.Stats.ErrorsSent"));
    assertEquals("10.1.0.8", value("Device.WiFi.EndPoint.1.X_GRANDSTREAM_IPAddress"));
    assertEquals("0", value("Device.WiFi.EndPoint.1.X_GRANDSTREAM_RoamCount"));
    assertFalse(
        model
            .parameter("Device.WiFi.SSID.1.Stats.PacketsSent")
            .orElseThrow()
            .activeNotifyAllowed());
    assertTrue(
        model
            .parameter("Device.WiFi.EndPoint.1.X_GRANDSTREAM_RoamCount")
            .orElseThrow()
            .activeNotifyAllowed());
  }

  @Test
  void settingsAreWritableAndLandInTheirPValues() {
    String roaming = WifiParameters.ROAMING;
    assertEquals("-70", value(roaming + "SignalThreshold"));
    assertEquals("DualBand", value("Device.WiFi.Radio.1.X_GRANDSTREAM_FrequencyBand"));
    assertEquals("true", value("Device.WiFi.Radio.1.Enable"));
    assertEquals("None", value(WifiParameters.PROFILE + "Security.ModeEnabled"));
    assertTrue(
        model
            .setParameterValues(
                List.of(
                    new ParameterValue(roaming + "SignalThreshold", "-75", ParameterType.INT),
                    new ParameterValue(roaming + "RoamingGain", "8", ParameterType.UNSIGNED_INT),
                    new ParameterValue(
                        "Device.WiFi.Radio.1.X_GRANDSTREAM_FrequencyBand",
                        "5GHz",
                        ParameterType.STRING),
                    new ParameterValue(
                        WifiParameters.PROFILE + "Security.ModeEnabled",
                        "WPA-WPA2-Personal",
                        ParameterType.STRING),
                    new ParameterValue(
                        WifiParameters.PROFILE + "Security.KeyPassphrase",
                        "k3y",
                        ParameterType.STRING)),
                "key1")
            .isOk());
    assertEquals("-75", f.store.get("P22232").orElseThrow());
    assertEquals("8", f.store.get("P99851").orElseThrow());
    assertEquals("1", f.store.get("P99850").orElseThrow());
    assertEquals("2", f.store.get("P7814").orElseThrow());
    assertEquals("", value(WifiParameters.PROFILE + "Security.KeyPassphrase"), "hidden");
    WifiSettings s = WifiSettings.from(f.store);
    assertEquals(-75, s.thresholdDbm());
    assertEquals(8, s.roamingGainDb());
    assertEquals(WifiSettings.BandSetting.GHZ_5_ONLY, s.band());
    assertEquals(Security.WPA_PSK, s.security());
    assertFalse(
        model
            .setParameterValues(
                List.of(new ParameterValue(roaming + "SignalThreshold", "-20", ParameterType.INT)),
                "k2")
            .isOk(),
        "outside −100..−30");
  }
}
