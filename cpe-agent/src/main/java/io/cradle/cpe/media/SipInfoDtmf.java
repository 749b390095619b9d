package io.cradle.cpe.media;

import java.util.Locale;

/**
 * The body of a SIP INFO carrying DTMF ({@code application/dtmf-relay}, the de-facto format
 * Grandstream, Cisco and Asterisk use): {@code Signal=5} and {@code Duration=100} lines. The SIP
 * layer sends and receives the INFO; this is only its body, shared so both ends agree.
 *
 * @param digit 0-9, *, #, A-D
 * @param durationMs the tone's duration in ms
 */
public record SipInfoDtmf(char digit, int durationMs) {

  /** The Content-Type of the body. */
  public static final String CONTENT_TYPE = "application/dtmf-relay";

  public SipInfoDtmf {
    digit = Character.toUpperCase(digit);
    TelephoneEvent.eventOf(digit);
    if (durationMs <= 0) {
      throw new IllegalArgumentException("DTMF duration " + durationMs + " ms");
    }
  }

  /** The body, CRLF-terminated lines. */
  public String body() {
    return "Signal=" + digit + "\r\nDuration=" + durationMs + "\r\n";
  }

  /**
   * Parses a body; Duration defaults to 250 ms when absent (as receivers commonly assume).
   *
   * @throws IllegalArgumentException without a valid Signal line
   */
  public static SipInfoDtmf parse(String body) {
    Character digit = null;
    int duration = 250;
    for (String raw : body.split("\r?\n")) {
      int eq = raw.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = raw.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = raw.substring(eq + 1).trim();
      if (key.equals("signal") && value.length() == 1) {
        digit = value.charAt(0);
      } else if (key.equals("signal") && value.equals("10")) {
        digit = '*'; // some senders number the keys like RFC 4733
      } else if (key.equals("signal") && value.equals("11")) {
        digit = '#';
      } else if (key.equals("duration")) {
        try {
          duration = Integer.parseInt(value);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "dtmf-relay Duration '" + value + "' is not a number", e);
        }
      }
    }
    if (digit == null) {
      throw new IllegalArgumentException("dtmf-relay body without a Signal line: " + body);
    }
    return new SipInfoDtmf(digit, duration);
  }
}
