package io.cradle.cpe.wifi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.time.RandomStreams;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RadioEnvironmentTest {

  final AccessPoint ap24 =
      AccessPoint.open("corp", "00:00:00:00:00:01", Band.GHZ_2_4, 6, Position.of(0, 0));
  final AccessPoint ap5 =
      AccessPoint.open("corp", "00:00:00:00:00:02", Band.GHZ_5, 36, Position.of(0, 0));
  final RadioEnvironment env = new RadioEnvironment(List.of(ap24, ap5), 42);

  @Test
  void pathLossGrowsWithDistanceAndIsHigherAt5GHz() {
    double previous24 = 0;
    double previous5 = 0;
    for (double d = 1; d <= 100; d += 0.5) {
      double l24 = RadioEnvironment.pathLossDb(Band.GHZ_2_4, d);
      double l5 = RadioEnvironment.pathLossDb(Band.GHZ_5, d);
      assertTrue(l24 >= previous24 && l5 >= previous5);
      assertTrue(l5 > l24 + 6, "5 GHz loses more at " + d + " m");
      previous24 = l24;
      previous5 = l5;
    }
    assertEquals(40.2, RadioEnvironment.pathLossDb(Band.GHZ_2_4, 0.2), 1e-9, "clamped at 1 m");
    assertEquals(40.2 + 30 * 1, RadioEnvironment.pathLossDb(Band.GHZ_2_4, 10), 1e-9);
    assertEquals(46.8 + 31 * 1, RadioEnvironment.pathLossDb(Band.GHZ_5, 10), 1e-9);
  }

  @Test
  void averageSignalFallsWithDistancePerBand() {
    double previous24 = Double.POSITIVE_INFINITY;
    double previous5 = Double.POSITIVE_INFINITY;
    RandomGenerator fading = RandomStreams.of(1).forPhone("test").stream("fading");
    for (double d : new double[] {2, 5, 10, 20, 40, 80}) {
      // Averaged over 20 sites (seeds) so shadowing averages out even on a small circle.
      double sum24 = 0;
      double sum5 = 0;
      int n = 0;
      for (long seed = 1; seed <= 20; seed++) {
        RadioEnvironment site = new RadioEnvironment(List.of(ap24, ap5), seed);
        for (int i = 0; i < 200; i++) {
          double angle = 2 * Math.PI * i / 200;
          Position p = Position.of(d * Math.cos(angle), d * Math.sin(angle));
          sum24 += site.sampleRssiDbm(ap24, p, fading);
          sum5 += site.sampleRssiDbm(ap5, p, fading);
          n++;
        }
      }
      double mean24 = sum24 / n;
      double mean5 = sum5 / n;
      assertTrue(mean24 < previous24, "2.4 GHz average falls at " + d + " m: " + mean24);
      assertTrue(mean5 < previous5, "5 GHz average falls at " + d + " m: " + mean5);
      assertTrue(mean5 < mean24, "5 GHz weaker than 2.4 GHz at " + d + " m");
      previous24 = mean24;
      previous5 = mean5;
    }
  }

  @Test
  void shadowingIsStableInPlaceSeededAndPerAccessPoint() {
    Position p = Position.of(13.3, -7.9);
    assertEquals(env.shadowingDb(ap24, p), env.shadowingDb(ap24, p));
    RadioEnvironment same = new RadioEnvironment(List.of(ap5, ap24), 42);
    RadioEnvironment other = new RadioEnvironment(List.of(ap24, ap5), 43);
    assertEquals(env.shadowingDb(ap5, p), same.shadowingDb(ap5, p), "same seed, any AP order");
    assertNotEquals(env.shadowingDb(ap5, p), other.shadowingDb(ap5, p));
    assertNotEquals(
        env.shadowingDb(ap24, p) / Band.GHZ_2_4.shadowingSigmaDb(),
        env.shadowingDb(ap5, p) / Band.GHZ_5.shadowingSigmaDb(),
        "co-located APs have their own fields");
  }

  @Test
  void shadowingHasTheBandsSpreadAndGudmundsonCorrelation() {
    double d0 = RadioEnvironment.DECORRELATION_METRES;
    for (AccessPoint ap : List.of(ap24, ap5)) {
      double sigma = ap.band().shadowingSigmaDb();
      // Pairs of points (p, p + d in a random direction) over 40 sites, 200 m x 200 m each.
      double[] distances = {1, d0, 3 * d0, 10 * d0};
      double[] sum = new double[distances.length];
      double[] sumSq = new double[distances.length];
      double[] sumProduct = new double[distances.length];
      double[] sumOther = new double[distances.length];
      double[] sumOtherSq = new double[distances.length];
      int n = 0;
      RandomGenerator r = RandomStreams.of(7).forPhone("test").stream("points");
      for (long seed = 1; seed <= 40; seed++) {
        RadioEnvironment site = new RadioEnvironment(List.of(ap24, ap5), seed);
        for (int i = 0; i < 500; i++) {
          Position p = Position.of(r.nextDouble(200), r.nextDouble(200));
          double angle = r.nextDouble(2 * Math.PI);
          double s = site.shadowingDb(ap, p);
          for (int k = 0; k < distances.length; k++) {
            double d = distances[k];
            double t =
                site.shadowingDb(
                    ap, Position.of(p.x() + d * Math.cos(angle), p.y() + d * Math.sin(angle)));
            sum[k] += s;
            sumSq[k] += s * s;
            sumOther[k] += t;
            sumOtherSq[k] += t * t;
            sumProduct[k] += s * t;
          }
          n++;
        }
      }
      double mean = sum[0] / n;
      assertEquals(0, mean, 0.3, ap.band() + " mean");
      assertEquals(sigma, Math.sqrt(sumSq[0] / n - mean * mean), 0.3, ap.band() + " sigma");
      double[] rho = new double[distances.length];
      for (int k = 0; k < distances.length; k++) {
        double ma = sum[k] / n;
        double mb = sumOther[k] / n;
        double cov = sumProduct[k] / n - ma * mb;
        rho[k] = cov / Math.sqrt((sumSq[k] / n - ma * ma) * (sumOtherSq[k] / n - mb * mb));
      }
      assertTrue(rho[0] > 0.85, ap.band() + " 1 m apart: nearly the same shadow, " + rho[0]);
      assertEquals(Math.exp(-1), rho[1], 0.08, ap.band() + " at the decorrelation distance");
      assertEquals(Math.exp(-3), rho[2], 0.08, ap.band() + " at three times it");
      assertEquals(0, rho[3], 0.08, ap.band() + " far apart: independent");
    }
  }

  @Test
  void shadowingChangesGraduallyAlongAWalk() {
    // The old 2 m cells jumped by several dB at every edge; a walker now sees a slope.
    double worst = 0;
    Position previous = Position.of(0, 5);
    for (int step = 1; step <= 2000; step++) {
      Position p = Position.of(step * 0.1, 5);
      worst = Math.max(worst, Math.abs(env.shadowingDb(ap5, p) - env.shadowingDb(ap5, previous)));
      previous = p;
    }
    assertTrue(worst < 1.5, "largest change over 10 cm: " + worst + " dB");
  }

  @Test
  void scanHearsOnlyWhatIsAboveSensitivityAndLetThrough() {
    RandomGenerator fading = RandomStreams.of(1).forPhone("test").stream("fading");
    assertEquals(2, env.scan(Position.of(3, 0), ap -> true, fading).size());
    assertEquals(
        List.of(ap5),
        env.scan(Position.of(3, 0), ap -> ap.band() == Band.GHZ_5, fading).stream()
            .map(ScanResult::ap)
            .toList());
    assertTrue(env.scan(Position.of(2000, 0), ap -> true, fading).isEmpty());
    assertEquals(List.of("corp"), env.ssids());
  }

  @Test
  void channelsMapToFrequencies() {
    assertEquals(2412, Band.GHZ_2_4.frequencyMhz(1));
    assertEquals(2437, Band.GHZ_2_4.frequencyMhz(6));
    assertEquals(2484, Band.GHZ_2_4.frequencyMhz(14));
    assertEquals(5180, Band.GHZ_5.frequencyMhz(36));
    assertEquals(5745, Band.GHZ_5.frequencyMhz(149));
  }
}
