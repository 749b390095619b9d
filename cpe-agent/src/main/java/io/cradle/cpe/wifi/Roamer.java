package io.cradle.cpe.wifi;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The WP820's roaming decision (admin guide "Wi-Fi Roaming"), pure: given the current association
 * and the candidates a scan found, stay, roam, or give up the link.
 *
 * <ul>
 *   <li>At or above Signal Threshold the phone stays, however good the others are.
 *   <li>Below it, it roams to a usable candidate at least Roaming Gain dB stronger than the current
 *       AP; among those, with dual band, a 5 GHz AP whose signal is good (at or above the
 *       threshold) wins over any 2.4 GHz one, else the strongest wins.
 *   <li>With no such candidate and the current signal below {@link #LINK_LOST_DBM}, it
 *       disassociates; otherwise it stays and scans again at the poor signal interval.
 * </ul>
 *
 * Candidates are what the caller may join: the right SSID, on scanned bands and channels, not shown
 * as Disabled. Ties are broken by BSSID so decisions are reproducible.
 */
public final class Roamer {

  /**
   * Weakest signal the phone associates with (dBm): 3 dB above 802.11n MCS0 sensitivity (−82), so a
   * new link is not lost again at the first fade.
   */
  public static final double USABLE_DBM = -85.0;

  /** Below this the link is considered lost (dBm): beacons no longer decode reliably. */
  public static final double LINK_LOST_DBM = -88.0;

  private Roamer() {}

  /** What to do after a scan. */
  public sealed interface Decision {}

  /** Keep the current AP. */
  public record Stay() implements Decision {}

  /** Reassociate with {@code target}. */
  public record RoamTo(ScanResult target) implements Decision {}

  /** Drop the link: the current AP is gone and nothing can replace it. */
  public record Disassociate() implements Decision {}

  /** The decision for a phone associated as {@code current} that just heard {@code candidates}. */
  public static Decision decide(
      ScanResult current, List<ScanResult> candidates, WifiSettings settings) {
    if (current.rssiDbm() >= settings.thresholdDbm()) {
      return new Stay();
    }
    double needed = current.rssiDbm() + settings.roamingGainDb();
    List<ScanResult> better =
        candidates.stream()
            .filter(c -> !c.ap().bssid().equals(current.ap().bssid()))
            .filter(c -> c.rssiDbm() >= USABLE_DBM && c.rssiDbm() >= needed)
            .toList();
    Optional<ScanResult> best = preferred(better, settings);
    if (best.isPresent()) {
      return new RoamTo(best.get());
    }
    return current.rssiDbm() < LINK_LOST_DBM ? new Disassociate() : new Stay();
  }

  /** The AP an unassociated phone joins, if any candidate is usable. */
  public static Optional<ScanResult> choose(List<ScanResult> candidates, WifiSettings settings) {
    return preferred(candidates.stream().filter(c -> c.rssiDbm() >= USABLE_DBM).toList(), settings);
  }

  private static final Comparator<ScanResult> STRONGEST =
      Comparator.comparingDouble(ScanResult::rssiDbm).reversed().thenComparing(c -> c.ap().bssid());

  private static Optional<ScanResult> preferred(List<ScanResult> usable, WifiSettings settings) {
    if (settings.band() == WifiSettings.BandSetting.DUAL) {
      Optional<ScanResult> good5 =
          usable.stream()
              .filter(c -> c.ap().band() == Band.GHZ_5 && c.rssiDbm() >= settings.thresholdDbm())
              .min(STRONGEST);
      if (good5.isPresent()) {
        return good5;
      }
    }
    return usable.stream().filter(c -> settings.band().allows(c.ap().band())).min(STRONGEST);
  }
}
