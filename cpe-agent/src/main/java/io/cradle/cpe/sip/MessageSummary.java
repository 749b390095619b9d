package io.cradle.cpe.sip;

import java.util.Locale;

/**
 * A voice mailbox's state as an RFC 3842 {@code application/simple-message-summary} body tells it:
 * {@code Messages-Waiting: yes} and {@code Voice-Message: 2/8 (0/1)} (new/old, urgent new/old).
 * Message contexts other than voice (fax, text…) are read past: the WP820 shows voicemail only.
 *
 * @param waiting the body's Messages-Waiting
 * @param newMessages new voice messages, 0 when the body names no count
 */
public record MessageSummary(
    boolean waiting, int newMessages, int oldMessages, int urgentNew, int urgentOld) {

  /** An empty mailbox: what the phone knows before any NOTIFY. */
  public static final MessageSummary NONE = new MessageSummary(false, 0, 0, 0, 0);

  /** The MIME type of the body (RFC 3842 §3.3), also the SUBSCRIBE's Accept. */
  public static final String CONTENT_TYPE = "application/simple-message-summary";

  /** The event package (RFC 3842 §3.2). */
  public static final String EVENT = "message-summary";

  /**
   * Reads a message-summary body.
   *
   * @throws IllegalArgumentException naming the line, if Messages-Waiting is missing or not yes/no,
   *     or a Voice-Message count is not {@code new/old} or {@code new/old (urgent/urgent)}
   */
  public static MessageSummary parse(String body) {
    Boolean waiting = null;
    int[] voice = {0, 0, 0, 0};
    for (String raw : body.split("\r?\n")) {
      String line = raw.strip();
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue; // a blank line, or the optional message headers after the summary
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (name.equals("messages-waiting")) {
        switch (value.toLowerCase(Locale.ROOT)) {
          case "yes":
            waiting = true;
            break;
          case "no":
            waiting = false;
            break;
          default:
            throw new IllegalArgumentException(
                "Messages-Waiting must be yes or no, not \"" + value + "\"");
        }
      } else if (name.equals("voice-message")) {
        voice = counts(value);
      }
    }
    if (waiting == null) {
      throw new IllegalArgumentException("a message summary needs a Messages-Waiting line");
    }
    return new MessageSummary(waiting, voice[0], voice[1], voice[2], voice[3]);
  }

  /** {@code new/old} or {@code new/old (urgent-new/urgent-old)}. */
  private static int[] counts(String value) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "(\\d+)\\s*/\\s*(\\d+)(?:\\s*\\(\\s*(\\d+)\\s*/\\s*(\\d+)\\s*\\))?")
            .matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Voice-Message must read new/old or new/old (urgent/urgent), not \"" + value + "\"");
    }
    try {
      return new int[] {
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
        m.group(4) == null ? 0 : Integer.parseInt(m.group(4))
      };
    } catch (NumberFormatException tooLarge) {
      throw new IllegalArgumentException("Voice-Message count out of range: \"" + value + "\"");
    }
  }

  /** The body a notifier would send for this state (tests and logs). */
  public String body() {
    return "Messages-Waiting: "
        + (waiting ? "yes" : "no")
        + "\r\nVoice-Message: "
        + newMessages
        + "/"
        + oldMessages
        + " ("
        + urgentNew
        + "/"
        + urgentOld
        + ")\r\n";
  }
}
