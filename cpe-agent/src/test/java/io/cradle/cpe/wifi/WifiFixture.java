package io.cradle.cpe.wifi;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.time.RandomStreams;
import io.cradle.cpe.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** One phone's Wi-Fi on a virtual scheduler, with a movable position and a recorded event trace. */
final class WifiFixture {

  /** Directions {@link #whereMean} searches, east first. */
  private static final int RAYS = 16;

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  final VirtualScheduler scheduler = new VirtualScheduler(T0);
  final PValueStore store = new PValueStore(PValueCatalog.wp820());
  final AtomicReference<Position> position = new AtomicReference<>(Position.of(0, 0));
  final RadioEnvironment environment;
  final WifiRadio radio;
  final List<String> trace = new ArrayList<>();
  final List<Instant> scans = new ArrayList<>();
  final List<List<ScanResult>> scanResults = new ArrayList<>();

  WifiFixture(RadioEnvironment environment, long seed, Map<String, String> pvalues) {
    this.environment = environment;
    store.setAll(pvalues);
    radio =
        new WifiRadio(
            scheduler,
            RandomStreams.of(seed).forPhone("C0:74:AD:00:00:01").stream("wifi"),
            environment,
            position::get,
            store,
            DhcpPool.tenNet(environment.ssids(), 7));
    radio.addListener(
        new WifiListener() {
          @Override
          public void associated(AccessPoint ap, String ip) {
            log("associated " + ap.bssid() + " " + ip);
          }

          @Override
          public void roamed(AccessPoint from, AccessPoint to, Duration gap, String ip) {
            log("roamed " + from.bssid() + " -> " + to.bssid() + " gap " + gap.toMillis() + " ms");
          }

          @Override
          public void lostCoverage(AccessPoint last) {
            log("lostCoverage " + last.bssid());
          }

          @Override
          public void disconnected(AccessPoint last) {
            log("disconnected " + last.bssid());
          }

          @Override
          public void associationFailed(AccessPoint ap, AssociationFailure why) {
            log("failed " + ap.bssid() + " " + why);
          }

          @Override
          public void signalWarning(double rssiDbm) {
            log("signalWarning " + Math.round(rssiDbm));
          }

          @Override
          public void scanned(List<ScanResult> heard) {
            scans.add(scheduler.now());
            scanResults.add(heard);
          }
        });
  }

  /** Settings for network {@code ssid}, open, with the guide's scan intervals (600 s / 5 s). */
  static Map<String, String> open(String ssid) {
    return Map.of("P7800", "1", "P7812", ssid, "P7814", "0", "P22230", "600", "P22231", "5");
  }

  void log(String event) {
    trace.add(Duration.between(T0, scheduler.now()).toMillis() + " " + event);
  }

  void run(Duration d) {
    scheduler.runFor(d);
  }

  long count(String prefix) {
    return trace.stream().filter(e -> e.split(" ", 2)[1].startsWith(prefix)).count();
  }

  /**
   * The nearest position to {@code ap} (on {@value #RAYS} rays, in 10 cm steps) where its mean
   * signal (shadowing included) lies in [lo, hi] dBm; fails the test if there is none.
   */
  static Position whereMean(RadioEnvironment env, AccessPoint ap, double lo, double hi) {
    return whereMean(env, ap, lo, hi, p -> true);
  }

  /** As {@link #whereMean(RadioEnvironment, AccessPoint, double, double)}, where {@code also}. */
  static Position whereMean(
      RadioEnvironment env, AccessPoint ap, double lo, double hi, Predicate<Position> also) {
    for (double d = 0; d < 500; d += 0.1) {
      for (int ray = 0; ray < RAYS; ray++) {
        double angle = 2 * Math.PI * ray / RAYS;
        Position p =
            Position.of(
                ap.position().x() + d * Math.cos(angle), ap.position().y() + d * Math.sin(angle));
        double m = env.meanRssiDbm(ap, p);
        if (m >= lo && m <= hi && also.test(p)) {
          return p;
        }
      }
    }
    throw new AssertionError("no position with mean RSSI in [" + lo + ", " + hi + "] of " + ap);
  }
}
