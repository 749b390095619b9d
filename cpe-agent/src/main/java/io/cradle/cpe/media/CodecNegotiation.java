package io.cradle.cpe.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Codec negotiation as the admin guide's Account/Codec Settings describe it: the offer lists the
 * Preferred Vocoder order (P57-P62, P46, P98; values are payload types), ptime comes from Voice
 * Frames per TX, and the callee picks by the caller's order or its own ("Codec Negotiation
 * Priority"), optionally answering with the first match only.
 */
public final class CodecNegotiation {

  /** Codec Negotiation Priority: whose order wins when this phone is the callee. */
  public enum Priority {
    /** The order of the received INVITE's SDP. */
    CALLER,
    /** This phone's Preferred Vocoder order. */
    CALLEE
  }

  /**
   * What the call will use.
   *
   * @param codec the codec both ends send
   * @param ptime packetisation time in ms
   * @param dtmfPayloadType the telephone-event payload type, or −1 if the far end has none (then
   *     DTMF goes in audio or by SIP INFO)
   */
  public record Negotiated(Codec codec, int ptime, int dtmfPayloadType) {}

  /** G.711 frames are 10 ms: Voice Frames per TX 2 gives ptime 20, as the admin guide says. */
  public static final int G711_FRAME_MS = 10;

  private CodecNegotiation() {}

  /** The ptime for Voice Frames per TX, clamped to 10-120 ms (a G.711 packet under 1,000 bytes). */
  public static int ptime(int voiceFramesPerTx) {
    return Math.max(1, Math.min(12, voiceFramesPerTx)) * G711_FRAME_MS;
  }

  /**
   * The offer of this phone: the implemented codecs among {@code preferredVocoders} in that order
   * (duplicates and unknown ones dropped), then telephone-event at {@code dtmfPayloadType} (96-127)
   * unless it is −1.
   *
   * @throws IllegalArgumentException if no implemented codec is preferred
   */
  public static SdpMedia offer(
      int port, List<Integer> preferredVocoders, int voiceFramesPerTx, int dtmfPayloadType) {
    List<Integer> pts = new ArrayList<>();
    for (int v : preferredVocoders) {
      if (Codec.ofPayloadType(v).isPresent() && !pts.contains(v)) {
        pts.add(v);
      }
    }
    if (pts.isEmpty()) {
      throw new IllegalArgumentException(
          "Preferred Vocoder "
              + preferredVocoders
              + " has no implemented codec (PCMU 0, PCMA 8, G722 9)");
    }
    if (dtmfPayloadType != -1) {
      if (dtmfPayloadType < 96 || dtmfPayloadType > 127) {
        throw new IllegalArgumentException("DTMF payload type " + dtmfPayloadType + " not 96-127");
      }
      pts.add(dtmfPayloadType);
    }
    return new SdpMedia(port, pts, dtmfPayloadType, ptime(voiceFramesPerTx));
  }

  /**
   * The callee's answer to {@code offer}, or empty if no codec is common (the call layer answers
   * 488). The ptime of the offer is kept; telephone-event is answered with the offer's payload type
   * if both ends want RFC 2833 ({@code wantDtmf}).
   */
  public static Optional<SdpMedia> answer(
      SdpMedia offer,
      int port,
      List<Integer> preferredVocoders,
      Priority priority,
      boolean firstMatchOnly,
      boolean wantDtmf) {
    List<Integer> mine = new ArrayList<>();
    for (int v : preferredVocoders) {
      if (Codec.ofPayloadType(v).isPresent() && !mine.contains(v)) {
        mine.add(v);
      }
    }
    List<Integer> common = new ArrayList<>();
    List<Integer> order = priority == Priority.CALLER ? offer.payloadTypes() : mine;
    List<Integer> other = priority == Priority.CALLER ? mine : offer.payloadTypes();
    for (int pt : order) {
      if (other.contains(pt) && Codec.ofPayloadType(pt).isPresent() && !common.contains(pt)) {
        common.add(pt);
      }
    }
    if (common.isEmpty()) {
      return Optional.empty();
    }
    List<Integer> pts = firstMatchOnly ? new ArrayList<>(common.subList(0, 1)) : common;
    int te = wantDtmf ? offer.telephoneEventPayloadType() : -1;
    if (te != -1) {
      pts.add(te);
    }
    return Optional.of(new SdpMedia(port, pts, te, offer.ptime()));
  }

  /**
   * What both ends use once the answer is known: the first codec of the answer, the answer's ptime,
   * telephone-event if the answer kept it.
   */
  public static Optional<Negotiated> agreed(SdpMedia answer) {
    List<Codec> codecs = answer.codecs();
    if (codecs.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Negotiated(codecs.get(0), answer.ptime(), answer.telephoneEventPayloadType()));
  }
}
