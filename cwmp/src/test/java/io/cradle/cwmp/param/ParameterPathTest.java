package io.cradle.cwmp.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterPathTest {

  private static ParameterPath p(String text) {
    return ParameterPath.parse(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Device.LAN.IPAddress",
        "Device.LAN.",
        "Device.",
        "Device",
        "Device.Services.VoiceService.1.VoiceProfile.12.Line.1.SIP.AuthUserName",
        "Device.Services.VoiceService.1.VoiceProfile.[cpe-1].Line.[acs_line-2].Enable",
        "InternetGatewayDevice.WANDevice.1.X_000E50_Foo-Bar",
        "Device.X.4294967295.",
        "_Private.x"
      })
  void acceptsValidPathsVerbatim(String text) {
    ParameterPath path = p(text);
    assertEquals(text, path.toString());
    assertTrue(path.isValid());
    assertEquals(Optional.of(path), ParameterPath.tryParse(text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        ".ExternalIPAddress         | starts with '.'",
        ".                          | starts with '.'",
        "Device..LAN                | empty segment",
        "Device.LAN.01.             | '01' is not an instance number",
        "Device.LAN.0.              | '0' is not an instance number",
        "Device.X.4294967296.       | '4294967296' is not an instance number",
        "1.Device.                  | must start with an object name",
        "[cpe-1].Device.            | must start with an object name",
        "Device.LAN.1               | must end with '.'",
        "Device.LAN.[cpe-1]         | must end with '.'",
        "Device.Foo Bar             | 'Foo Bar' is neither a name",
        "Device.9Lives              | '9Lives' is neither a name",
        "Device.[1abc].             | '[1abc]' is neither a name",
        "Device.[].                 | '[]' is neither a name",
        "device.lan.{i}.            | '{i}' is neither a name"
      })
  void rejectsInvalidPathsWithReason(String text, String reason) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ParameterPath.parse(text));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertTrue(e.getMessage().contains(text), e.getMessage());
    assertEquals(Optional.empty(), ParameterPath.tryParse(text));
  }

  @Test
  void limitsLengthTo256Characters() {
    String at256 = "Device." + "a".repeat(249);
    assertEquals(256, p(at256).toString().length());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p(at256 + "b"));
    assertTrue(e.getMessage().contains("longer than 256"), e.getMessage());
  }

  @Test
  void tryParseOfNullIsEmpty() {
    assertEquals(Optional.empty(), ParameterPath.tryParse(null));
  }

  @Test
  void emptyTextIsTheRoot() {
    assertSame(ParameterPath.ROOT, p(""));
    assertTrue(ParameterPath.ROOT.isRoot());
    assertTrue(ParameterPath.ROOT.isObject());
    assertEquals(List.of(), ParameterPath.ROOT.segments());
    assertThrows(IllegalStateException.class, ParameterPath.ROOT::parent);
    assertThrows(IllegalStateException.class, ParameterPath.ROOT::lastSegment);
  }

  @Test
  void lenientKeepsTheThomsonLeadingDotNameVerbatim() {
    ParameterPath odd = ParameterPath.lenient(" .ExternalIPAddress\n");
    assertEquals(".ExternalIPAddress", odd.toString());
    assertFalse(odd.isValid());
    assertFalse(odd.isObject());
    assertEquals("ExternalIPAddress", odd.lastSegment());
    assertEquals(odd, ParameterPath.lenient(".ExternalIPAddress"));
  }

  @Test
  void lenientTrimsAndValidatesGoodNames() {
    ParameterPath path = ParameterPath.lenient("  Device.LAN.IPAddress\t");
    assertTrue(path.isValid());
    assertEquals(p("Device.LAN.IPAddress"), path);
    assertSame(ParameterPath.ROOT, ParameterPath.lenient("   "));
  }

  @Test
  void objectPathsEndWithDot() {
    assertTrue(p("Device.LAN.").isObject());
    assertTrue(p("Device.X.1.").isObject());
    assertFalse(p("Device.LAN.IPAddress").isObject());
    assertFalse(p("Device.LAN.").isRoot());
  }

  @Test
  void segmentsLeaveOutTheDots() {
    assertEquals(List.of("Device", "X", "2", "[cpe-1]"), p("Device.X.2.[cpe-1].").segments());
    assertEquals("[cpe-1]", p("Device.X.2.[cpe-1].").lastSegment());
    assertEquals("IPAddress", p("Device.LAN.IPAddress").lastSegment());
  }

  @Test
  void parentWalksUpToTheRoot() {
    ParameterPath leaf = p("Device.LAN.IPAddress");
    assertEquals(p("Device.LAN."), leaf.parent());
    assertEquals(p("Device."), leaf.parent().parent());
    assertSame(ParameterPath.ROOT, leaf.parent().parent().parent());
    assertEquals(p("Device.X."), p("Device.X.7.").parent());
    assertTrue(leaf.parent().isValid());
  }

  @Test
  void parentOfLenientPathIsComputedFromItsText() {
    ParameterPath odd = ParameterPath.lenient(".ExternalIPAddress");
    assertEquals(".", odd.parent().toString());
    assertFalse(odd.parent().isValid());
    assertSame(ParameterPath.ROOT, odd.parent().parent());
  }

  @Test
  void prefixIsSegmentAware() {
    ParameterPath lan = p("Device.LAN.");
    assertTrue(lan.isPrefixOf(p("Device.LAN.IPAddress")));
    assertTrue(lan.isPrefixOf(p("Device.LAN.DHCP.1.")));
    assertTrue(lan.isPrefixOf(lan));
    assertFalse(lan.isPrefixOf(p("Device.LANHost.")));
    assertFalse(lan.isPrefixOf(p("Device.")));
    assertTrue(ParameterPath.ROOT.isPrefixOf(p("InternetGatewayDevice.X")));
    ParameterPath ip = p("Device.LAN.IPAddress");
    assertTrue(ip.isPrefixOf(ip));
    assertFalse(ip.isPrefixOf(p("Device.LAN.IPAddressMask")));
    assertTrue(p("Device.LAN.IPAddress").startsWith(lan));
    assertFalse(lan.startsWith(p("Device.LAN.IPAddress")));
  }

  @Test
  void childAppendsOneSegment() {
    ParameterPath device = p("Device.");
    assertEquals(p("Device.LAN."), device.child("LAN."));
    assertEquals(p("Device.LAN.IPAddress"), device.child("LAN.").child("IPAddress"));
    assertEquals(p("Device.X.3."), device.child("X.").child(3));
    assertEquals(p("Device."), ParameterPath.ROOT.child("Device."));
  }

  @Test
  void childRejectsBadSegmentsAndParameterParents() {
    ParameterPath device = p("Device.");
    assertThrows(IllegalArgumentException.class, () -> device.child("LAN.IPAddress"));
    assertThrows(IllegalArgumentException.class, () -> device.child(""));
    assertThrows(IllegalArgumentException.class, () -> device.child("3"));
    assertThrows(IllegalArgumentException.class, () -> device.child(0));
    assertThrows(IllegalArgumentException.class, () -> ParameterPath.ROOT.child("1."));
    assertThrows(IllegalStateException.class, () -> p("Device.LAN.IPAddress").child("X"));
  }

  @Test
  void directChildrenAreOneLevelDown() {
    ParameterPath device = p("Device.");
    assertTrue(p("Device.LAN.").isDirectChildOf(device));
    assertTrue(p("Device.DeviceSummary").isDirectChildOf(device));
    assertFalse(p("Device.LAN.IPAddress").isDirectChildOf(device));
    assertFalse(device.isDirectChildOf(device));
    assertTrue(device.isDirectChildOf(ParameterPath.ROOT));
    assertFalse(ParameterPath.ROOT.isDirectChildOf(ParameterPath.ROOT));
    assertFalse(p("Device.LAN.IPAddress").isDirectChildOf(p("Device.LAN")));
  }

  @Test
  void vendorExtensionsAreRecognisedInAnySegment() {
    assertTrue(p("Device.X_GRANDSTREAM_Upgrade.UpgradeVia").isVendorExtension());
    assertTrue(p("Device.UserInterface.X_GRANDSTREAM_AdminLoginPassword").isVendorExtension());
    assertFalse(p("Device.LAN.IPAddress").isVendorExtension());
    assertFalse(p("Device.XML_Thing").isVendorExtension());
  }

  @Test
  void instanceNumbersInOrder() {
    assertEquals(
        List.of(1L, 12L, 3L),
        p("Device.Services.VoiceService.1.VoiceProfile.12.Line.3.Enable").instanceNumbers());
    assertEquals(List.of(4294967295L), p("Device.X.4294967295.").instanceNumbers());
    assertEquals(List.of(), p("Device.X.[cpe-1].").instanceNumbers());
  }

  @Test
  void equalityIsByText() {
    assertEquals(p("Device.LAN."), p("Device.LAN."));
    assertEquals(p("Device.LAN.").hashCode(), p("Device.LAN.").hashCode());
    assertNotEquals(p("Device.LAN."), p("Device.LAN"));
    assertNotEquals(p("Device.LAN."), p("device.LAN."));
  }

  @Test
  void matchesDataModelPatterns() {
    ParameterPath enable = p("Device.Services.VoiceService.1.VoiceProfile.2.Line.1.Enable");
    assertTrue(enable.matches("Device.Services.VoiceService.{i}.VoiceProfile.{i}.Line.{i}.Enable"));
    assertTrue(enable.matches("Device.Services.VoiceService.1.VoiceProfile.*.Line.*.Enable"));
    assertFalse(enable.matches("Device.Services.VoiceService.2.VoiceProfile.{i}.Line.{i}.Enable"));
    assertThrows(IllegalArgumentException.class, () -> enable.matches("Device.{i}"));
  }
}
