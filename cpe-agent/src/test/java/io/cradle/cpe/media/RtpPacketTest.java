package io.cradle.cpe.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

  @Test
  void plainPacketRoundTripsWithTheRfcLayout() {
    RtpPacket p = RtpPacket.of(true, 0, 0xBEEF, 0xDEADBEEFL, 0x12345678L, new byte[] {1, 2, 3});
    byte[] wire = p.encode();
    assertArrayEquals(
        new byte[] {
          (byte) 0x80,
          (byte) 0x80,
          (byte) 0xBE,
          (byte) 0xEF,
          (byte) 0xDE,
          (byte) 0xAD,
          (byte) 0xBE,
          (byte) 0xEF,
          0x12,
          0x34,
          0x56,
          0x78,
          1,
          2,
          3
        },
        wire);
    assertEquals(p, RtpPacket.parse(wire));
  }

  @Test
  void csrcExtensionAndPaddingRoundTrip() {
    RtpPacket p =
        new RtpPacket(
            false,
            101,
            65535,
            1,
            2,
            new long[] {7, 0xFFFF_FFFFL},
            new RtpPacket.Extension(0xBEDE, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
            new byte[] {9, 9},
            3);
    byte[] wire = p.encode();
    assertEquals(12 + 8 + 12 + 2 + 3, wire.length);
    assertEquals(0xB2, wire[0] & 0xFF);
    assertEquals(3, wire[wire.length - 1]);
    assertEquals(p, RtpPacket.parse(wire));
  }

  @Test
  void malformedPacketsAreRefused() {
    byte[] good = RtpPacket.of(false, 8, 1, 1, 1, new byte[4]).encode();
    assertThrows(MalformedPacketException.class, () -> RtpPacket.parse(good, 0, 11));
    byte[] v1 = good.clone();
    v1[0] = 0x40;
    assertThrows(MalformedPacketException.class, () -> RtpPacket.parse(v1));
    byte[] manyCsrc = good.clone();
    manyCsrc[0] = (byte) 0x8F;
    assertThrows(MalformedPacketException.class, () -> RtpPacket.parse(manyCsrc));
    byte[] extension = good.clone();
    extension[0] = (byte) 0x90;
    extension[14] = 0x10; // 4096 words
    assertThrows(MalformedPacketException.class, () -> RtpPacket.parse(extension));
    byte[] padding = good.clone();
    padding[0] = (byte) 0xA0;
    padding[padding.length - 1] = 0;
    assertThrows(MalformedPacketException.class, () -> RtpPacket.parse(padding));
    padding[padding.length - 1] = 5;
    assertThrows(MalformedPacketException.class, () -> RtpPacket.parse(padding));
    assertThrows(
        IllegalArgumentException.class, () -> RtpPacket.of(false, 128, 0, 0, 0, new byte[0]));
  }

  @Test
  void telephoneEventRoundTrips() {
    TelephoneEvent e = new TelephoneEvent(TelephoneEvent.eventOf('#'), true, 10, 800);
    byte[] wire = e.encode();
    assertArrayEquals(new byte[] {11, (byte) 0x8A, 0x03, 0x20}, wire);
    assertEquals(e, TelephoneEvent.parse(wire));
    assertEquals('#', e.digit());
    assertEquals('D', TelephoneEvent.parse(new byte[] {15, 0, 0, 0}).digit());
    assertThrows(MalformedPacketException.class, () -> TelephoneEvent.parse(new byte[3]));
    assertThrows(IllegalArgumentException.class, () -> TelephoneEvent.eventOf('x'));
  }

  @Test
  void rtcpSenderReportRoundTripsAndRttIsComputed() {
    Rtcp.ReportBlock block = new Rtcp.ReportBlock(0xCAFEL, 25, -3, 70000, 40, 0x12340000L, 0x8000);
    Rtcp.Report sr =
        new Rtcp.Report(
            0xBEEFL, new Rtcp.SenderInfo(0x0102030405060708L, 9, 10, 11), List.of(block));
    byte[] wire = Rtcp.encode(sr, "a@127.0.0.1");
    assertEquals(0, wire.length % 4);
    List<Rtcp.Report> back = Rtcp.parse(wire, 0, wire.length);
    assertEquals(List.of(sr), back);
    // arrival 1 s + 0.5 s after LSR: RTT 1000 ms
    long arrival = (0x12340000L + 0x18000L) << 16;
    assertEquals(1000.0, Rtcp.roundTripMillis(block, arrival), 0.01);
    Rtcp.Report rr = new Rtcp.Report(1, null, List.of());
    byte[] rrWire = Rtcp.encode(rr, "x");
    assertEquals(List.of(rr), Rtcp.parse(rrWire, 0, rrWire.length));
    assertThrows(MalformedPacketException.class, () -> Rtcp.parse(wire, 0, wire.length - 4));
    assertTrue(Rtcp.parse(rrWire, 8, rrWire.length - 8).isEmpty()); // SDES only
  }
}
