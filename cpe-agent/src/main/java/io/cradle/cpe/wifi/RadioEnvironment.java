package io.cradle.cpe.wifi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The access points of a site and how strongly a phone hears each one where it stands.
 *
 * <p>Received signal = transmit power − path loss − shadowing + fading, in dB:
 *
 * <ul>
 *   <li>path loss is log-distance, {@code L0 + 10·n·log10(d / 1 m)}, with the band's reference loss
 *       L0 and exponent n ({@link Band}); closer than 1 m counts as 1 m;
 *   <li>shadowing is log-normal with the band's sigma, drawn once per (AP, {@value #CELL_METRES} m
 *       square cell) from the environment's seed — so it is stable in place, the same for every
 *       phone standing there, and the same in every run with that seed;
 *   <li>fading is drawn per sample from the caller's random stream, normal with sigma {@value
 *       #FADING_SIGMA_DB} dB: what is left of small-scale fading after the radio averages RSSI over
 *       several beacons (raw Rayleigh fading would make every phone flap at a cell edge).
 * </ul>
 *
 * Immutable and shared by all phones of a site.
 */
public final class RadioEnvironment {

  /**
   * Side of the square cells over which shadowing is constant (about the decorrelation distance).
   */
  public static final double CELL_METRES = 2.0;

  /** Sigma of the per-sample fading in dB. */
  public static final double FADING_SIGMA_DB = 2.0;

  /** Beacons weaker than this are not heard by a scan (802.11 receive sensitivity at 1 Mbit/s). */
  public static final double SCAN_SENSITIVITY_DBM = -92.0;

  private final List<AccessPoint> accessPoints;
  private final List<String> ssids;
  private final long seed;

  /**
   * A site with {@code accessPoints} (BSSIDs unique) whose shadowing is drawn from {@code seed}.
   */
  public RadioEnvironment(List<AccessPoint> accessPoints, long seed) {
    this.accessPoints = List.copyOf(accessPoints);
    Set<String> bssids = new HashSet<>();
    Set<String> names = new LinkedHashSet<>();
    for (AccessPoint ap : this.accessPoints) {
      if (!bssids.add(ap.bssid())) {
        throw new IllegalArgumentException("duplicate BSSID " + ap.bssid());
      }
      names.add(ap.ssid());
    }
    this.ssids = List.copyOf(names);
    this.seed = seed;
  }

  public List<AccessPoint> accessPoints() {
    return accessPoints;
  }

  /** The site's network names in order of first appearance; DHCP pools are numbered by it. */
  public List<String> ssids() {
    return ssids;
  }

  /** Log-distance path loss in dB at {@code metres} from an AP on {@code band}. */
  public static double pathLossDb(Band band, double metres) {
    double d = Math.max(1.0, metres);
    return band.referenceLossDb() + 10 * band.exponent() * Math.log10(d);
  }

  /** The shadowing of {@code ap} at {@code p} in dB (positive = extra loss); stable in place. */
  public double shadowingDb(AccessPoint ap, Position p) {
    long cx = (long) Math.floor(p.x() / CELL_METRES);
    long cy = (long) Math.floor(p.y() / CELL_METRES);
    long h =
        mix(seed ^ mix(ap.bssid().hashCode() * 0x9E3779B97F4A7C15L + cx) ^ mix(cy + 0x632BE5AB));
    double u1 = ((mix(h) >>> 11) + 1) * 0x1.0p-53; // (0, 1]
    double u2 = (mix(h + 1) >>> 11) * 0x1.0p-53;
    double gaussian = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return gaussian * ap.band().shadowingSigmaDb();
  }

  /** The RSSI {@code ap} gives at {@code p} without fading, in dBm. */
  public double meanRssiDbm(AccessPoint ap, Position p) {
    return ap.txPowerDbm()
        - pathLossDb(ap.band(), ap.position().distanceTo(p))
        - shadowingDb(ap, p);
  }

  /** One RSSI sample of {@code ap} at {@code p}: the mean plus fading drawn from {@code fading}. */
  public double sampleRssiDbm(AccessPoint ap, Position p, RandomGenerator fading) {
    return meanRssiDbm(ap, p) + FADING_SIGMA_DB * fading.nextGaussian();
  }

  /**
   * A scan at {@code p}: one sample per AP the filter lets through (in site order, so the random
   * stream is consumed the same way every run), keeping those at or above the scan sensitivity.
   */
  public List<ScanResult> scan(Position p, Predicate<AccessPoint> scanned, RandomGenerator fading) {
    Objects.requireNonNull(p, "position");
    List<ScanResult> heard = new ArrayList<>();
    for (AccessPoint ap : accessPoints) {
      if (scanned.test(ap)) {
        double rssi = sampleRssiDbm(ap, p, fading);
        if (rssi >= SCAN_SENSITIVITY_DBM) {
          heard.add(new ScanResult(ap, rssi));
        }
      }
    }
    return heard;
  }

  /** SplitMix64's finaliser: a cheap, well-mixed 64-bit hash. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
