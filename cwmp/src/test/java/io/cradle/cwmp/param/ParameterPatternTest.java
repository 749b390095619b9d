package io.cradle.cwmp.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterPatternTest {

  private static final ParameterPattern LINE_ENABLE =
      ParameterPattern.parse("Device.Services.VoiceService.{i}.VoiceProfile.{i}.Line.{i}.Enable");

  private static boolean lineEnableMatches(String path) {
    return LINE_ENABLE.matches(ParameterPath.lenient(path));
  }

  @Test
  void placeholdersMatchInstanceNumbersAndAliases() {
    assertTrue(lineEnableMatches("Device.Services.VoiceService.1.VoiceProfile.2.Line.1.Enable"));
    assertTrue(
        lineEnableMatches("Device.Services.VoiceService.1.VoiceProfile.[cpe-7].Line.1.Enable"));
  }

  @Test
  void namesMustMatchExactly() {
    assertFalse(lineEnableMatches("Device.Services.VoiceService.1.VoiceProfile.2.Line.1.Status"));
    assertFalse(lineEnableMatches("Device.Services.VoiceService.1.VoiceProfile.2.line.1.Enable"));
    assertFalse(
        lineEnableMatches("Device.Services.VoiceService.1.VoiceProfile.Name.Line.1.Enable"));
  }

  @Test
  void shapeMustMatch() {
    assertFalse(lineEnableMatches("Device.Services.VoiceService.1.VoiceProfile.2.Line.1.Enable."));
    assertFalse(
        lineEnableMatches("Device.Services.VoiceService.1.VoiceProfile.2.Line.1.Enable.Extra"));
    assertFalse(lineEnableMatches("Device.Services.VoiceService.1.VoiceProfile.2.Line.1."));
    assertFalse(lineEnableMatches(""));
  }

  @Test
  void objectPatternsMatchObjectPaths() {
    ParameterPattern line = ParameterPattern.parse("Device.Services.VoiceService.*.Line.*.");
    assertTrue(line.matches(ParameterPath.parse("Device.Services.VoiceService.1.Line.5.")));
    assertFalse(line.matches(ParameterPath.parse("Device.Services.VoiceService.1.Line.")));
  }

  @Test
  void concretePatternMatchesOnlyItself() {
    ParameterPattern ip = ParameterPattern.parse("Device.LAN.IPAddress");
    assertTrue(ip.matches(ParameterPath.parse("Device.LAN.IPAddress")));
    assertFalse(ip.matches(ParameterPath.parse("Device.LAN.IPAddressMask")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{i}.Foo.", "Device.{j}.", "Device.Line.{i}", "Device..{i}.", "Device.{i"})
  void rejectsInvalidPatterns(String pattern) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ParameterPattern.parse(pattern));
    assertTrue(e.getMessage().contains(pattern), e.getMessage());
  }

  @Test
  void equalityAndTextAreThePattern() {
    assertEquals(ParameterPattern.parse("Device.X.{i}."), ParameterPattern.parse("Device.X.{i}."));
    assertEquals("Device.X.{i}.", ParameterPattern.parse("Device.X.{i}.").toString());
  }
}
