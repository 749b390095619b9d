package io.cradle.cpe.safe;

/**
 * The functions of the multi-function (PTT) button, admin guide "Multi-function Button", stored in
 * P99826 (a placeholder number) as {@code 0} to {@code 4}.
 */
public enum ButtonMode {
  /** Short press: PTT/Paging settings; hold: a PTT/paging call while held. */
  PTT_PAGING,
  /** Short press: the SAFE status page; hold {@link MultiFunctionButton#PANIC_HOLD}: panic call. */
  SAFE_PANIC,
  /** Any press: mute the ringtone of an incoming call, or mute/unmute during a call. */
  MUTE,
  /** Short press: the status page; hold: dial the speed dial contact. */
  SPEED_DIAL,
  /** The button does nothing. */
  DISABLED;

  /** The mode stored as {@code value}; anything unknown reads as the default, PTT/Paging. */
  public static ButtonMode fromPValue(String value) {
    if (value != null && value.length() == 1) {
      int i = value.charAt(0) - '0';
      if (i >= 0 && i < values().length) {
        return values()[i];
      }
    }
    return PTT_PAGING;
  }

  /** The stored value, {@code 0} to {@code 4}. */
  public String pvalue() {
    return Integer.toString(ordinal());
  }
}
