package io.cradle.cpe.wifi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 *   <li>shadowing is log-normal with the band's sigma, a smooth {@link ShadowingField} per AP drawn
 *       from the environment's seed and the BSSID, correlated over {@value #DECORRELATION_METRES} m
 *       — so it is stable in place, the same for every phone standing there, the same in every run
 *       with that seed, and it changes gradually as a phone walks;
 *   <li>fading is drawn per sample from the caller's random stream, normal with sigma {@value
 *       #FADING_SIGMA_DB} dB: what is left of small-scale fading after the radio averages RSSI over
 *       several beacons (raw Rayleigh fading would make every phone flap at a cell edge).
 * </ul>
 *
 * Immutable and shared by all phones of a site.
 */
public final class RadioEnvironment {

  /**
   * Shadowing decorrelation distance (m): the correlation of two points this far apart is 1/e. 3GPP
   * TR 38.901 (indoor hotspot) gives 10 m in line of sight and 6 m without; warehouse aisles
   * between racks are in between.
   */
  public static final double DECORRELATION_METRES = 8.0;

  /** Sigma of the per-sample fading in dB. */
  public static final double FADING_SIGMA_DB = 2.0;

  /** Beacons weaker than this are not heard by a scan (802.11 receive sensitivity at 1 Mbit/s). */
  public static final double SCAN_SENSITIVITY_DBM = -92.0;

  private final List<AccessPoint> accessPoints;
  private final List<String> ssids;
  private final Map<String, ShadowingField> shadowing = new HashMap<>();

  /**
   * A site with {@code accessPoints} (BSSIDs unique) whose shadowing is drawn from {@code seed}.
   */
  public RadioEnvironment(List<AccessPoint> accessPoints, long seed) {
    this.accessPoints = List.copyOf(accessPoints);
    Set<String> names = new LinkedHashSet<>();
    for (AccessPoint ap : this.accessPoints) {
      // Seeded by BSSID, not list position, so adding an AP leaves the others' fields alone.
      ShadowingField field =
          new ShadowingField(
              mix(seed ^ mix(ap.bssid().hashCode() * 0x9E3779B97F4A7C15L)),
              ap.band().shadowingSigmaDb(),
              DECORRELATION_METRES);
      if (shadowing.put(ap.bssid(), field) != null) {
        throw new IllegalArgumentException("duplicate BSSID " + ap.bssid());
      }
      names.add(ap.ssid());
    }
    this.ssids = List.copyOf(names);
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
    ShadowingField field = shadowing.get(ap.bssid());
    if (field == null) {
      throw new IllegalArgumentException("not an AP of this site: " + ap.bssid());
    }
    return field.at(p);
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
