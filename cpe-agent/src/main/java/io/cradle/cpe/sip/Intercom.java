package io.cradle.cpe.sip;

import java.util.Locale;

/**
 * Whether an incoming INVITE asks to be answered at once as an intercom or page — what Auto Answer
 * "Enable Intercom/Paging" (P90 / P425 = 2) answers by. Servers say it in one of the conventions
 * the phones of the field understand: {@code Call-Info: <uri>;answer-after=0} (BroadSoft,
 * Asterisk's Page), or an {@code Alert-Info} of {@code info=alert-autoanswer}, {@code Auto Answer},
 * {@code intercom} or {@code ring-answer} (Grandstream, Polycom, FreePBX).
 */
final class Intercom {

  private Intercom() {}

  static boolean requested(SipPort.IncomingInvite invite) {
    String callInfo = lower(invite.header("Call-Info"));
    if (callInfo.contains("answer-after=")) {
      return true;
    }
    String alertInfo = lower(invite.header("Alert-Info"));
    return alertInfo.contains("alert-autoanswer")
        || alertInfo.contains("auto answer")
        || alertInfo.contains("intercom")
        || alertInfo.contains("ring-answer");
  }

  private static String lower(String value) {
    return value == null ? "" : value.toLowerCase(Locale.ROOT);
  }
}
