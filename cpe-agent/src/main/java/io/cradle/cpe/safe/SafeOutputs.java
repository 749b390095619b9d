package io.cradle.cpe.safe;

import java.util.Objects;

/** What the {@link SafeMonitor} acts on when it warns and alarms. */
public record SafeOutputs(TonePlayer tones, EmergencyCall emergencyCall, SafeEventUrl eventUrl) {

  public SafeOutputs {
    Objects.requireNonNull(tones, "tones");
    Objects.requireNonNull(emergencyCall, "emergencyCall");
    Objects.requireNonNull(eventUrl, "eventUrl");
  }

  /** No tones, no call, no event URL: for phones whose media and SIP are not wired yet. */
  public static SafeOutputs none() {
    return new SafeOutputs(TonePlayer.NONE, EmergencyCall.NONE, SafeEventUrl.NONE);
  }
}
