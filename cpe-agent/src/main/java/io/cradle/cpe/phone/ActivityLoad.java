package io.cradle.cpe.phone;

import io.cradle.cpe.battery.Load;
import io.cradle.cpe.battery.LoadTracker;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.ptt.PttListener;
import io.cradle.cpe.ptt.PttSettings;
import io.cradle.cpe.safe.AlarmKind;
import io.cradle.cpe.safe.SafeListener;
import io.cradle.cpe.wifi.AccessPoint;
import io.cradle.cpe.wifi.ScanResult;
import io.cradle.cpe.wifi.WifiListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the phone's activity costs its battery: the events of the Wi-Fi radio, the calls, PTT and
 * SAFE turned into the parts of the battery's {@link Load}.
 *
 * <ul>
 *   <li>Every scan keeps the radio busy for {@link LoadTracker#SCAN_TIME}, a roam for that plus its
 *       reassociation gap: poor signal (scans every 5 s) costs more than good (every 600 s).
 *   <li>Ringing (incoming) lights the screen and sounds the loudspeaker; dialling (outgoing) lights
 *       the screen; once connected the call draws its current and the proximity sensor darkens the
 *       screen; when it ends, the screen stays lit for {@link LoadTracker#SCREEN_TIMEOUT}.
 *   <li>A PTT talk or page playing is audio on the loudspeaker; transmitting is audio sent like a
 *       call's; both wake the screen. With PTT or group paging enabled the radio listens for the
 *       multicast groups all the time.
 *   <li>A SAFE warning or alarm wakes the screen.
 * </ul>
 */
final class ActivityLoad implements WifiListener, PttListener, SafeListener {

  /** Why a part of the load is held: each lets go of its own hold only. */
  private enum Reason {
    RINGING,
    DIALLING,
    CALL,
    PTT_ENABLED,
    PTT_PLAYING,
    PTT_SENDING
  }

  private static final Set<String> PTT_ENABLES =
      Set.of(PttSettings.PTT_ENABLE, PttSettings.GROUP_ENABLE);

  private final LoadTracker loads;
  private final PValueStore store;

  ActivityLoad(LoadTracker loads, PValueStore store) {
    this.loads = loads;
    this.store = store;
  }

  /** Follows whether PTT listening is enabled, now and on every change of its P-values. */
  void followPttListening() {
    listenIfEnabled();
    store.addListener(
        (Map<String, String> changed) -> {
          if (changed.keySet().stream().anyMatch(PTT_ENABLES::contains)) {
            listenIfEnabled();
          }
        });
  }

  private void listenIfEnabled() {
    PttSettings settings = PttSettings.read(store);
    boolean listening = settings.ptt().enabled() || settings.groupPaging().enabled();
    loads.hold(Load.Part.PTT_LISTEN, Reason.PTT_ENABLED, listening);
  }

  /** A call event from the SIP stack. */
  void callEvent(PhoneEvent event) {
    switch (event) {
      case INCOMING_CALL -> {
        loads.hold(Load.Part.SCREEN, Reason.RINGING, true);
        loads.hold(Load.Part.SPEAKER, Reason.RINGING, true);
      }
      case OUTGOING_CALL -> loads.hold(Load.Part.SCREEN, Reason.DIALLING, true);
      case CONNECTED -> {
        stopRingingAndDialling();
        loads.hold(Load.Part.CALL, Reason.CALL, true);
      }
      case DISCONNECTED, MISSED_CALL -> {
        stopRingingAndDialling();
        loads.hold(Load.Part.CALL, Reason.CALL, false);
        wake();
      }
      default -> {}
    }
  }

  private void stopRingingAndDialling() {
    loads.hold(Load.Part.SPEAKER, Reason.RINGING, false);
    loads.hold(Load.Part.SCREEN, Reason.RINGING, false);
    loads.hold(Load.Part.SCREEN, Reason.DIALLING, false);
  }

  private void wake() {
    loads.burst(Load.Part.SCREEN, LoadTracker.SCREEN_TIMEOUT);
  }

  @Override
  public void scanned(List<ScanResult> heard) {
    loads.burst(Load.Part.WIFI_SCAN, LoadTracker.SCAN_TIME);
  }

  @Override
  public void roamed(AccessPoint from, AccessPoint to, Duration gap, String ip) {
    loads.burst(Load.Part.WIFI_SCAN, LoadTracker.SCAN_TIME.plus(gap));
  }

  @Override
  public void pttReceived(int channel, String callerId) {
    playing(true);
  }

  @Override
  public void pttEnded(int channel) {
    playing(false);
  }

  @Override
  public void multicastPageReceived(int priority, String label) {
    playing(true);
  }

  @Override
  public void multicastPageEnded(int priority) {
    playing(false);
  }

  private void playing(boolean on) {
    loads.hold(Load.Part.SPEAKER, Reason.PTT_PLAYING, on);
    wake();
  }

  @Override
  public void transmitStarted(int channel) {
    loads.hold(Load.Part.CALL, Reason.PTT_SENDING, true);
    wake();
  }

  @Override
  public void transmitStopped(int channel) {
    loads.hold(Load.Part.CALL, Reason.PTT_SENDING, false);
    wake();
  }

  @Override
  public void warning(AlarmKind kind) {
    wake();
  }

  @Override
  public void alarm(AlarmKind kind, boolean silent) {
    wake();
  }
}
