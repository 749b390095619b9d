package io.cradle.cpe.wifi;

import java.util.SplittableRandom;

/**
 * One access point's shadowing over the floor: a seeded Gaussian random field in dB, spatially
 * smooth, with Gudmundson's exponential autocorrelation {@code ρ(d) = exp(−d / D)}.
 *
 * <p>The field is a sum of {@value #COMPONENTS} plane waves {@code a·cos(k·x + φ)} with random
 * directions and phases and equal amplitudes {@code a = σ·√(2/N)}, so its variance is exactly σ²
 * wherever it is read and it is nearly Gaussian. The wavenumbers are drawn from the radial spectrum
 * of the exponential correlation in two dimensions, {@code p(k) = k·D² / (1 + (k·D)²)^(3/2)}, whose
 * characteristic function is {@code exp(−d / D)}; they are cut at {@link
 * #SHORTEST_WAVELENGTH_METRES}, because variation on a shorter scale is small-scale fading, which
 * {@link RadioEnvironment} models per sample. Evaluating it is a few dozen cosines: no grid to
 * store, no cells whose edges a walking phone would feel as steps.
 */
final class ShadowingField {

  /** Plane waves per field: enough for a near-Gaussian marginal, cheap per sample. */
  static final int COMPONENTS = 64;

  /** Shortest wavelength kept (m); shorter variation is fading, drawn per sample instead. */
  static final double SHORTEST_WAVELENGTH_METRES = 2.0;

  private final double amplitude;
  private final double[] kx = new double[COMPONENTS];
  private final double[] ky = new double[COMPONENTS];
  private final double[] phase = new double[COMPONENTS];

  /**
   * A field of standard deviation {@code sigmaDb} and decorrelation distance {@code
   * decorrelationMetres}, drawn from {@code seed} alone.
   */
  ShadowingField(long seed, double sigmaDb, double decorrelationMetres) {
    SplittableRandom random = new SplittableRandom(seed);
    amplitude = sigmaDb * Math.sqrt(2.0 / COMPONENTS);
    double kMax = 2 * Math.PI / SHORTEST_WAVELENGTH_METRES;
    // Inverse of the radial CDF F(k) = 1 − 1/√(1 + (kD)²), restricted to k ≤ kMax.
    double uMax = 1 - 1 / Math.sqrt(1 + Math.pow(kMax * decorrelationMetres, 2));
    for (int i = 0; i < COMPONENTS; i++) {
      double u = random.nextDouble() * uMax;
      double k = Math.sqrt(1 / ((1 - u) * (1 - u)) - 1) / decorrelationMetres;
      double direction = random.nextDouble() * 2 * Math.PI;
      kx[i] = k * Math.cos(direction);
      ky[i] = k * Math.sin(direction);
      phase[i] = random.nextDouble() * 2 * Math.PI;
    }
  }

  /** The field's value at {@code p}, in dB. */
  double at(Position p) {
    double sum = 0;
    for (int i = 0; i < COMPONENTS; i++) {
      sum += Math.cos(kx[i] * p.x() + ky[i] * p.y() + phase[i]);
    }
    return amplitude * sum;
  }
}
