package io.cradle.cpe.media;

/**
 * An RFC 4733 (formerly RFC 2833) telephone-event payload: a DTMF digit sent in RTP.
 *
 * @param event 0-9 digits, 10 '*', 11 '#', 12-15 'A'-'D'
 * @param end the E bit: the last packet(s) of the event
 * @param volume 0-63, the power level in −dBm0
 * @param duration the event's duration so far, in timestamp units (1/8000 s)
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

  /** The digits in event-code order. */
  public static final String DIGITS = "0123456789*#ABCD";

  public TelephoneEvent {
    if (event < 0
        || event > 255
        || volume < 0
        || volume > 63
        || duration < 0
        || duration > 0xFFFF) {
      throw new IllegalArgumentException(
          "telephone-event out of range: event "
              + event
              + ", volume "
              + volume
              + ", duration "
              + duration);
    }
  }

  /** The event code of a DTMF digit (case-insensitive for A-D). */
  public static int eventOf(char digit) {
    int i = DIGITS.indexOf(Character.toUpperCase(digit));
    if (i < 0) {
      throw new IllegalArgumentException("'" + digit + "' is not a DTMF digit (0-9 * # A-D)");
    }
    return i;
  }

  /** The DTMF digit of this event, or '?' for other events (flash, tones). */
  public char digit() {
    return event < DIGITS.length() ? DIGITS.charAt(event) : '?';
  }

  /** The 4-byte payload. */
  public byte[] encode() {
    return new byte[] {
      (byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >> 8), (byte) duration
    };
  }

  /** Parses the first event of a payload; refuses one shorter than 4 bytes. */
  public static TelephoneEvent parse(byte[] payload) {
    if (payload.length < 4) {
      throw new MalformedPacketException(
          "telephone-event payload of " + payload.length + " bytes, needs 4");
    }
    return new TelephoneEvent(
        payload[0] & 0xFF,
        (payload[1] & 0x80) != 0,
        payload[1] & 0x3F,
        ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF));
  }
}
