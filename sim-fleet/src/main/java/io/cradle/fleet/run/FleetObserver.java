package io.cradle.fleet.run;

import io.cradle.cpe.phone.PhoneObserver;
import io.cradle.cwmp.message.Event;
import java.util.List;

/**
 * One phone's observer: counts its sessions, answers and transfers into the fleet's shared {@link
 * FleetStats}, and remembers whether the phone has reached the ACS yet. A phone calls it from its
 * own scheduler, one call at a time; many phones call into the same stats at once.
 */
final class FleetObserver implements PhoneObserver {

  private final FleetStats stats;
  private volatile boolean booted;
  private volatile boolean bootstrapped;

  FleetObserver(FleetStats stats) {
    this.stats = stats;
  }

  /** Whether the phone has had a successful session. */
  boolean booted() {
    return booted;
  }

  @Override
  public void sessionSucceeded(List<Event> events) {
    stats.sessionsOk.increment();
    if (!booted) {
      booted = true;
      stats.phonesBooted.increment();
    }
    if (!bootstrapped && events.stream().anyMatch(e -> Event.BOOTSTRAP.equals(e.code()))) {
      bootstrapped = true;
      stats.phonesBootstrapped.increment();
    }
  }

  @Override
  public void sessionFailed(String reason) {
    stats.sessionFailed(reason);
  }

  @Override
  public void rpcAnswered(String method, int faultCode) {
    stats.rpcAnswered(method, faultCode);
  }

  @Override
  public void transferCompleted(String fileType, int faultCode) {
    stats.transferCompleted(faultCode);
  }
}
