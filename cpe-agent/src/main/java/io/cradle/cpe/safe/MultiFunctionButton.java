package io.cradle.cpe.safe;

import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import java.time.Duration;
import java.util.Objects;

/**
 * The WP820's multi-function (PTT) button: press and release, timed on the phone's scheduler, and
 * what each {@link ButtonMode} makes of a short press or a hold.
 *
 * <p>The mode is read from P99826 when the button goes down and kept until it comes up. A hold acts
 * when it reaches its hold time, while the button is still down (a panic must not wait for the
 * release): {@link #PANIC_HOLD} in SAFE/Panic mode, longer so that a knock does not call for help,
 * {@link #LONG_PRESS} otherwise. Released earlier, it is a short press. The guide gives no hold
 * times; these are Cradle's.
 */
public final class MultiFunctionButton {

  /** Hold time of a long press in PTT/Paging and Speed Dial modes. */
  public static final Duration LONG_PRESS = Duration.ofSeconds(1);

  /** Hold time that triggers the panic call in SAFE/Panic mode. */
  public static final Duration PANIC_HOLD = Duration.ofSeconds(3);

  /** The P-value holding the {@link ButtonMode} (placeholder number, see pvalues.csv). */
  public static final String MODE = "P99826";

  /** The speed dial number of Speed Dial mode (placeholder number). */
  public static final String SPEED_DIAL_NUMBER = "P99827";

  /** The account of the speed dial (placeholder number). */
  public static final String SPEED_DIAL_ACCOUNT = "P99828";

  private final Scheduler scheduler;
  private final PValueStore store;
  private final SafeMonitor monitor;
  private final ButtonActions actions;
  private ButtonMode heldMode;
  private boolean held;
  private boolean longFired;
  private Cancellable holdTimer;

  public MultiFunctionButton(
      Scheduler scheduler, PValueStore store, SafeMonitor monitor, ButtonActions actions) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.store = Objects.requireNonNull(store, "store");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.actions = Objects.requireNonNull(actions, "actions");
  }

  /** The configured mode. */
  public ButtonMode mode() {
    return ButtonMode.fromPValue(store.get(MODE).orElse("0"));
  }

  /** Whether the button is down. */
  public boolean isDown() {
    return held;
  }

  /** The button goes down; a second press without a release is ignored. */
  public void press() {
    if (held) {
      return;
    }
    held = true;
    longFired = false;
    heldMode = mode();
    Duration hold = heldMode == ButtonMode.SAFE_PANIC ? PANIC_HOLD : LONG_PRESS;
    holdTimer =
        scheduler.schedule(
            hold,
            () -> {
              holdTimer = null;
              longFired = true;
              onHold(heldMode);
            });
  }

  /** The button comes up: a short press if the hold time was not reached. */
  public void release() {
    if (!held) {
      return;
    }
    held = false;
    if (holdTimer != null) {
      holdTimer.cancel();
      holdTimer = null;
    }
    if (longFired) {
      onReleaseAfterHold(heldMode);
    } else {
      onShortPress(heldMode);
    }
  }

  /** Presses now and releases after {@code duration}, on the scheduler. */
  public void pressFor(Duration duration) {
    press();
    scheduler.schedule(duration, this::release);
  }

  private void onHold(ButtonMode mode) {
    switch (mode) {
      case PTT_PAGING:
        actions.pttStart();
        break;
      case SAFE_PANIC:
        monitor.panic();
        break;
      case SPEED_DIAL:
        String number = store.get(SPEED_DIAL_NUMBER).orElse("");
        if (!number.isBlank()) {
          actions.speedDial(Integer.parseInt(store.get(SPEED_DIAL_ACCOUNT).orElse("1")), number);
        }
        break;
      case MUTE:
      case DISABLED:
        break;
    }
  }

  private void onReleaseAfterHold(ButtonMode mode) {
    switch (mode) {
      case PTT_PAGING:
        actions.pttStop();
        break;
      case MUTE:
        // Mute acts on any press, however long.
        actions.toggleMute();
        break;
      case SAFE_PANIC:
      case SPEED_DIAL:
      case DISABLED:
        break;
    }
  }

  private void onShortPress(ButtonMode mode) {
    switch (mode) {
      case PTT_PAGING:
        actions.openPttSettings();
        break;
      case SAFE_PANIC:
        actions.openSafeStatus();
        break;
      case MUTE:
        actions.toggleMute();
        break;
      case SPEED_DIAL:
        actions.openStatusPage();
        break;
      case DISABLED:
        break;
    }
  }
}
