package io.cradle.cpe.media;

/**
 * The local UDP ports a phone's calls may use: RTP on an even port, RTCP on the next (RFC 3550
 * §11), as the WP820's Local RTP Port (P39, default 50040) starts.
 *
 * @param first the first (even) RTP port
 * @param last the last port that may be used (for RTCP)
 */
public record PortRange(int first, int last) {

  public PortRange {
    if (first <= 0 || first % 2 != 0 || last > 65535 || last < first + 1) {
      throw new IllegalArgumentException(
          "RTP port range " + first + "-" + last + ": needs an even first port and room for RTCP");
    }
  }

  /** How many RTP/RTCP pairs fit. */
  public int pairs() {
    return (last - first + 1) / 2;
  }
}
