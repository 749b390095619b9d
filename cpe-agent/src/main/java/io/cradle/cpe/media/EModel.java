package io.cradle.cpe.media;

/**
 * A simplified ITU-T G.107 E-model: R = 93.2 − Id − Ie,eff with all other parameters at their G.107
 * defaults (so Is and the echo terms cancel into 93.2), Id from the absolute one-way delay (Idd;
 * zero up to 100 ms), Ie,eff = Ie + (95 − Ie)·Ppl/(Ppl/BurstR + Bpl); MOS from R by G.107 Annex B.
 * G.711 has Ie = 0 and, per G.113 Appendix I, Bpl = 4.3 without packet loss concealment and 25.1
 * with it.
 */
public final class EModel {

  /** R with every G.107 parameter at its default. */
  public static final double R_DEFAULT = 93.2;

  /** G.113 Bpl for G.711 without packet loss concealment. */
  public static final double BPL_G711 = 4.3;

  /** G.113 Bpl for G.711 with packet loss concealment (G.711 Appendix I). */
  public static final double BPL_G711_PLC = 25.1;

  private EModel() {}

  /** Idd, the impairment of an absolute one-way delay of {@code delayMs} (G.107 §7.2). */
  public static double delayImpairment(double delayMs) {
    if (delayMs <= 100) {
      return 0;
    }
    double x = Math.log(delayMs / 100) / Math.log(2);
    return 25
        * (Math.pow(1 + Math.pow(x, 6), 1.0 / 6)
            - 3 * Math.pow(1 + Math.pow(x / 3, 6), 1.0 / 6)
            + 2);
  }

  /** Ie,eff for {@code lossPercent} random loss (BurstR 1). */
  public static double effectiveEquipmentImpairment(double ie, double bpl, double lossPercent) {
    double ppl = Math.max(0, Math.min(100, lossPercent));
    return ie + (95 - ie) * ppl / (ppl + bpl);
  }

  /** R for G.711 (Ie 0) with the given one-way delay, random loss and concealment. */
  public static double rFactor(double oneWayDelayMs, double lossPercent, boolean plc) {
    return R_DEFAULT
        - delayImpairment(oneWayDelayMs)
        - effectiveEquipmentImpairment(0, plc ? BPL_G711_PLC : BPL_G711, lossPercent);
  }

  /** MOS (conversational quality, 1-4.5) from R (G.107 Annex B). */
  public static double mos(double r) {
    if (r <= 0) {
      return 1;
    }
    if (r >= 100) {
      return 4.5;
    }
    return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
  }
}
