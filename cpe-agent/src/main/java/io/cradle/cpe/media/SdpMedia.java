package io.cradle.cpe.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The audio media description of an SDP offer or answer, as far as media cares: port, the payload
 * types in preference order (unknown ones kept, so the order of the far end is seen as sent),
 * telephone-event's dynamic payload type, and ptime.
 *
 * @param port the RTP port (RTCP is port + 1)
 * @param payloadTypes the formats of the {@code m=} line, in order
 * @param telephoneEventPayloadType the payload type mapped to {@code telephone-event/8000}, or −1
 * @param ptime the packetisation time in ms ({@code a=ptime}, 20 if absent)
 */
public record SdpMedia(
    int port, List<Integer> payloadTypes, int telephoneEventPayloadType, int ptime) {

  public SdpMedia {
    payloadTypes = List.copyOf(payloadTypes);
  }

  /** The codecs implemented here, in this description's order. */
  public List<Codec> codecs() {
    List<Codec> out = new ArrayList<>();
    for (int pt : payloadTypes) {
      Codec.ofPayloadType(pt).ifPresent(out::add);
    }
    return out;
  }

  /** The {@code m=audio} line and its attributes, CRLF-terminated. */
  public String toSdp() {
    StringBuilder m = new StringBuilder("m=audio ").append(port).append(" RTP/AVP");
    StringBuilder a = new StringBuilder();
    for (int pt : payloadTypes) {
      m.append(' ').append(pt);
      if (pt == telephoneEventPayloadType) {
        a.append("a=rtpmap:").append(pt).append(" telephone-event/8000\r\n");
        a.append("a=fmtp:").append(pt).append(" 0-15\r\n");
      } else {
        Codec.ofPayloadType(pt)
            .ifPresent(
                c ->
                    a.append("a=rtpmap:")
                        .append(pt)
                        .append(' ')
                        .append(c.encodingName())
                        .append("/8000\r\n"));
      }
    }
    return m + "\r\n" + a + "a=ptime:" + ptime + "\r\na=sendrecv\r\n";
  }

  /**
   * Parses the audio section of an SDP body (from its {@code m=audio} line to the next {@code m=}
   * line); other media sections and session lines are ignored.
   *
   * @throws IllegalArgumentException if there is no {@code m=audio} line or it is malformed
   */
  public static SdpMedia parse(String sdp) {
    int port = -1;
    List<Integer> pts = new ArrayList<>();
    List<int[]> mapped = new ArrayList<>();
    int telephoneEvent = -1;
    int ptime = 20;
    boolean inAudio = false;
    for (String raw : sdp.split("\r?\n")) {
      String line = raw.trim();
      if (line.startsWith("m=")) {
        if (port >= 0) {
          break;
        }
        String[] f = line.substring(2).split("\\s+");
        inAudio = f[0].equals("audio");
        if (inAudio) {
          if (f.length < 4) {
            throw new IllegalArgumentException("malformed media line: " + line);
          }
          try {
            port = Integer.parseInt(f[1].split("/")[0]);
            for (int i = 3; i < f.length; i++) {
              pts.add(Integer.parseInt(f[i]));
            }
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed media line: " + line, e);
          }
        }
      } else if (inAudio && line.startsWith("a=rtpmap:")) {
        String[] f = line.substring(9).split("\\s+", 2);
        if (f.length == 2 && f[1].toLowerCase(Locale.ROOT).startsWith("telephone-event/")) {
          telephoneEvent = Integer.parseInt(f[0]);
        } else if (f.length == 2) {
          int pt = Integer.parseInt(f[0]);
          String name = f[1].split("/")[0];
          Codec.ofEncodingName(name).ifPresent(c -> mapped.add(new int[] {pt, c.payloadType()}));
        }
      } else if (inAudio && line.startsWith("a=ptime:")) {
        ptime = Integer.parseInt(line.substring(8).trim());
      }
    }
    if (port < 0) {
      throw new IllegalArgumentException("no m=audio line in SDP");
    }
    return new SdpMedia(port, pts, pts.contains(telephoneEvent) ? telephoneEvent : -1, ptime);
  }
}
