package io.cradle.cpe.safe;

/**
 * What the multi-function button does outside SAFE: the phone's PTT, call and screen functions
 * implement it (the SIP and PTT stacks later). Every method has a no-op default.
 */
public interface ButtonActions {

  /** Does nothing on every press. */
  ButtonActions NONE = new ButtonActions() {};

  /** PTT/Paging mode, held: start transmitting on the PTT/paging channel. */
  default void pttStart() {}

  /** PTT/Paging mode: the button held for PTT is released. */
  default void pttStop() {}

  /** PTT/Paging mode, short press: the PTT/Paging settings screen. */
  default void openPttSettings() {}

  /** SAFE/Panic mode, short press: the status page showing whether Panic Call is enabled. */
  default void openSafeStatus() {}

  /** Speed Dial mode, short press: the status page. */
  default void openStatusPage() {}

  /** Mute mode: mute a ringing call's ringtone, or mute/unmute the call in progress. */
  default void toggleMute() {}

  /** Speed Dial mode, held: dial {@code number} on account {@code account}. */
  default void speedDial(int account, String number) {}
}
