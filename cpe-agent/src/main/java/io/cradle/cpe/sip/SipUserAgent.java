package io.cradle.cpe.sip;

import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * The SIP user agent of one phone: per account a {@link Registration} and its {@link Call}s — one,
 * or two with call waiting (a second incoming call rings while the first goes on) or while the
 * first is held — on SIP ports opened from a {@link SipNetwork} (one per distinct Local SIP Port).
 * Incoming calls meet the account's Call Forward (unconditional, DND, busy: answered 302 at once;
 * no answer: by the {@link Call}) and DND. Port events are delivered on the phone's scheduler, so
 * nothing here needs a lock as long as callers also use it from the scheduler (or, in tests, from
 * the thread that runs the virtual scheduler).
 *
 * <p>The phone plugs {@link #lineStatus(int)} and {@link #callState(int)} into its data model and
 * its event notifier into the {@link SipEvents} it passes.
 */
public final class SipUserAgent {

  private final PValueStore store;
  private final SipNetwork network;
  private final String localHost;
  private final Scheduler scheduler;
  private final RandomGenerator random;
  private final String userAgent;
  private final MediaPort media;
  private final SipEvents events;
  private final Executor onScheduler;

  private final Map<Integer, SipPort> portsByNumber = new HashMap<>();
  private final Map<Integer, SipSettings> settings = new HashMap<>();
  private final Map<Integer, Registration> registrations = new HashMap<>();

  /** Each account's calls that have not ended, oldest first. */
  private final Map<Integer, List<Call>> calls = new HashMap<>();

  /**
   * @param localHost the phone's IP address, where its SIP ports listen
   * @param firmwareVersion goes into the SIP User-Agent {@code Grandstream WP820 <version>}
   */
  public SipUserAgent(
      PValueStore store,
      SipNetwork network,
      String localHost,
      Scheduler scheduler,
      RandomGenerator random,
      String firmwareVersion,
      MediaPort media,
      SipEvents events) {
    this.store = Objects.requireNonNull(store, "store");
    this.network = Objects.requireNonNull(network, "network");
    this.localHost = Objects.requireNonNull(localHost, "localHost");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.random = Objects.requireNonNull(random, "random");
    this.userAgent = userAgent(firmwareVersion);
    this.media = Objects.requireNonNull(media, "media");
    this.events = Objects.requireNonNull(events, "events");
    this.onScheduler = task -> scheduler.schedule(Duration.ZERO, task);
  }

  /** The admin guide's default SIP User-Agent: {@code Grandstream WP820 $version}. */
  public static String userAgent(String firmwareVersion) {
    return "Grandstream WP820 " + firmwareVersion;
  }

  /**
   * Boots SIP: reads each account's settings, opens its SIP port and starts registering the
   * accounts that register.
   *
   * @throws SipException if a SIP port cannot be bound
   */
  public void start() {
    for (int account = 1; account <= SipSettings.ACCOUNTS; account++) {
      SipSettings s = SipSettings.read(store, account);
      if (!s.active()) {
        continue;
      }
      settings.put(account, s);
      SipPort port = portFor(s);
      Registration registration = new Registration(s, port, scheduler, random, userAgent, events);
      registrations.put(account, registration);
      registration.start();
    }
  }

  /** Shuts SIP down politely: hangs up, removes the bindings, then closes the ports. */
  public void stop(Duration grace) {
    calls.values().stream().flatMap(List::stream).toList().forEach(Call::hangup);
    registrations.values().forEach(Registration::unregister);
    scheduler.schedule(grace, this::closePorts);
  }

  /** Stops at once without telling anyone (power loss). */
  public void halt() {
    registrations.values().forEach(Registration::halt);
    closePorts();
  }

  /** The registration of {@code account}, if the account is active. */
  public Optional<Registration> registration(int account) {
    return Optional.ofNullable(registrations.get(account));
  }

  /** The oldest call of {@code account} that has not ended, if any. */
  public Optional<Call> call(int account) {
    return calls(account).stream().findFirst();
  }

  /** The calls of {@code account} that have not ended, oldest first. */
  public List<Call> calls(int account) {
    return List.copyOf(calls.getOrDefault(account, List.of()));
  }

  /**
   * Answers the call waiting on {@code account}: the call in progress is held first, as the WP820
   * does when the user takes the second call.
   *
   * @return the answered call, empty if none was waiting
   */
  public Optional<Call> answerWaiting(int account) {
    List<Call> all = calls(account);
    Optional<Call> waiting =
        all.stream()
            .filter(c -> c.direction() == Call.Direction.INCOMING)
            .filter(c -> c.state() == Call.State.RINGING)
            .reduce((first, second) -> second);
    waiting.ifPresent(
        w -> {
          all.stream().filter(c -> c != w).forEach(Call::hold);
          w.answer();
        });
    return waiting;
  }

  /** TR-104 Line.Status of {@code account}: Up, Registering, Error, Disabled, Initializing. */
  public String lineStatus(int account) {
    Registration r = registrations.get(account);
    return r == null ? "Disabled" : r.lineStatus();
  }

  /**
   * TR-104 Line.CallState of {@code account}: Idle, Calling, Ringing, InCall, Hold. With two calls,
   * the one the user talks in counts: a connected call not held, else the oldest.
   */
  public String callState(int account) {
    List<Call> all = calls(account);
    return all.stream()
        .filter(c -> "InCall".equals(c.callState()))
        .findFirst()
        .or(() -> all.stream().findFirst())
        .map(Call::callState)
        .orElse("Idle");
  }

  /**
   * Calls {@code number} from {@code account}: a user at the account's SIP server, or a full {@code
   * user@host[:port]}.
   *
   * @throws IllegalStateException if the account is not active or in a call it does not hold
   */
  public Call dial(int account, String number) {
    SipSettings s = settings.get(account);
    if (s == null || s.sipServer() == null) {
      throw new IllegalStateException("account " + account + " is not active or has no SIP server");
    }
    if (!calls(account).stream().allMatch(Call::held)) {
      throw new IllegalStateException("account " + account + " is already in a call");
    }
    String target = s.targetUri(number);
    Call call =
        Call.dial(
            s,
            portFor(s),
            localHost,
            target,
            scheduler,
            media,
            events,
            Registration.hex(random, 12) + "@" + localHost,
            Registration.hex(random, 4),
            random.nextLong(1, Long.MAX_VALUE),
            userAgent,
            random);
    track(account, call);
    return call;
  }

  private SipPort portFor(SipSettings s) {
    SipPort port = portsByNumber.get(s.localSipPort());
    if (port == null) {
      port = network.open(new HostPort(localHost, s.localSipPort()), s.transport(), onScheduler);
      int portNumber = s.localSipPort();
      port.onIncomingInvite(invite -> onInvite(portNumber, invite));
      portsByNumber.put(portNumber, port);
    }
    return port;
  }

  private SipPort.DialogListener onInvite(int portNumber, SipPort.IncomingInvite invite) {
    SipSettings s = accountFor(portNumber, invite.toUser());
    if (s == null) {
      invite.reject(404, "Not Found");
      return () -> {};
    }
    CallForward forward = s.forward();
    List<Call> inProgress = calls(s.account());
    Optional<String> forwardTo =
        forward
            .unconditional()
            .or(() -> s.dnd() ? forward.whenDnd() : Optional.empty())
            .or(() -> inProgress.isEmpty() ? Optional.empty() : forward.whenBusy());
    if (forwardTo.isPresent()) {
      invite.redirect(s.targetUri(forwardTo.get()));
      return () -> {};
    }
    // Busy: DND, call waiting off, or a call already waiting (the WP820 shows one at a time).
    if (s.dnd() || (!inProgress.isEmpty() && (!s.callWaiting() || inProgress.size() > 1))) {
      invite.reject(486, "Busy Here");
      return () -> {};
    }
    Call call =
        Call.incoming(
            s,
            inProgress.isEmpty(),
            localHost,
            invite,
            scheduler,
            media,
            events,
            random.nextLong(1, Long.MAX_VALUE));
    if (call.state() != Call.State.ENDED) {
      track(s.account(), call);
    }
    return call.incomingListener();
  }

  /** The account a request reached: the one on that port whose user ID it names, else the first. */
  private SipSettings accountFor(int portNumber, String toUser) {
    SipSettings first = null;
    for (SipSettings s : settings.values()) {
      if (s.localSipPort() != portNumber) {
        continue;
      }
      if (s.userId().equals(toUser)) {
        return s;
      }
      if (first == null || s.account() < first.account()) {
        first = s;
      }
    }
    return first;
  }

  private void track(int account, Call call) {
    calls.computeIfAbsent(account, a -> new ArrayList<>()).add(call);
    call.onEnded(
        () -> {
          List<Call> left = calls.get(account);
          left.remove(call);
          if (left.isEmpty()) {
            calls.remove(account);
          }
        });
  }

  private void closePorts() {
    portsByNumber.values().forEach(SipPort::close);
    portsByNumber.clear();
  }
}
