package io.cradle.cpe.sip;

import java.time.Duration;

/**
 * An account's Session Timer settings (admin guide: Account → SIP Settings → Session Timer; RFC
 * 4028).
 *
 * @param enabled Enable Session Timer: {@code Supported: timer}, and Session-Expires on INVITE
 * @param expiration Session Expiration, the interval asked for (never below {@code minSe})
 * @param minSe Min-SE, the shortest interval this phone accepts (at least 90 s)
 * @param uacRefresher UAC Specify Refresher: who refreshes a call this phone places
 * @param uasRefresher UAS Specify Refresher: who refreshes a call this phone takes, when the caller
 *     left it open
 * @param callerRequestTimer Caller Request Timer: the INVITE says {@code refresher=uac}
 * @param calleeRequestTimer Callee Request Timer: the 200 names a refresher even when the INVITE
 *     asked for no timer
 * @param force Force Timer: keep the timer even when the peer does not support it
 * @param forceInvite Force INVITE: refresh by re-INVITE, never UPDATE
 */
public record SessionTimerSettings(
    boolean enabled,
    Duration expiration,
    Duration minSe,
    Refresher uacRefresher,
    Refresher uasRefresher,
    boolean callerRequestTimer,
    boolean calleeRequestTimer,
    boolean force,
    boolean forceInvite) {

  /** RFC 4028 §4: no Min-SE below 90 seconds. */
  public static final int MIN_SE_FLOOR = 90;

  /** Who refreshes the session: the caller, the callee, or left to the peer (OMIT). */
  public enum Refresher {
    OMIT,
    UAC,
    UAS;

    /** UAC Specify Refresher's code: 0 Omit, 1 UAC, 2 UAS. */
    static Refresher fromUacCode(String code) {
      switch (code.strip()) {
        case "1":
          return UAC;
        case "2":
          return UAS;
        default:
          return OMIT;
      }
    }

    /** The {@code refresher} parameter's value, null for OMIT. */
    public String token() {
      return this == OMIT ? null : name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
