package io.cradle.cpe.sip;

import io.cradle.cpe.model.DataModel;
import io.cradle.cpe.model.Parameter;
import io.cradle.cwmp.param.ParameterType;

/**
 * The SIP user agent's live share of the TR-069 tree, per account (VoiceProfile {@code i}, its one
 * Line): TR-104's {@code Line.1.CallingFeatures.MessageWaiting} and, for the counts TR-104 issue 1
 * has no name for, Cradle's {@code X_CRADLE_NewVoiceMessages}/{@code X_CRADLE_OldVoiceMessages}
 * (RFC 3842 Voice-Message new/old); and the phone's MWI LED as {@code
 * VoiceService.1.X_CRADLE_MessageWaitingIndicator}. Value-change notification works on them by
 * polling, as on every live parameter.
 */
public final class SipParameters {

  public static final String VOICE_SERVICE = "Device.Services.VoiceService.1.";

  private SipParameters() {}

  /** Adds the parameters that read {@code sip}'s live state to {@code b}. */
  public static void addTo(DataModel.Builder b, SipUserAgent sip) {
    b.add(
        Parameter.live(
            VOICE_SERVICE + "X_CRADLE_MessageWaitingIndicator",
            ParameterType.BOOLEAN,
            () -> Boolean.toString(sip.messageWaitingIndicator())));
    for (int account = 1; account <= SipSettings.ACCOUNTS; account++) {
      int a = account;
      String features = VOICE_SERVICE + "VoiceProfile." + account + ".Line.1.CallingFeatures.";
      b.add(
          Parameter.live(
              features + "MessageWaiting",
              ParameterType.BOOLEAN,
              () -> Boolean.toString(summary(sip, a).waiting())));
      b.add(
          Parameter.live(
              features + "X_CRADLE_NewVoiceMessages",
              ParameterType.UNSIGNED_INT,
              () -> Integer.toString(summary(sip, a).newMessages())));
      b.add(
          Parameter.live(
              features + "X_CRADLE_OldVoiceMessages",
              ParameterType.UNSIGNED_INT,
              () -> Integer.toString(summary(sip, a).oldMessages())));
    }
  }

  private static MessageSummary summary(SipUserAgent sip, int account) {
    return sip.messageWaiting(account).map(MessageWaiting::summary).orElse(MessageSummary.NONE);
  }
}
