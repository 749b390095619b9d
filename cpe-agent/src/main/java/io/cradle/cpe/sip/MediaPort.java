package io.cradle.cpe.sip;

/**
 * The RTP side of a call as the SIP layer sees it: a local port to put in the SDP, and the remote
 * address once the offer/answer is done. {@code io.cradle.cpe.media} implements it with real RTP;
 * {@link #NONE} only hands out port numbers.
 */
public interface MediaPort {

  /** Reserves a local RTP port for a new call. */
  int allocate();

  /** Media may flow: {@code remote} is the peer's SDP, {@code localPort} what we offered. */
  void connect(int localPort, Sdp remote);

  /**
   * The call was put on hold ({@code held}) or resumed, by either end: while held the phone's
   * microphone does not reach the other party.
   */
  void hold(int localPort, boolean held);

  /** The call ended; the port may be reused. */
  void release(int localPort);

  /**
   * The two calls on these ports become a 3-way conference this phone hosts: each far end hears the
   * phone's microphone and the other far end, the phone hears both. It lasts until one call is
   * released; the other then goes on as a plain call. A port without media mixes nothing.
   */
  default void conference(int firstPort, int secondPort) {}

  /** Hands out even ports from 10000 and sends no media. */
  MediaPort NONE =
      new MediaPort() {
        private int next = 10000;

        @Override
        public synchronized int allocate() {
          int port = next;
          next = next >= 19998 ? 10000 : next + 2;
          return port;
        }

        @Override
        public void connect(int localPort, Sdp remote) {}

        @Override
        public void hold(int localPort, boolean held) {}

        @Override
        public void release(int localPort) {}
      };
}
