package io.cradle.cpe.ptt;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A multicast group in memory: every datagram sent by a member reaches every member, the sender
 * included (as with IP_MULTICAST_LOOP), synchronously. {@link #drop} loses what is sent meanwhile.
 */
final class LoopbackHub {

  private final List<Member> members = new CopyOnWriteArrayList<>();
  volatile boolean drop;
  int sent;

  PttTransport join() {
    Member m = new Member();
    members.add(m);
    return m;
  }

  private final class Member implements PttTransport {
    private volatile Receiver receiver = (d, n) -> {};

    @Override
    public void send(byte[] datagram) {
      sent++;
      if (drop) {
        return;
      }
      for (Member m : members) {
        m.receiver.received(datagram.clone(), datagram.length);
      }
    }

    @Override
    public void receiver(Receiver receiver) {
      this.receiver = receiver;
    }

    @Override
    public void close() {
      members.remove(this);
    }
  }
}
