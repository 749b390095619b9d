package io.cradle.fleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cwmp.message.DeviceId;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.param.ParameterType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class Wp820IdentityTest {

  @Test
  void identityIsAFunctionOfTheIndexAlone() {
    Wp820Identity d = new Wp820Identity(42);
    assertEquals("000B82F0002A", d.macHex());
    assertEquals("00:0B:82:F0:00:2A", d.macAddress());
    assertEquals("000B82F0002A", d.serialNumber());
    assertEquals("10.0.0.43", d.ipAddress());
    assertEquals(new DeviceId("Grandstream", "000B82", "WP820", "000B82F0002A"), d.deviceId());
    assertEquals("000B82-WP820-000B82F0002A", d.deviceId().key());
    assertEquals(d.informParameters(), new Wp820Identity(42).informParameters());
  }

  @Test
  void lastIndexStaysInsideTheOui() {
    Wp820Identity last = new Wp820Identity(BenchOptions.MAX_DEVICES - 1);
    assertEquals("000B82FFFFFF", last.macHex());
    assertThrows(IllegalArgumentException.class, () -> new Wp820Identity(BenchOptions.MAX_DEVICES));
    assertThrows(IllegalArgumentException.class, () -> new Wp820Identity(-1));
  }

  @Test
  void everyIndexHasItsOwnSerialMacAndAddress() {
    // 200k covers the first three rollovers of the address's third octet (every 65024 indexes).
    int n = 200_000;
    Set<String> serials = new HashSet<>(n * 2);
    Set<String> ips = new HashSet<>(n * 2);
    for (int i = 0; i < n; i++) {
      Wp820Identity d = new Wp820Identity(i);
      assertTrue(serials.add(d.serialNumber()), d::serialNumber);
      assertTrue(ips.add(d.ipAddress()), d::ipAddress);
    }
    // the host part never is the network or broadcast address
    assertTrue(ips.stream().noneMatch(ip -> ip.endsWith(".0") || ip.endsWith(".255")));
  }

  @Test
  void informCarriesTheParametersAnAcsExpectsFromAWp820() {
    Wp820Identity d = new Wp820Identity(7);
    List<ParameterValue> params = d.informParameters();
    Map<String, ParameterValue> byName =
        params.stream().collect(Collectors.toMap(ParameterValue::name, p -> p));
    assertEquals(params.size(), byName.size(), "no duplicate names");
    assertEquals(10, params.size());
    assertTrue(byName.get("Device.DeviceSummary").value().startsWith("Device:1."));
    assertEquals("1.0.11.5", byName.get("Device.DeviceInfo.SoftwareVersion").value());
    assertEquals(
        "http://10.0.0.8:7547/000B82F00007",
        byName.get("Device.ManagementServer.ConnectionRequestURL").value());
    assertEquals(
        ParameterType.UNSIGNED_INT,
        byName.get("Device.ManagementServer.PeriodicInformInterval").type());
    assertEquals("00:0B:82:F0:00:07", byName.get("Device.LAN.MACAddress").value());
    assertEquals("10.0.0.8", byName.get("Device.LAN.IPAddress").value());
    assertEquals(
        "Up", byName.get("Device.Services.VoiceService.1.VoiceProfile.1.Line.1.Status").value());
    for (ParameterValue p : params) {
      assertTrue(p.type().validate(p.value()).isEmpty(), p::toString);
    }
  }
}
