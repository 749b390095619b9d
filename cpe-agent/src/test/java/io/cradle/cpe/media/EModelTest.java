package io.cradle.cpe.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EModelTest {

  @Test
  void mosReferencePoints() {
    assertEquals(4.41, EModel.mos(93.2), 0.005); // G.107 default R
    assertEquals(4.02, EModel.mos(80), 0.005);
    assertEquals(3.60, EModel.mos(70), 0.01);
    assertEquals(2.58, EModel.mos(50), 0.005);
    assertEquals(1.0, EModel.mos(-5), 0);
    assertEquals(4.5, EModel.mos(120), 0);
  }

  @Test
  void delayImpairmentReferencePoints() {
    assertEquals(0, EModel.delayImpairment(100), 1e-9);
    assertEquals(0.16, EModel.delayImpairment(150), 0.01);
    assertEquals(24.0, EModel.delayImpairment(400), 0.1);
  }

  @Test
  void lossImpairmentForG711() {
    assertEquals(93.2, EModel.rFactor(50, 0, false), 1e-9);
    // G.113: 1 % random loss, G.711 with PLC (Bpl 25.1): Ie,eff = 95/26.1 = 3.64
    assertEquals(93.2 - 95 / 26.1, EModel.rFactor(0, 1, true), 1e-9);
    // without PLC (Bpl 4.3): 95/5.3 = 17.9
    assertEquals(93.2 - 95 / 5.3, EModel.rFactor(0, 1, false), 1e-9);
  }

  @Test
  void callStatsFeedTheModelAndTr104() {
    CallStats s =
        new CallStats(Codec.PCMU, 20, 100, 16000, 99, 15840, 1, 0.5, 0, 0.25, 10, 20, 0, 1, 1, 1);
    assertEquals(45, s.oneWayDelayMs(), 1e-9);
    assertEquals(1.0, s.receiveLossPercent(), 1e-9);
    assertEquals("1", s.tr104().get("PacketsLost"));
    assertEquals("500", s.tr104().get("ReceiveInterarrivalJitter"));
    assertEquals("10000", s.tr104().get("RoundTripDelay"));
    assertEquals(
        String.format(java.util.Locale.ROOT, "%.2f", s.mos()), s.tr104().get("X_CRADLE_MOS"));
  }
}
