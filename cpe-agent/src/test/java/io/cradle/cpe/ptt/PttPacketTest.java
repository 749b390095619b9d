package io.cradle.cpe.ptt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.media.MalformedPacketException;
import io.cradle.cpe.media.RtpPacket;
import org.junit.jupiter.api.Test;

class PttPacketTest {

  static RtpPacket rtp(byte[] payload) {
    return RtpPacket.of(true, 0, 65535, 0xFFFF_FFF0L, 0xCAFEBABEL, payload);
  }

  @Test
  void roundTrip() {
    byte[] payload = new byte[240];
    payload[7] = 42;
    byte[] wire = new PttPacket(24, false, "Nurse station", rtp(payload)).encode();
    // 12 header + 4 extension header + 4 + 16 ("Nurse station" padded) + 240
    assertEquals(12 + 4 + 4 + 16 + 240, wire.length);
    PttPacket p = PttPacket.parse(wire, 0, wire.length);
    assertEquals(24, p.channel());
    assertFalse(p.end());
    assertEquals("Nurse station", p.callerId());
    assertTrue(p.rtp().marker());
    assertEquals(0xCAFEBABEL, p.rtp().ssrc());
    assertEquals(65535, p.rtp().sequence());
    assertArrayEquals(payload, p.rtp().payload());
    assertEquals(PttPacket.PROFILE, p.rtp().extension().profile());
  }

  @Test
  void endPacketWithoutCallerIdOrPayload() {
    byte[] wire = new PttPacket(50, true, "", rtp(new byte[0])).encode();
    assertEquals(12 + 4 + 4, wire.length);
    PttPacket p = PttPacket.parse(wire, 0, wire.length);
    assertTrue(p.end());
    assertEquals(50, p.channel());
    assertEquals("", p.callerId());
  }

  @Test
  void callerIdIsCutTo64Utf8BytesOnACharacterBoundary() {
    String id = "é".repeat(40); // 80 bytes
    PttPacket p = new PttPacket(1, false, id, rtp(new byte[0]));
    assertEquals("é".repeat(32), p.callerId());
    byte[] wire = p.encode();
    assertEquals("é".repeat(32), PttPacket.parse(wire, 0, wire.length).callerId());
  }

  @Test
  void plainRtpAndBrokenExtensionsAreRefused() {
    byte[] plain = rtp(new byte[160]).encode();
    assertThrows(MalformedPacketException.class, () -> PttPacket.parse(plain, 0, plain.length));

    byte[] wire = new PttPacket(5, false, "x", rtp(new byte[0])).encode();
    byte[] badVersion = wire.clone();
    badVersion[16] = 2;
    assertThrows(MalformedPacketException.class, () -> PttPacket.parse(badVersion, 0, wire.length));
    byte[] badChannel = wire.clone();
    badChannel[17] = 51;
    assertThrows(MalformedPacketException.class, () -> PttPacket.parse(badChannel, 0, wire.length));
    byte[] badLength = wire.clone();
    badLength[19] = 9;
    assertThrows(MalformedPacketException.class, () -> PttPacket.parse(badLength, 0, wire.length));
    assertThrows(
        IllegalArgumentException.class, () -> new PttPacket(0, false, "", rtp(new byte[0])));
  }
}
