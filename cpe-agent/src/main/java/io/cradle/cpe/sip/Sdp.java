package io.cradle.cpe.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of an SDP body (RFC 4566) a call needs: the connection address, the audio port and the
 * offered payload types. Cradle offers PCMU (0) and PCMA (8) plus telephone-event (101).
 */
public record Sdp(String address, int port, List<Integer> payloadTypes) {

  public static final int PCMU = 0;
  public static final int PCMA = 8;

  public Sdp {
    payloadTypes = List.copyOf(payloadTypes);
  }

  /** Our offer: PCMU and PCMA at {@code address}:{@code port}. */
  public static String offer(String address, int port, long sessionId) {
    return body(address, port, sessionId, List.of(PCMU, PCMA));
  }

  /**
   * Our answer to {@code offer}: the first of its payload types we speak (PCMU or PCMA); empty if
   * there is none (the caller then rejects with 488).
   */
  public static Optional<String> answer(String address, int port, long sessionId, Sdp offer) {
    return offer.payloadTypes().stream()
        .filter(pt -> pt == PCMU || pt == PCMA)
        .findFirst()
        .map(pt -> body(address, port, sessionId, List.of(pt)));
  }

  /** Reads an SDP body; empty if it has no audio line. */
  public static Optional<Sdp> parse(String body) {
    if (body == null) {
      return Optional.empty();
    }
    String address = null;
    int port = -1;
    List<Integer> types = new ArrayList<>();
    for (String raw : body.split("\r?\n")) {
      String line = raw.strip();
      if (line.startsWith("c=IN IP4 ") || line.startsWith("c=IN IP6 ")) {
        if (address == null || port < 0) {
          address = line.substring(9).split("/")[0].strip();
        }
      } else if (line.startsWith("m=audio ") && port < 0) {
        String[] f = line.split("\\s+");
        try {
          port = Integer.parseInt(f[1].split("/")[0]);
          for (int i = 3; i < f.length; i++) {
            types.add(Integer.parseInt(f[i]));
          }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
          return Optional.empty();
        }
      }
    }
    if (address == null || port < 0) {
      return Optional.empty();
    }
    return Optional.of(new Sdp(address, port, types));
  }

  /** The codec both sides agreed on: the first payload type. */
  public int payloadType() {
    return payloadTypes.isEmpty() ? PCMU : payloadTypes.get(0);
  }

  private static String body(String address, int port, long sessionId, List<Integer> types) {
    StringBuilder pts = new StringBuilder();
    StringBuilder maps = new StringBuilder();
    for (int pt : types) {
      pts.append(' ').append(pt);
      maps.append("a=rtpmap:")
          .append(pt)
          .append(pt == PCMU ? " PCMU/8000" : " PCMA/8000")
          .append("\r\n");
    }
    return "v=0\r\n"
        + "o=- "
        + sessionId
        + " "
        + sessionId
        + " IN IP4 "
        + address
        + "\r\n"
        + "s=Cradle\r\n"
        + "c=IN IP4 "
        + address
        + "\r\n"
        + "t=0 0\r\n"
        + "m=audio "
        + port
        + " RTP/AVP"
        + pts
        + " 101\r\n"
        + maps
        + "a=rtpmap:101 telephone-event/8000\r\n"
        + "a=fmtp:101 0-15\r\n"
        + "a=ptime:20\r\n"
        + "a=sendrecv\r\n";
  }
}
