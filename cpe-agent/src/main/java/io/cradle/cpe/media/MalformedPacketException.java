package io.cradle.cpe.media;

/**
 * A received RTP, RTCP or telephone-event packet that breaks its RFC; it is dropped and counted.
 */
public final class MalformedPacketException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A packet refused for {@code reason}, e.g. "RTP version 1, expected 2". */
  public MalformedPacketException(String reason) {
    super(reason);
  }
}
