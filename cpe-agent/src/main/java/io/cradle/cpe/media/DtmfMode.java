package io.cradle.cpe.media;

/** The DTMF setting of an account (admin guide: In audio, RFC2833, SIP INFO). */
public enum DtmfMode {
  /** Dual tones in the voice stream. */
  IN_AUDIO,
  /** RFC 2833/4733 telephone-event packets at the DTMF Payload Type. */
  RFC2833,
  /** SIP INFO requests — sent by the SIP layer, not by media. */
  SIP_INFO
}
