package io.cradle.cpe.wifi;

import io.cradle.cpe.config.PValueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The phone's Wi-Fi settings (admin guide "Wi-Fi Settings"), read from the P-value store.
 *
 * @param enabled P7800 Wi-Fi function
 * @param essid P7812, the one network the phone joins; empty means none configured
 * @param security P7814
 * @param password P7830 (WEP/WPA key, or the 802.1x password)
 * @param eapIdentity P99855, the 802.1x identity
 * @param band P99850
 * @param thresholdDbm P22232 Signal Threshold (−100..−30, −70)
 * @param roamingGainDb P99851 Roaming Gain
 * @param goodScanInterval P22230 Good Signal Scanning Interval
 * @param poorScanInterval P22231 Poor Signal Scanning Interval
 * @param warningLevel P99852 Wi-Fi Signal Warning
 * @param customChannels P99853/P99854: empty in auto mode (every channel scanned), else the only
 *     channels scanned and used; customize mode with an empty or unreadable list acts as auto, so a
 *     half-made setting cannot leave the phone scanning nothing
 */
public record WifiSettings(
    boolean enabled,
    String essid,
    Security security,
    String password,
    String eapIdentity,
    BandSetting band,
    int thresholdDbm,
    int roamingGainDb,
    Duration goodScanInterval,
    Duration poorScanInterval,
    SignalWarning warningLevel,
    Set<Integer> customChannels) {

  /** P-values read by {@link #from}; a change to any of them re-reads the settings. */
  public static final Set<String> PVALUES =
      Set.of(
          "P7800", "P7812", "P7814", "P7830", "P99855", "P99850", "P22232", "P99851", "P22230",
          "P22231", "P99852", "P99853", "P99854");

  public WifiSettings {
    customChannels = Collections.unmodifiableSet(new LinkedHashSet<>(customChannels));
  }

  /** Wi-Fi Band: 0 2.4G, 1 5G, 2 dual band (5 GHz preferred while its signal is good). */
  public enum BandSetting {
    GHZ_2_4_ONLY,
    GHZ_5_ONLY,
    DUAL;

    public boolean allows(Band b) {
      return switch (this) {
        case GHZ_2_4_ONLY -> b == Band.GHZ_2_4;
        case GHZ_5_ONLY -> b == Band.GHZ_5;
        case DUAL -> true;
      };
    }
  }

  /**
   * Wi-Fi Signal Warning: the phone warns when the signal falls below the level's threshold. The
   * guide gives no figures; ours are common VoWLAN design targets: −67 dBm (good, the usual
   * voice-grade minimum), −75 dBm (fair), −82 dBm (poor, 802.11n MCS0 sensitivity).
   */
  public enum SignalWarning {
    DISABLED(Double.NEGATIVE_INFINITY),
    POOR(-82),
    FAIR(-75),
    GOOD(-67);

    private final double belowDbm;

    SignalWarning(double belowDbm) {
      this.belowDbm = belowDbm;
    }

    /** The warning fires when the signal is below this, in dBm. */
    public double belowDbm() {
      return belowDbm;
    }
  }

  /** The settings as {@code store} holds them now. */
  public static WifiSettings from(PValueStore store) {
    return new WifiSettings(
        "1".equals(get(store, "P7800", "1")),
        get(store, "P7812", ""),
        Security.fromPValue(get(store, "P7814", "0")),
        get(store, "P7830", ""),
        get(store, "P99855", ""),
        switch (get(store, "P99850", "2")) {
          case "0" -> BandSetting.GHZ_2_4_ONLY;
          case "1" -> BandSetting.GHZ_5_ONLY;
          default -> BandSetting.DUAL;
        },
        integer(store, "P22232", -70),
        integer(store, "P99851", 5),
        Duration.ofSeconds(integer(store, "P22230", 600)),
        Duration.ofSeconds(integer(store, "P22231", 5)),
        switch (get(store, "P99852", "0")) {
          case "1" -> SignalWarning.POOR;
          case "2" -> SignalWarning.FAIR;
          case "3" -> SignalWarning.GOOD;
          default -> SignalWarning.DISABLED;
        },
        "1".equals(get(store, "P99853", "0")) ? channels(get(store, "P99854", "")) : Set.of());
  }

  /** Whether the radio scans and uses {@code ap}'s band and channel. */
  public boolean scans(AccessPoint ap) {
    return band.allows(ap.band())
        && (customChannels.isEmpty() || customChannels.contains(ap.channel()));
  }

  /** What the phone offers an AP: the key, or {@code identity:password} for 802.1x. */
  public String credential() {
    return security == Security.WPA_ENTERPRISE ? eapIdentity + ":" + password : password;
  }

  /**
   * Parses a customized channel list such as {@code 1, 6,11 36}; entries that are not numbers are
   * skipped (the web UI offers only a fixed list, so junk can come only from a hand-made file).
   */
  static Set<Integer> channels(String list) {
    List<Integer> out = new ArrayList<>();
    for (String part : list.split("[,;\\s]+")) {
      if (!part.isEmpty()) {
        try {
          out.add(Integer.parseInt(part));
        } catch (NumberFormatException e) {
          // skipped, see above
        }
      }
    }
    return new LinkedHashSet<>(out);
  }

  private static String get(PValueStore store, String number, String fallback) {
    return store.get(number).orElse(fallback);
  }

  private static int integer(PValueStore store, String number, int fallback) {
    try {
      return Integer.parseInt(get(store, number, Integer.toString(fallback)).trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
