package io.cradle.cpe.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The part of an SDP body (RFC 4566) a call needs: the connection address, the audio port, the
 * offered payload types and the media direction (RFC 3264 §8.4, how a call is held). Cradle offers
 * its account's Preferred Vocoders among PCMU (0), PCMA (8) and G.722 (9), plus telephone-event
 * (101).
 */
public record Sdp(String address, int port, List<Integer> payloadTypes, Direction direction) {

  public static final int PCMU = 0;
  public static final int PCMA = 8;
  public static final int G722 = 9;

  /** The RFC 2543 way to hold a call: a connection address of all zeros. */
  public static final String HOLD_ADDRESS = "0.0.0.0";

  /** Which way media flows, from the writer's point of view. */
  public enum Direction {
    SENDRECV,
    SENDONLY,
    RECVONLY,
    INACTIVE;

    /** The answer's direction to an offer with this one (RFC 3264 §6.1). */
    public Direction answer() {
      switch (this) {
        case SENDONLY:
          return RECVONLY;
        case RECVONLY:
          return SENDONLY;
        default:
          return this;
      }
    }

    /** The attribute name, e.g. {@code sendonly}. */
    public String attribute() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Sdp {
    payloadTypes = List.copyOf(payloadTypes);
  }

  /** Our first offer: PCMU and PCMA at {@code address}:{@code port}, both ways. */
  public static String offer(String address, int port, long sessionId) {
    return offer(address, port, sessionId, List.of(PCMU, PCMA));
  }

  /** Our first offer: {@code vocoders} (payload types, preferred first), both ways. */
  public static String offer(String address, int port, long sessionId, List<Integer> vocoders) {
    return write(address, port, sessionId, 1, vocoders, Direction.SENDRECV);
  }

  /**
   * Our answer to {@code offer}: the first of its payload types among {@code vocoders} (the
   * caller's order wins), the direction mirrored; empty if there is no common codec (the caller
   * then rejects with 488).
   */
  public static Optional<String> answer(
      String address, int port, long sessionId, long version, Sdp offer, List<Integer> vocoders) {
    return offer.payloadTypes().stream()
        .filter(vocoders::contains)
        .findFirst()
        .map(
            pt ->
                write(address, port, sessionId, version, List.of(pt), offer.direction().answer()));
  }

  /**
   * An SDP body. {@code version} is the o= line's session version, one more for each new offer or
   * answer in a dialog (RFC 3264 §8).
   */
  public static String write(
      String address,
      int port,
      long sessionId,
      long version,
      List<Integer> types,
      Direction direction) {
    StringBuilder pts = new StringBuilder();
    StringBuilder maps = new StringBuilder();
    for (int pt : types) {
      pts.append(' ').append(pt);
      maps.append("a=rtpmap:")
          .append(pt)
          .append(pt == PCMU ? " PCMU/8000" : pt == G722 ? " G722/8000" : " PCMA/8000")
          .append("\r\n");
    }
    return "v=0\r\n"
        + "o=- "
        + sessionId
        + " "
        + version
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
        + "a="
        + direction.attribute()
        + "\r\n";
  }

  /** Reads an SDP body; empty if it has no audio line. No direction attribute is sendrecv. */
  public static Optional<Sdp> parse(String body) {
    if (body == null) {
      return Optional.empty();
    }
    String address = null;
    int port = -1;
    Direction direction = Direction.SENDRECV;
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
      } else if (line.startsWith("a=")) {
        for (Direction d : Direction.values()) {
          if (line.equals("a=" + d.attribute())) {
            direction = d;
          }
        }
      }
    }
    if (address == null || port < 0) {
      return Optional.empty();
    }
    return Optional.of(new Sdp(address, port, types, direction));
  }

  /** The same description with {@code payloadType}, the agreed codec, first. */
  public Sdp agreeing(int payloadType) {
    List<Integer> types = new ArrayList<>(payloadTypes);
    types.remove(Integer.valueOf(payloadType));
    types.add(0, payloadType);
    return new Sdp(address, port, types, direction);
  }

  /** The codec both sides agreed on: the first payload type. */
  public int payloadType() {
    return payloadTypes.isEmpty() ? PCMU : payloadTypes.get(0);
  }

  /**
   * Whether the writer holds the call: it will not take media (sendonly, inactive) or hides its
   * address the RFC 2543 way.
   */
  public boolean holds() {
    return direction == Direction.SENDONLY
        || direction == Direction.INACTIVE
        || HOLD_ADDRESS.equals(address);
  }
}
