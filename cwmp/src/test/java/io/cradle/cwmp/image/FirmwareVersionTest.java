package io.cradle.cwmp.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FirmwareVersionTest {

  @Test
  void parsesAndPrintsFourParts() {
    FirmwareVersion v = FirmwareVersion.parse("1.0.7.81");
    assertEquals(new FirmwareVersion(1, 0, 7, 81), v);
    assertEquals("1.0.7.81", v.toString());
  }

  @Test
  void comparesNumericallyNotAsText() {
    List<FirmwareVersion> versions =
        new ArrayList<>(
            List.of(
                FirmwareVersion.parse("1.0.7.90"),
                FirmwareVersion.parse("1.0.10.1"),
                FirmwareVersion.parse("1.0.1.16"),
                FirmwareVersion.parse("1.0.7.81"),
                FirmwareVersion.parse("1.0.1.15")));
    Collections.sort(versions);
    assertEquals("[1.0.1.15, 1.0.1.16, 1.0.7.81, 1.0.7.90, 1.0.10.1]", versions.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1.0.7",
        "1.0.7.81.2",
        "1.0.7.x",
        "1.0.7.256",
        "1..7.81",
        " 1.0.7.81",
        "1.0.7.-1",
        "1.0.7.1000"
      })
  void rejectsBadTextNamingIt(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FirmwareVersion.parse(text));
    assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
  }

  @Test
  void partsAboveAByteAreRefusedBecauseImagesPackThemInOne() {
    assertThrows(IllegalArgumentException.class, () -> new FirmwareVersion(1, 0, 256, 0));
  }

  @Test
  void bytesRoundTripAboveSignedByteRange() {
    FirmwareVersion v = new FirmwareVersion(1, 200, 7, 255);
    assertEquals(v, FirmwareVersion.fromBytes(v.toBytes(), 0));
  }
}
