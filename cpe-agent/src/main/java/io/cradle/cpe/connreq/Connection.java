package io.cradle.cpe.connreq;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One accepted socket: reads a request head, writes the answer, then half-closes and discards input
 * until the client hangs up. Closing at once with unread input would make the kernel send a reset,
 * which can destroy the response before the client reads it.
 */
final class Connection {

  /** Larger heads get 431: a Connection Request is a request line and a few short headers. */
  static final int MAX_HEAD_BYTES = 8 * 1024;

  private final Endpoint endpoint;
  private final long deadlineNanos;
  private final ByteBuffer in = ByteBuffer.allocate(MAX_HEAD_BYTES);
  private ByteBuffer out;
  private boolean accepted;
  private boolean draining;

  Connection(Endpoint endpoint, long deadlineNanos) {
    this.endpoint = endpoint;
    this.deadlineNanos = deadlineNanos;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  boolean expired(long nowNanos) {
    return nowNanos - deadlineNanos >= 0;
  }

  /**
   * Handles readable input.
   *
   * @return true once an accepted Connection Request has been answered in full
   */
  boolean onReadable(SelectionKey key, long nowNanos) throws IOException {
    SocketChannel channel = (SocketChannel) key.channel();
    if (draining) {
      in.clear();
      if (channel.read(in) < 0) {
        channel.close();
      }
      return false;
    }
    if (channel.read(in) < 0) {
      channel.close();
      return false;
    }
    int end = RequestHead.endOfHead(in.array(), in.position());
    if (end < 0) {
      return !in.hasRemaining() && respond(key, Response.HEADERS_TOO_LARGE, false);
    }
    Endpoint.Decision decision =
        RequestHead.parse(in.array(), end)
            .map(head -> endpoint.decide(head, nowNanos))
            .orElseGet(() -> new Endpoint.Decision(Response.BAD_REQUEST, false));
    return respond(key, decision.response(), decision.accepted());
  }

  /**
   * Writes what the socket takes.
   *
   * @return true once an accepted Connection Request has been answered in full
   */
  boolean onWritable(SelectionKey key) throws IOException {
    SocketChannel channel = (SocketChannel) key.channel();
    channel.write(out);
    if (out.hasRemaining()) {
      return false;
    }
    channel.shutdownOutput();
    draining = true;
    key.interestOps(SelectionKey.OP_READ);
    return accepted;
  }

  private boolean respond(SelectionKey key, byte[] response, boolean accepted) throws IOException {
    this.out = ByteBuffer.wrap(response);
    this.accepted = accepted;
    key.interestOps(SelectionKey.OP_WRITE);
    // The socket is almost always writable: try now rather than wait for another select.
    return onWritable(key);
  }
}
