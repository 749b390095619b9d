package io.cradle.cpe.wifi;

import io.cradle.cpe.config.PValueListener;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cpe.wifi.WifiListener.AssociationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The phone's Wi-Fi client on its scheduler: scanning, association, roaming, DHCP and counters.
 *
 * <ul>
 *   <li><b>Scanning</b> at the Good Signal Scanning Interval while the signal is at or above Signal
 *       Threshold, at the Poor Signal Scanning Interval below it; when the signal crosses the
 *       threshold the next scan moves to last scan + the other interval. Unassociated, it scans
 *       every {@link #DISCONNECTED_SCAN_INTERVAL}. Only the allowed band(s) and, in customize
 *       channel mode, the listed channels are scanned.
 *   <li><b>Association</b> with an AP of the configured ESSID, chosen and roamed by {@link Roamer}.
 *       An association reject, a security mode mismatch or wrong credentials mark the AP Disabled
 *       (admin guide) until the Wi-Fi settings change; the next candidate is tried at once.
 *   <li><b>Link monitoring</b>: every {@link #LINK_CHECK_INTERVAL} the current AP's signal is
 *       sampled; {@link #LINK_LOSS_SAMPLES} samples in a row below {@link Roamer#LINK_LOST_DBM}
 *       lose the link (beacon loss), and the phone scans at once.
 *   <li><b>Addresses</b> come from the {@link DhcpPool} of the network joined.
 * </ul>
 *
 * All state changes run on the scheduler; P-value changes are picked up by a store listener that
 * schedules a re-read, so a change from a TR-069 session thread never races the model. Getters may
 * be read from any thread.
 */
public final class WifiRadio {

  /** How often the current AP's signal is sampled (about 20 beacons at the usual 102.4 ms). */
  public static final Duration LINK_CHECK_INTERVAL = Duration.ofSeconds(2);

  /** Samples in a row below {@link Roamer#LINK_LOST_DBM} that lose the link (~6 s of beacons). */
  public static final int LINK_LOSS_SAMPLES = 3;

  /** Scan interval with no association, as Android's wpa_supplicant does when disconnected. */
  public static final Duration DISCONNECTED_SCAN_INTERVAL = Duration.ofSeconds(10);

  /**
   * Shortest and longest media gap of a roam: reassociation plus the WPA2 4-way handshake without
   * 802.11r fast transition typically takes 50-150 ms; each roam draws uniformly in between.
   */
  public static final Duration MIN_ROAM_GAP = Duration.ofMillis(50);

  public static final Duration MAX_ROAM_GAP = Duration.ofMillis(150);

  /** The signal must climb this far above the warning level before a new warning can fire. */
  public static final double WARNING_HYSTERESIS_DB = 3.0;

  private final Scheduler scheduler;
  private final RandomGenerator random;
  private final RadioEnvironment environment;
  private final Supplier<Position> position;
  private final PValueStore store;
  private final DhcpPool dhcp;
  private final List<WifiListener> listeners = new CopyOnWriteArrayList<>();
  private final PValueListener storeListener = this::onPValuesChanged;
  private final Map<String, AssociationFailure> disabled = new LinkedHashMap<>();

  private volatile WifiSettings settings;
  private volatile boolean running;
  private volatile AccessPoint current;
  private volatile double rssiDbm = Double.NaN;
  private volatile String ipAddress;
  private volatile long roamCount;
  private volatile long packetsSent;
  private volatile long packetsReceived;
  private volatile long errorsSent;
  private volatile long errorsReceived;
  private volatile Duration lastRoamGap = Duration.ZERO;
  private double errorCarrySent;
  private double errorCarryReceived;
  private Cancellable scanTimer;
  private Cancellable linkTimer;
  private Instant lastScan;
  private int weakSamples;
  private boolean warned;

  /**
   * A radio, off until {@link #start}.
   *
   * @param random this phone's own Wi-Fi stream (fading samples, roam gaps)
   * @param position where the phone is now; read at every scan and link check
   */
  public WifiRadio(
      Scheduler scheduler,
      RandomGenerator random,
      RadioEnvironment environment,
      Supplier<Position> position,
      PValueStore store,
      DhcpPool dhcp) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.random = Objects.requireNonNull(random, "random");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.position = Objects.requireNonNull(position, "position");
    this.store = Objects.requireNonNull(store, "store");
    this.dhcp = Objects.requireNonNull(dhcp, "dhcp");
    this.settings = WifiSettings.from(store);
  }

  public void addListener(WifiListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  public void removeListener(WifiListener listener) {
    listeners.remove(listener);
  }

  /** Powers the radio on: reads the settings and, if Wi-Fi is on, scans at once. */
  public void start() {
    if (running) {
      return;
    }
    running = true;
    store.addListener(storeListener);
    settings = WifiSettings.from(store);
    if (settings.enabled()) {
      scanTimer = scheduler.schedule(Duration.ZERO, this::scan);
    }
  }

  /** Powers the radio off (phone shutdown): drops the link and stops every timer. */
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    store.removeListener(storeListener);
    cancelScan();
    if (current != null) {
      disconnect();
    }
  }

  /**
   * Counts traffic through the radio and the errors the current signal causes (expected value,
   * carried over between calls, so counters are deterministic).
   *
   * @return false, counting nothing, when there is no association to carry the packets
   */
  public boolean onTraffic(long sent, long received) {
    if (sent < 0 || received < 0) {
      throw new IllegalArgumentException("negative packet count");
    }
    if (current == null) {
      return false;
    }
    double per = LinkRate.packetErrorRate(rssiDbm);
    packetsSent += sent;
    packetsReceived += received;
    errorCarrySent += sent * per;
    errorCarryReceived += received * per;
    long es = (long) errorCarrySent;
    long er = (long) errorCarryReceived;
    errorCarrySent -= es;
    errorCarryReceived -= er;
    errorsSent += es;
    errorsReceived += er;
    return true;
  }

  // ------------------------------------------------------------------ state

  public WifiSettings settings() {
    return settings;
  }

  /** Whether the radio is powered and Wi-Fi is on (P7800). */
  public boolean enabled() {
    return running && settings.enabled();
  }

  /** The AP the phone is associated with. */
  public Optional<AccessPoint> accessPoint() {
    return Optional.ofNullable(current);
  }

  public boolean associated() {
    return current != null;
  }

  /** The last sampled signal of the current AP in dBm; NaN when not associated. */
  public double rssiDbm() {
    return rssiDbm;
  }

  /** The address from the current network's DHCP. */
  public Optional<String> ipAddress() {
    return Optional.ofNullable(ipAddress);
  }

  /** Connection speed: the PHY rate at the last sampled signal, kbit/s; 0 when not associated. */
  public int connectionSpeedKbps() {
    AccessPoint ap = current;
    return ap == null ? 0 : LinkRate.phyRateKbps(ap.band(), rssiDbm);
  }

  /** The rate the phone's downlink data gets: the PHY rate less the AP's load, kbit/s. */
  public int downlinkRateKbps() {
    AccessPoint ap = current;
    return ap == null ? 0 : (int) Math.round(connectionSpeedKbps() * (1 - ap.load()));
  }

  public long roamCount() {
    return roamCount;
  }

  /** The media gap of the last roam ({@link Duration#ZERO} before the first). */
  public Duration lastRoamGap() {
    return lastRoamGap;
  }

  public long packetsSent() {
    return packetsSent;
  }

  public long packetsReceived() {
    return packetsReceived;
  }

  public long errorsSent() {
    return errorsSent;
  }

  public long errorsReceived() {
    return errorsReceived;
  }

  /** APs shown as Disabled, by BSSID, with why; cleared when the Wi-Fi settings change. */
  public synchronized Map<String, AssociationFailure> disabledAccessPoints() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(disabled));
  }

  // ------------------------------------------------------------------ scanning and roaming

  private void scan() {
    scanTimer = null;
    if (!running || !settings.enabled()) {
      return;
    }
    lastScan = scheduler.now();
    Position here = position.get();
    WifiSettings s = settings;
    List<ScanResult> heard = environment.scan(here, s::scans, random);
    listeners.forEach(l -> l.scanned(heard));
    List<ScanResult> candidates = new ArrayList<>();
    for (ScanResult r : heard) {
      if (r.ap().ssid().equals(s.essid()) && !isDisabled(r.ap())) {
        candidates.add(r);
      }
    }
    AccessPoint ap = current;
    if (ap == null) {
      associateBest(candidates);
    } else {
      ScanResult now =
          heard.stream()
              .filter(r -> r.ap().bssid().equals(ap.bssid()))
              .findFirst()
              .orElseGet(() -> new ScanResult(ap, environment.sampleRssiDbm(ap, here, random)));
      rssiDbm = now.rssiDbm();
      roamOrStay(now, candidates);
      if (current != null) {
        checkWarning();
      }
    }
    scheduleNextScan();
  }

  private void roamOrStay(ScanResult now, List<ScanResult> candidates) {
    while (true) {
      Roamer.Decision decision = Roamer.decide(now, candidates, settings);
      if (decision instanceof Roamer.RoamTo roam) {
        if (associate(roam.target(), true)) {
          return;
        }
        candidates.remove(roam.target());
      } else if (decision instanceof Roamer.Disassociate) {
        loseCoverage();
        candidates.removeIf(c -> c.ap().bssid().equals(now.ap().bssid()));
        associateBest(candidates);
        return;
      } else {
        return;
      }
    }
  }

  private void associateBest(List<ScanResult> candidates) {
    Optional<ScanResult> best;
    while ((best = Roamer.choose(candidates, settings)).isPresent()) {
      if (associate(best.get(), false)) {
        return;
      }
      candidates.remove(best.get());
    }
  }

  private boolean associate(ScanResult target, boolean roam) {
    AccessPoint ap = target.ap();
    Optional<AssociationFailure> failure = refusal(ap);
    if (failure.isPresent()) {
      synchronized (this) {
        disabled.put(ap.bssid(), failure.get());
      }
      listeners.forEach(l -> l.associationFailed(ap, failure.get()));
      return false;
    }
    AccessPoint from = current;
    current = ap;
    rssiDbm = target.rssiDbm();
    ipAddress = dhcp.addressFor(ap.ssid());
    weakSamples = 0;
    String ip = ipAddress;
    if (roam && from != null) {
      roamCount++;
      long spanMs = MAX_ROAM_GAP.toMillis() - MIN_ROAM_GAP.toMillis();
      Duration gap = MIN_ROAM_GAP.plusMillis(random.nextLong(spanMs + 1));
      lastRoamGap = gap;
      listeners.forEach(l -> l.roamed(from, ap, gap, ip));
    } else {
      listeners.forEach(l -> l.associated(ap, ip));
    }
    if (linkTimer == null) {
      linkTimer = scheduler.every(LINK_CHECK_INTERVAL, this::checkLink);
    }
    return true;
  }

  private Optional<AssociationFailure> refusal(AccessPoint ap) {
    WifiSettings s = settings;
    if (ap.rejectsAssociation()) {
      return Optional.of(AssociationFailure.REJECTED);
    }
    if (ap.security() != s.security()) {
      return Optional.of(AssociationFailure.SECURITY_MISMATCH);
    }
    if (ap.security() != Security.OPEN && !ap.secret().equals(s.credential())) {
      return Optional.of(AssociationFailure.WRONG_CREDENTIALS);
    }
    return Optional.empty();
  }

  private synchronized boolean isDisabled(AccessPoint ap) {
    return disabled.containsKey(ap.bssid());
  }

  private void checkLink() {
    AccessPoint ap = current;
    if (ap == null || !running) {
      return;
    }
    boolean wasGood = rssiDbm >= settings.thresholdDbm();
    double sample = environment.sampleRssiDbm(ap, position.get(), random);
    rssiDbm = sample;
    if (sample < Roamer.LINK_LOST_DBM) {
      if (++weakSamples >= LINK_LOSS_SAMPLES) {
        loseCoverage();
        cancelScan();
        scanTimer = scheduler.schedule(Duration.ZERO, this::scan);
        return;
      }
    } else {
      weakSamples = 0;
    }
    checkWarning();
    if (wasGood != (sample >= settings.thresholdDbm())) {
      rescheduleScan();
    }
  }

  private void checkWarning() {
    WifiSettings.SignalWarning level = settings.warningLevel();
    if (level == WifiSettings.SignalWarning.DISABLED) {
      warned = false;
    } else if (!warned && rssiDbm < level.belowDbm()) {
      warned = true;
      double rssi = rssiDbm;
      listeners.forEach(l -> l.signalWarning(rssi));
    } else if (warned && rssiDbm >= level.belowDbm() + WARNING_HYSTERESIS_DB) {
      warned = false;
    }
  }

  private Duration scanInterval() {
    if (current == null) {
      return DISCONNECTED_SCAN_INTERVAL;
    }
    return rssiDbm >= settings.thresholdDbm()
        ? settings.goodScanInterval()
        : settings.poorScanInterval();
  }

  private void scheduleNextScan() {
    cancelScan();
    if (running && settings.enabled()) {
      scanTimer = scheduler.schedule(scanInterval(), this::scan);
    }
  }

  /** Moves the pending scan to last scan + the interval that applies now. */
  private void rescheduleScan() {
    cancelScan();
    if (running && settings.enabled()) {
      Instant due = lastScan == null ? scheduler.now() : lastScan.plus(scanInterval());
      scanTimer = scheduler.scheduleAt(due, this::scan);
    }
  }

  private void cancelScan() {
    if (scanTimer != null) {
      scanTimer.cancel();
      scanTimer = null;
    }
  }

  private void loseCoverage() {
    AccessPoint last = current;
    clearLink();
    listeners.forEach(l -> l.lostCoverage(last));
  }

  private void disconnect() {
    AccessPoint last = current;
    clearLink();
    listeners.forEach(l -> l.disconnected(last));
  }

  private void clearLink() {
    current = null;
    ipAddress = null;
    rssiDbm = Double.NaN;
    weakSamples = 0;
    warned = false;
    if (linkTimer != null) {
      linkTimer.cancel();
      linkTimer = null;
    }
  }

  // ------------------------------------------------------------------ settings

  private void onPValuesChanged(Map<String, String> changed) {
    if (changed.keySet().stream().anyMatch(WifiSettings.PVALUES::contains)) {
      scheduler.schedule(Duration.ZERO, this::reloadSettings);
    }
  }

  private void reloadSettings() {
    if (!running) {
      return;
    }
    WifiSettings old = settings;
    WifiSettings now = WifiSettings.from(store);
    if (now.equals(old)) {
      return;
    }
    settings = now;
    boolean network =
        now.enabled() != old.enabled()
            || !now.essid().equals(old.essid())
            || now.security() != old.security()
            || !now.credential().equals(old.credential())
            || now.band() != old.band()
            || !now.customChannels().equals(old.customChannels());
    if (!network) {
      // Threshold, gain, intervals or warning level: the link stays, the scan timer follows.
      rescheduleScan();
      return;
    }
    synchronized (this) {
      disabled.clear();
    }
    AccessPoint ap = current;
    boolean keep =
        ap != null
            && now.enabled()
            && ap.ssid().equals(now.essid())
            && now.scans(ap)
            && now.security() == old.security()
            && now.credential().equals(old.credential());
    if (ap != null && !keep) {
      disconnect();
    }
    cancelScan();
    if (now.enabled()) {
      scanTimer = scheduler.schedule(Duration.ZERO, this::scan);
    }
  }
}
