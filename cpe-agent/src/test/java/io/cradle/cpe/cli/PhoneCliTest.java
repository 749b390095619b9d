package io.cradle.cpe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PhoneCliTest {

  @Test
  void optionsBecomeTheFactorySettingsOfANewPhone() {
    Map<String, String> settings =
        PhoneCli.factorySettings(
            PhoneCli.parse(
                new String[] {
                  "--acs",
                  "http://acs.example:8080/cwmp",
                  "--periodic",
                  "60",
                  "--config-server",
                  "acs.example:8080/prov"
                }));
    assertEquals("http://acs.example:8080/cwmp", settings.get("P4503"));
    assertEquals("1", settings.get("P4506"));
    assertEquals("60", settings.get("P4507"));
    assertEquals("acs.example:8080/prov", settings.get("P237"));
    assertEquals("1", settings.get("P212"), "plain HTTP to the config server");
  }

  @Test
  void withoutAConfigServerNoServerIsAsked() {
    Map<String, String> settings = PhoneCli.factorySettings(PhoneCli.parse(new String[0]));
    assertEquals("", settings.get("P237"));
    assertEquals("", settings.get("P192"));
  }

  @Test
  void badOptionsAreRefusedWithTheReason() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> PhoneCli.parse(new String[] {"--x", "1"}))
            .getMessage()
            .contains("--x"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> PhoneCli.parse(new String[] {"--mac", "00:11"}))
            .getMessage()
            .contains("MAC"));
    assertThrows(
        IllegalArgumentException.class, () -> PhoneCli.parse(new String[] {"--periodic", "0"}));
    assertThrows(IllegalArgumentException.class, () -> PhoneCli.parse(new String[] {"--acs"}));
  }
}
