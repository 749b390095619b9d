package io.cradle.cpe.ptt;

import java.io.Closeable;

/**
 * Where PTT datagrams go and come from: a multicast group ({@link PttChannelSocket}) or, in tests,
 * an in-memory or unicast stand-in. One transport per group:port.
 */
public interface PttTransport extends Closeable {

  /** Receives datagrams; called on the transport's own thread, with an array reused afterwards. */
  @FunctionalInterface
  interface Receiver {
    void received(byte[] datagram, int length);
  }

  /** Sends one datagram to the group; failures are counted, never thrown. */
  void send(byte[] datagram);

  /** Sets who gets the received datagrams (including this phone's own, looped back). */
  void receiver(Receiver receiver);

  @Override
  void close();
}
