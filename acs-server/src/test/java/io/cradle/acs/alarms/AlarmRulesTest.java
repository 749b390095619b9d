package io.cradle.acs.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cwmp.message.ParameterValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlarmRulesTest {

  private static final String L1 = "Device.Services.VoiceService.1.VoiceProfile.1.Line.1.";
  private static final String L2 = "Device.Services.VoiceService.1.VoiceProfile.2.Line.1.";
  private static final String RSSI = "Device.WiFi.EndPoint.1.Stats.SignalStrength";

  private static AlarmRules.Condition only(List<AlarmRules.Condition> conditions, AlarmKind kind) {
    List<AlarmRules.Condition> of = conditions.stream().filter(c -> c.kind() == kind).toList();
    assertEquals(1, of.size(), conditions.toString());
    return of.get(0);
  }

  @Test
  void anEnabledLineThatIsNotUpIsUnregistered() {
    AlarmRules.Condition c =
        only(
            AlarmRules.conditions(
                Map.of(L1 + "Status", "Up", L1 + "Enable", "Enabled", L2 + "Status", "Error"), -80),
            AlarmKind.SIP_UNREGISTERED);
    assertTrue(c.holds());
    assertEquals("not registered: VoiceProfile 2 Line 1 Error", c.detail());
  }

  @Test
  void upDisabledOrSwitchedOffLinesAreFine() {
    assertFalse(
        only(
                AlarmRules.conditions(
                    Map.of(
                        L1 + "Status",
                        "Up",
                        L2 + "Status",
                        "Disabled",
                        "InternetGatewayDevice.Services.VoiceService.1.VoiceProfile.3.Line.1.Status",
                        "Registering",
                        "InternetGatewayDevice.Services.VoiceService.1.VoiceProfile.3.Line.1.Enable",
                        "Disabled"),
                    -80),
                AlarmKind.SIP_UNREGISTERED)
            .holds());
  }

  @Test
  void withoutLineOrSignalValuesNothingIsSaid() {
    assertTrue(AlarmRules.conditions(Map.of("Device.LAN.IPAddress", "10.0.0.1"), -80).isEmpty());
    assertFalse(
        AlarmRules.touchesConditions(
            List.of(ParameterValue.string("Device.DeviceInfo.SoftwareVersion", "1"))));
    assertTrue(AlarmRules.touchesConditions(List.of(ParameterValue.string(L1 + "Status", "Up"))));
  }

  @Test
  void aWeakSignalIsPoorAndClearsOnlyWellAboveTheThreshold() {
    AlarmRules.Condition weak =
        only(AlarmRules.conditions(Map.of(RSSI, "-85"), -80), AlarmKind.POOR_WIFI);
    assertTrue(weak.holds());
    assertEquals("signal -85 dBm, below -80 dBm", weak.detail());
    assertTrue(
        AlarmRules.conditions(Map.of(RSSI, "-79"), -80).isEmpty(),
        "within the hysteresis: neither starts nor ends it");
    assertFalse(only(AlarmRules.conditions(Map.of(RSSI, "-77"), -80), AlarmKind.POOR_WIFI).holds());
    assertFalse(
        only(AlarmRules.conditions(Map.of(RSSI, "0"), -80), AlarmKind.POOR_WIFI).holds(),
        "0: not associated, no strength to judge");
    assertTrue(AlarmRules.conditions(Map.of(RSSI, "strong"), -80).isEmpty());
  }
}
