package io.cradle.cpe.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SipInfoDtmfTest {

  @Test
  void bodyRoundTrips() {
    SipInfoDtmf d = new SipInfoDtmf('#', 160);
    assertEquals("Signal=#\r\nDuration=160\r\n", d.body());
    assertEquals(d, SipInfoDtmf.parse(d.body()));
  }

  @Test
  void foreignBodiesAreUnderstood() {
    assertEquals(new SipInfoDtmf('*', 250), SipInfoDtmf.parse("Signal= 10\n"));
    assertEquals(new SipInfoDtmf('A', 100), SipInfoDtmf.parse("signal=a\nduration=100\n"));
    assertThrows(IllegalArgumentException.class, () -> SipInfoDtmf.parse("Duration=100\r\n"));
    assertThrows(IllegalArgumentException.class, () -> SipInfoDtmf.parse("Signal=x\r\n"));
  }
}
