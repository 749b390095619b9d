package io.cradle.cpe.ptt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A multicast group:port for PTT: joined on one interface, sending there with IP_MULTICAST_LOOP on
 * (so other phones of the same host hear it) and TTL 1 (the talk stays on the local link, as a
 * Wi-Fi phone's does). One daemon thread receives per socket.
 */
public final class PttChannelSocket implements PttTransport {

  private static final int MAX_DATAGRAM = 2048;

  private final InetSocketAddress group;
  private final DatagramChannel channel;
  private final MembershipKey membership;
  private final Thread thread;
  private final AtomicLong sendFailures = new AtomicLong();
  private volatile Receiver receiver = (d, n) -> {};

  private PttChannelSocket(
      InetSocketAddress group, DatagramChannel channel, MembershipKey membership) {
    this.group = group;
    this.channel = channel;
    this.membership = membership;
    this.thread = new Thread(this::receiveLoop, "ptt-" + group);
    thread.setDaemon(true);
  }

  /**
   * Binds the group's port (shared: SO_REUSEADDR) and joins {@code group} on {@code nif}.
   *
   * @throws IOException if the socket cannot be bound or the group not joined (e.g. the interface
   *     has no multicast)
   */
  public static PttChannelSocket open(InetSocketAddress group, NetworkInterface nif)
      throws IOException {
    if (!group.getAddress().isMulticastAddress()) {
      throw new IOException(group + " is not a multicast address (224.0.0.0-239.255.255.255)");
    }
    DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
    try {
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ch.bind(new InetSocketAddress(group.getPort()));
      ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
      ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
      ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
      MembershipKey key = ch.join(group.getAddress(), nif);
      PttChannelSocket socket = new PttChannelSocket(group, ch, key);
      socket.thread.start();
      return socket;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * The interface to use when none is configured: the first one up, not loopback, with multicast
   * and an IPv4 address (Linux's {@code lo} has no MULTICAST flag).
   */
  public static Optional<NetworkInterface> defaultInterface() {
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (nif.isUp() && !nif.isLoopback() && nif.supportsMulticast() && hasIpv4(nif)) {
          return Optional.of(nif);
        }
      }
      return Optional.empty();
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasIpv4(NetworkInterface nif) {
    for (InetAddress a : Collections.list(nif.getInetAddresses())) {
      if (a instanceof Inet4Address) {
        return true;
      }
    }
    return false;
  }

  /** The group:port this socket joined. */
  public InetSocketAddress group() {
    return group;
  }

  /** Datagrams that could not be sent. */
  public long sendFailures() {
    return sendFailures.get();
  }

  @Override
  public void send(byte[] datagram) {
    try {
      channel.send(ByteBuffer.wrap(datagram), group);
    } catch (IOException e) {
      sendFailures.incrementAndGet();
    }
  }

  @Override
  public void receiver(Receiver receiver) {
    this.receiver = receiver;
  }

  private void receiveLoop() {
    ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
    while (channel.isOpen()) {
      try {
        buf.clear();
        channel.receive(buf);
        receiver.received(buf.array(), buf.position());
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        // a bad datagram or a receiver's bug must not stop the phone hearing the next one
      }
    }
  }

  @Override
  public void close() {
    membership.drop();
    try {
      channel.close();
    } catch (IOException e) {
      // closing: nothing left to do
    }
  }
}
