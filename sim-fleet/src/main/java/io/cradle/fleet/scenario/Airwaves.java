package io.cradle.fleet.scenario;

import io.cradle.cpe.ptt.PttTransport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The multicast groups of a scenario's floor, in memory: a datagram a phone sends to a group
 * reaches every phone that joined it, the sender included (as with IP_MULTICAST_LOOP), but only
 * while both are on the air — associated to an AP — since a phone out of coverage neither sends nor
 * hears. Delivery is synchronous on the sender's thread; receivers hand datagrams over to their own
 * scheduler.
 */
public final class Airwaves {

  private final Map<String, List<Member>> groups = new ConcurrentHashMap<>();

  /**
   * Joins {@code group} (any name: an address:port) as a phone that is on the air while {@code
   * onAir} says so.
   */
  public PttTransport join(String group, BooleanSupplier onAir) {
    List<Member> members = groups.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>());
    Member m = new Member(members, onAir);
    members.add(m);
    return m;
  }

  private static final class Member implements PttTransport {
    private final List<Member> group;
    private final BooleanSupplier onAir;
    private volatile Receiver receiver = (d, n) -> {};

    Member(List<Member> group, BooleanSupplier onAir) {
      this.group = group;
      this.onAir = onAir;
    }

    @Override
    public void send(byte[] datagram) {
      if (!onAir.getAsBoolean()) {
        return;
      }
      for (Member m : group) {
        if (m.onAir.getAsBoolean()) {
          m.receiver.received(datagram, datagram.length);
        }
      }
    }

    @Override
    public void receiver(Receiver receiver) {
      this.receiver = receiver;
    }

    @Override
    public void close() {
      group.remove(this);
    }
  }
}
