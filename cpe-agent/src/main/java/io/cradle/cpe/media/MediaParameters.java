package io.cradle.cpe.media;

import java.time.Duration;
import java.util.Objects;

/**
 * How a connected call leg sends and receives, from the negotiation and the account's settings.
 *
 * @param codec the negotiated codec
 * @param ptime packetisation time in ms (from the SDP)
 * @param dtmfPayloadType the negotiated telephone-event payload type, −1 if none
 * @param dtmfMode the account's DTMF setting; RFC2833 falls back to in-audio without a payload type
 * @param symmetricRtp Symmetric RTP (P291): send to where the far end's packets come from
 * @param rtpTimeout RTP Timeout (P29068): hang up after this long without a packet; zero disables
 * @param jitterMinMs Minimum Jitter Buffer Length (WP820 default 0 ms)
 * @param jitterMaxMs Maximum Jitter Buffer Length (WP820 default 1000 ms)
 */
public record MediaParameters(
    Codec codec,
    int ptime,
    int dtmfPayloadType,
    DtmfMode dtmfMode,
    boolean symmetricRtp,
    Duration rtpTimeout,
    int jitterMinMs,
    int jitterMaxMs) {

  public MediaParameters {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(dtmfMode, "dtmfMode");
    Objects.requireNonNull(rtpTimeout, "rtpTimeout");
    if (ptime < 10 || ptime > 120 || ptime % 10 != 0) {
      throw new IllegalArgumentException(
          "ptime " + ptime + " ms: G.711 needs 10-120 in steps of 10");
    }
    if (dtmfPayloadType != -1 && (dtmfPayloadType < 96 || dtmfPayloadType > 127)) {
      throw new IllegalArgumentException("DTMF payload type " + dtmfPayloadType + " not 96-127");
    }
    if (jitterMinMs < 0 || jitterMaxMs < jitterMinMs) {
      throw new IllegalArgumentException(
          "jitter buffer min " + jitterMinMs + " ms, max " + jitterMaxMs + " ms");
    }
  }

  /**
   * The negotiated values with the WP820's defaults: RFC2833, no symmetric RTP, 30 s, 0-1000 ms.
   */
  public static MediaParameters of(CodecNegotiation.Negotiated negotiated) {
    return of(negotiated.codec(), negotiated.ptime(), negotiated.dtmfPayloadType());
  }

  /** The given codec, ptime and DTMF payload type with the WP820's defaults. */
  public static MediaParameters of(Codec codec, int ptime, int dtmfPayloadType) {
    return new MediaParameters(
        codec, ptime, dtmfPayloadType, DtmfMode.RFC2833, false, Duration.ofSeconds(30), 0, 1000);
  }

  /** With another DTMF mode. */
  public MediaParameters withDtmfMode(DtmfMode mode) {
    return new MediaParameters(
        codec, ptime, dtmfPayloadType, mode, symmetricRtp, rtpTimeout, jitterMinMs, jitterMaxMs);
  }

  /** With Symmetric RTP on or off. */
  public MediaParameters withSymmetricRtp(boolean on) {
    return new MediaParameters(
        codec, ptime, dtmfPayloadType, dtmfMode, on, rtpTimeout, jitterMinMs, jitterMaxMs);
  }

  /** With another RTP timeout (zero disables). */
  public MediaParameters withRtpTimeout(Duration timeout) {
    return new MediaParameters(
        codec, ptime, dtmfPayloadType, dtmfMode, symmetricRtp, timeout, jitterMinMs, jitterMaxMs);
  }

  /** With other jitter buffer bounds. */
  public MediaParameters withJitterBuffer(int minMs, int maxMs) {
    return new MediaParameters(
        codec, ptime, dtmfPayloadType, dtmfMode, symmetricRtp, rtpTimeout, minMs, maxMs);
  }

  /** Samples (and RTP timestamp units) per packet. */
  public int samplesPerPacket() {
    return ptime * Codec.CLOCK_RATE / 1000;
  }

  /** Whether DTMF goes as RFC 2833 events (mode RFC2833 and a payload type agreed). */
  public boolean rfc2833() {
    return dtmfMode == DtmfMode.RFC2833 && dtmfPayloadType != -1;
  }
}
