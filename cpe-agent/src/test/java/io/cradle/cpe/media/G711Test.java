package io.cradle.cpe.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class G711Test {

  @Test
  void ulawKnownValues() {
    assertEquals((byte) 0xFF, G711.linearToUlaw((short) 0));
    assertEquals(0, G711.ulawToLinear((byte) 0xFF));
    assertEquals(0, G711.ulawToLinear((byte) 0x7F));
    assertEquals(-32124, G711.ulawToLinear((byte) 0x00));
    assertEquals(32124, G711.ulawToLinear((byte) 0x80));
    assertEquals((byte) 0x80, G711.linearToUlaw((short) 32767));
    assertEquals((byte) 0x00, G711.linearToUlaw((short) -32768));
    // 8000 + bias 132 lies in segment 5, top step: code ~0x5F = 0xA0, decoded mid-step 7932
    assertEquals((byte) 0xA0, G711.linearToUlaw((short) 8000));
    assertEquals(7932, G711.ulawToLinear((byte) 0xA0));
  }

  @Test
  void alawKnownValues() {
    assertEquals((byte) 0xD5, G711.linearToAlaw((short) 0));
    assertEquals(8, G711.alawToLinear((byte) 0xD5));
    assertEquals(-8, G711.alawToLinear((byte) 0x55));
    assertEquals(32256, G711.alawToLinear((byte) 0xAA));
    assertEquals(-32256, G711.alawToLinear((byte) 0x2A));
    assertEquals((byte) 0xAA, G711.linearToAlaw((short) 32767));
    assertEquals((byte) 0x2A, G711.linearToAlaw((short) -32768));
  }

  @Test
  void roundTripErrorIsWithinHalfAQuantisationStep() {
    for (int x = -32768; x <= 32767; x++) {
      short s = (short) x;
      int mag = Math.abs(x);
      int u = Math.abs(x - G711.ulawToLinear(G711.linearToUlaw(s)));
      int a = Math.abs(x - G711.alawToLinear(G711.linearToAlaw(s)));
      if (mag <= 32000) {
        // a segment's step is 1/16 of its start, so the error is at most 1/32 of the value + bias
        assertTrue(u <= (mag + 132) / 32 + 1, "µ-law " + x + " off by " + u);
        assertTrue(a <= mag / 32 + 16, "A-law " + x + " off by " + a);
      }
      assertTrue(u <= 1024 && a <= 1024, "clipping error too large at " + x);
    }
  }

  @Test
  void decodingThenEncodingIsIdentityOnCodes() {
    for (int c = 0; c < 256; c++) {
      byte b = (byte) c;
      if (c != 0x7F) { // negative zero encodes back as positive zero
        assertEquals(b, G711.linearToUlaw(G711.ulawToLinear(b)), "µ-law code " + c);
      }
      assertEquals(b, G711.linearToAlaw(G711.alawToLinear(b)), "A-law code " + c);
    }
  }
}
