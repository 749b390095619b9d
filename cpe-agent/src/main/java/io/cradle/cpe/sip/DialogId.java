package io.cradle.cpe.sip;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Which INVITE dialog a call is, seen from this end: Call-ID and both tags. An attended transfer
 * names the dialog to replace by it (RFC 3891 Replaces, carried in a REFER's Refer-To).
 */
public record DialogId(String callId, String localTag, String remoteTag) {

  public DialogId {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(localTag, "localTag");
    Objects.requireNonNull(remoteTag, "remoteTag");
  }

  /**
   * The Replaces value that names this dialog to its peer (RFC 3891 §3: the peer matches {@code
   * to-tag} against its local tag, {@code from-tag} against its remote one).
   */
  public String asReplaces() {
    return callId + ";to-tag=" + remoteTag + ";from-tag=" + localTag;
  }

  /**
   * The dialog a received Replaces value names, seen from here.
   *
   * @throws IllegalArgumentException if the value lacks a Call-ID or either tag
   */
  public static DialogId fromReplaces(String value) {
    String[] parts = value.strip().split(";");
    String toTag = null;
    String fromTag = null;
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].strip().split("=", 2);
      if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("to-tag")) {
        toTag = kv[1].strip();
      } else if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("from-tag")) {
        fromTag = kv[1].strip();
      }
    }
    if (parts[0].isBlank() || toTag == null || fromTag == null) {
      throw new IllegalArgumentException(
          "Replaces needs a Call-ID, a to-tag and a from-tag, got: " + value);
    }
    return new DialogId(parts[0].strip(), toTag, fromTag);
  }

  /**
   * A Refer-To URI that asks its receiver to call {@code target} replacing this dialog of the
   * target's, e.g. {@code sip:2003@pbx?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2}.
   */
  public String referTo(String target) {
    return target + "?Replaces=" + escape(asReplaces());
  }

  /**
   * A Refer-To URI split into the URI to call and the Replaces header the INVITE to it carries.
   *
   * @param replaces the Replaces value as sent (the target's view of its dialog), or null
   */
  public record ReferTarget(String uri, String replaces) {

    /**
     * Reads a Refer-To URI such as {@link DialogId#referTo} writes.
     *
     * @throws IllegalArgumentException if it carries a malformed Replaces
     */
    public static ReferTarget parse(String referTo) {
      int q = referTo.indexOf('?');
      if (q < 0) {
        return new ReferTarget(referTo, null);
      }
      String replaces = null;
      for (String header : referTo.substring(q + 1).split("&")) {
        String[] kv = header.split("=", 2);
        if (kv.length == 2 && kv[0].equalsIgnoreCase("Replaces")) {
          replaces = unescape(kv[1]);
          fromReplaces(replaces); // refused here rather than by the target
        }
      }
      return new ReferTarget(referTo.substring(0, q), replaces);
    }
  }

  /** RFC 3261 §19.1.1: a URI header value escapes all but unreserved characters. */
  private static String escape(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-_.!~*'()".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String unescape(String value) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] in = value.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%') {
        if (i + 2 >= in.length) {
          throw new IllegalArgumentException("a % escape is cut short in " + value);
        }
        try {
          out.write(Integer.parseInt(new String(in, i + 1, 2, StandardCharsets.US_ASCII), 16));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("a % escape is no hex in " + value, e);
        }
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
