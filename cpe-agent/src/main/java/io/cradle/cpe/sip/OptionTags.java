package io.cradle.cpe.sip;

/**
 * SIP option tags, the names of extensions in Supported and Require (RFC 3261 §19.2), that this
 * phone speaks.
 */
public final class OptionTags {

  /** Session timers (RFC 4028). */
  public static final String TIMER = "timer";

  /** Reliable provisional responses, PRACK (RFC 3262). */
  public static final String RELIABLE_PROVISIONALS = "100rel";

  private OptionTags() {}

  /** Whether a Supported or Require value such as {@code timer, 100rel} names {@code tag}. */
  public static boolean has(String optionTags, String tag) {
    if (optionTags == null) {
      return false;
    }
    for (String t : optionTags.split(",")) {
      if (t.strip().equalsIgnoreCase(tag)) {
        return true;
      }
    }
    return false;
  }
}
