package io.cradle.cpe.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.media.CodecNegotiation.Negotiated;
import io.cradle.cpe.media.CodecNegotiation.Priority;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecNegotiationTest {

  @Test
  void offerFollowsPreferredVocoderOrderAndVoiceFramesPerTx() {
    // P57.. = PCMA, G.729 (not implemented), PCMU; Voice Frames per TX 2; DTMF PT 101
    SdpMedia offer = CodecNegotiation.offer(50040, List.of(8, 18, 0, 8), 2, 101);
    assertEquals(List.of(8, 0, 101), offer.payloadTypes());
    assertEquals(20, offer.ptime());
    assertEquals(101, offer.telephoneEventPayloadType());
    String sdp = offer.toSdp();
    assertTrue(sdp.startsWith("m=audio 50040 RTP/AVP 8 0 101\r\n"), sdp);
    assertTrue(sdp.contains("a=rtpmap:101 telephone-event/8000\r\n"), sdp);
    assertTrue(sdp.contains("a=ptime:20\r\n"), sdp);
    assertEquals(offer, SdpMedia.parse("v=0\r\nc=IN IP4 1.2.3.4\r\n" + sdp));
    assertEquals(30, CodecNegotiation.ptime(3));
    assertThrows(
        IllegalArgumentException.class, () -> CodecNegotiation.offer(1, List.of(18), 2, 101));
  }

  @Test
  void calleePicksByCallerOrCalleePriority() {
    SdpMedia offer = CodecNegotiation.offer(4000, List.of(0, 8), 2, 101); // caller prefers PCMU
    List<Integer> callee = List.of(8, 0); // callee prefers PCMA
    SdpMedia byCaller =
        CodecNegotiation.answer(offer, 5000, callee, Priority.CALLER, false, true).orElseThrow();
    assertEquals(List.of(0, 8, 101), byCaller.payloadTypes());
    assertEquals(
        new Negotiated(Codec.PCMU, 20, 101), CodecNegotiation.agreed(byCaller).orElseThrow());
    SdpMedia byCallee =
        CodecNegotiation.answer(offer, 5000, callee, Priority.CALLEE, true, false).orElseThrow();
    assertEquals(List.of(8), byCallee.payloadTypes());
    assertEquals(
        new Negotiated(Codec.PCMA, 20, -1), CodecNegotiation.agreed(byCallee).orElseThrow());
  }

  @Test
  void noCommonCodecGivesNoAnswer() {
    SdpMedia offer = SdpMedia.parse("m=audio 4000 RTP/AVP 18 4\r\na=rtpmap:18 G729/8000\r\n");
    assertTrue(offer.codecs().isEmpty());
    assertTrue(
        CodecNegotiation.answer(offer, 1, List.of(0, 8), Priority.CALLER, false, true).isEmpty());
  }

  @Test
  void g722IsOfferedAndAgreedWhenPreferred() {
    // Grandstream's Preferred Vocoder value for G.722 is its payload type, 9.
    SdpMedia offer = CodecNegotiation.offer(4000, List.of(9, 0), 2, 101);
    assertTrue(offer.toSdp().contains("a=rtpmap:9 G722/8000\r\n"), offer.toSdp());
    SdpMedia answer =
        CodecNegotiation.answer(offer, 5000, List.of(0, 9), Priority.CALLER, true, true)
            .orElseThrow();
    assertEquals(
        new Negotiated(Codec.G722, 20, 101), CodecNegotiation.agreed(answer).orElseThrow());
    SdpMedia narrowOnly =
        CodecNegotiation.answer(offer, 5000, List.of(0, 8), Priority.CALLER, true, true)
            .orElseThrow();
    assertEquals(Codec.PCMU, CodecNegotiation.agreed(narrowOnly).orElseThrow().codec());
  }

  @Test
  void foreignSdpIsUnderstood() {
    SdpMedia m =
        SdpMedia.parse(
            "v=0\r\nm=audio 7078 RTP/AVP 96 8 97\r\na=rtpmap:96 opus/48000/2\r\n"
                + "a=rtpmap:97 telephone-event/8000\r\na=ptime:30\r\nm=video 9 RTP/AVP 99\r\n");
    assertEquals(7078, m.port());
    assertEquals(List.of(Codec.PCMA), m.codecs());
    assertEquals(97, m.telephoneEventPayloadType());
    assertEquals(30, m.ptime());
    assertThrows(IllegalArgumentException.class, () -> SdpMedia.parse("v=0\r\n"));
  }
}
