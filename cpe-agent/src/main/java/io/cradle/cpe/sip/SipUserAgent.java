package io.cradle.cpe.sip;

import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
 * no answer: by the {@link Call}) and DND. Text messages (SIP MESSAGE, the WP820's messages of up
 * to 160 characters) go both ways; a NOTIFY with Event check-sync, resync or reboot, authenticated
 * by a digest challenge on the account's credentials unless P4428 disables it, reaches the phone's
 * {@link ProvisioningRequests}; one with Event message-summary, unchallenged, the account's {@link
 * MessageWaiting}. Port events are delivered on the phone's scheduler, so nothing here needs a lock
 * as long as callers also use it from the scheduler (or, in tests, from the thread that runs the
 * virtual scheduler).
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
  private final Map<Integer, MessageWaiting> mailboxes = new HashMap<>();

  /** The longest text a message may carry (admin guide: "up to 160 characters"). */
  public static final int MAX_MESSAGE_LENGTH = 160;

  /** Messages kept in the inbox, the oldest dropped first. */
  static final int INBOX_SIZE = 100;

  /** Phone-wide Disable MWI Indicator: the LED does not show new voicemail. */
  static final String DISABLE_MWI_INDICATOR = "P1692";

  /** Phone-wide Disable SIP NOTIFY Authentication. */
  static final String DISABLE_NOTIFY_AUTHENTICATION = "P4428";

  /** A text message received. */
  public record TextMessage(int account, String from, String text, java.time.Instant received) {}

  /** What the phone does when its SIP server asks it to provision or reboot (NOTIFY check-sync). */
  @FunctionalInterface
  public interface ProvisioningRequests {
    /** {@code reboot}: Event reboot, or check-sync with {@code reboot=true}; else provision now. */
    void onCheckSync(int account, boolean reboot);

    /** Ignores every request (the NOTIFY is still answered 200). */
    ProvisioningRequests NONE = (account, reboot) -> {};
  }

  private final java.util.Deque<TextMessage> inbox = new java.util.ArrayDeque<>();
  // Challenges what a server asks of the phone outside a call: check-sync NOTIFY, unsolicited
  // REFER.
  private final io.cradle.cwmp.auth.DigestServer requestAuthentication;
  private ProvisioningRequests provisioning = ProvisioningRequests.NONE;
  private Runnable mwiListener = () -> {};
  private boolean running;

  /** Each account's number last entered to dial, for Redial. */
  private final Map<Integer, String> lastDialed = new HashMap<>();

  /** Each account's two calls of the conference it hosts, if any. */
  private final Map<Integer, List<Call>> conferences = new HashMap<>();

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
    store.addListener(changed -> onScheduler.execute(this::settingsChanged));
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    this.requestAuthentication =
        new io.cradle.cwmp.auth.DigestServer(
            "Grandstream WP820",
            new io.cradle.cwmp.auth.NonceIssuer(secret, Duration.ofMinutes(5), scheduler.clock()));
  }

  /** Who provisions or reboots the phone when a check-sync NOTIFY asks. */
  public void onCheckSync(ProvisioningRequests provisioning) {
    this.provisioning = Objects.requireNonNull(provisioning, "provisioning");
  }

  /** The text messages received, oldest first (the last {@value #INBOX_SIZE}). */
  public List<TextMessage> messages() {
    return List.copyOf(inbox);
  }

  /**
   * Sends a text message (SIP MESSAGE, text/plain) from {@code account} to {@code number}; a
   * 401/407 challenge is answered once. {@code outcome} gets the final status (408 without an
   * answer).
   *
   * @throws IllegalArgumentException if the text is longer than {@value #MAX_MESSAGE_LENGTH}
   * @throws IllegalStateException if the account is not active
   */
  public void sendMessage(
      int account, String number, String text, java.util.function.IntConsumer outcome) {
    if (text.length() > MAX_MESSAGE_LENGTH) {
      throw new IllegalArgumentException(
          "a message has at most " + MAX_MESSAGE_LENGTH + " characters, not " + text.length());
    }
    SipSettings s = settings.get(account);
    if (s == null || s.sipServer() == null) {
      throw new IllegalStateException("account " + account + " is not active or has no SIP server");
    }
    SipPort port = portFor(s);
    SipPort.OutOfDialogRequest request =
        new SipPort.OutOfDialogRequest(
            "MESSAGE",
            s.targetUri(number),
            s.outboundProxy() != null ? s.outboundProxy() : s.sipServer(),
            s.userId(),
            s.domain(),
            Registration.hex(random, 12) + "@" + localHost,
            Registration.hex(random, 4),
            1,
            "text/plain",
            text,
            userAgent,
            null,
            false);
    io.cradle.cwmp.auth.DigestClient digest = new io.cradle.cwmp.auth.DigestClient(random);
    port.send(
        request,
        new SipPort.ResponseListener() {
          private boolean challenged;

          @Override
          public void onResponse(SipPort.SipResponse response) {
            Optional<Credentials> credentials =
                challenged
                    ? Optional.empty()
                    : Credentials.answer(response, "MESSAGE", request.target(), s, digest);
            if (credentials.isPresent()) {
              challenged = true;
              port.send(
                  request.withCredentials(credentials.get().header(), credentials.get().proxy()),
                  this);
            } else {
              outcome.accept(response.status());
            }
          }

          @Override
          public void onNoResponse(String why) {
            outcome.accept(408);
          }
        });
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
    running = true;
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
      MessageWaiting mailbox =
          new MessageWaiting(s, port, scheduler, random, userAgent, () -> mwiListener.run());
      mailboxes.put(account, mailbox);
      mailbox.start();
    }
  }

  /** Shuts SIP down politely: hangs up, removes the bindings, then closes the ports. */
  public void stop(Duration grace) {
    running = false;
    calls.values().stream().flatMap(List::stream).toList().forEach(Call::hangup);
    registrations.values().forEach(Registration::unregister);
    mailboxes.values().forEach(MessageWaiting::stop);
    scheduler.schedule(grace, this::closePorts);
  }

  /** Stops at once without telling anyone (power loss). */
  public void halt() {
    running = false;
    registrations.values().forEach(Registration::halt);
    mailboxes.values().forEach(MessageWaiting::halt);
    closePorts();
  }

  /** The registration of {@code account}, if the account is active. */
  public Optional<Registration> registration(int account) {
    return Optional.ofNullable(registrations.get(account));
  }

  /** The Message Waiting Indication of {@code account}, if the account is active. */
  public Optional<MessageWaiting> messageWaiting(int account) {
    return Optional.ofNullable(mailboxes.get(account));
  }

  /**
   * Whether the LED shows new voicemail ("Red Slow Flashing — New voicemail(s)"): a mailbox of an
   * active account has messages waiting, and P1692 does not disable the MWI indicator.
   */
  public boolean messageWaitingIndicator() {
    return !"1".equals(store.get(DISABLE_MWI_INDICATOR).orElse("0").strip())
        && mailboxes.values().stream().anyMatch(m -> m.summary().waiting());
  }

  /** Who hears when a mailbox changes (the phone's data model notifications). */
  public void onMessageWaitingChanged(Runnable listener) {
    this.mwiListener = Objects.requireNonNull(listener, "listener");
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
    return place(s, s.targetUri(number), null);
  }

  /**
   * Sends the INVITE of a new call from {@code s}'s account to {@code target}, replacing a dialog
   * of the target's unless {@code replaces} is null.
   */
  private Call place(SipSettings s, String target, String replaces) {
    Call call =
        Call.dial(
            s,
            portFor(s),
            localHost,
            target,
            replaces,
            scheduler,
            media,
            events,
            Registration.hex(random, 12) + "@" + localHost,
            Registration.hex(random, 4),
            random.nextLong(1, Long.MAX_VALUE),
            userAgent,
            random);
    track(s.account(), call);
    return call;
  }

  /**
   * Attended transfer, as the Transfer key does with two calls on {@code account}: the held call's
   * peer is asked to take over the call in progress (see {@link Call#transfer(Call)}).
   *
   * @return false (nothing sent) unless the account has one held and one other connected call
   */
  public boolean attendedTransfer(int account) {
    List<Call> connected =
        calls(account).stream().filter(c -> c.state() == Call.State.CONNECTED).toList();
    Optional<Call> held = connected.stream().filter(Call::held).findFirst();
    Optional<Call> talking = connected.stream().filter(c -> !c.held()).findFirst();
    return connected.size() == 2
        && held.isPresent()
        && talking.isPresent()
        && held.get().transfer(talking.get());
  }

  /**
   * The Conference key with two calls on {@code account}: a held call is resumed and the phone
   * mixes both (3-way conference, local mixing: each far end hears this phone and the other far
   * end). Either far end hanging up leaves the other talking to this phone; this phone leaves by
   * {@link #leaveConference}.
   *
   * @return false (nothing done) unless the account has exactly two connected calls
   */
  public boolean conference(int account) {
    List<Call> connected =
        calls(account).stream().filter(c -> c.state() == Call.State.CONNECTED).toList();
    if (connected.size() != 2) {
      return false;
    }
    connected.forEach(Call::unhold);
    media.conference(connected.get(0).localRtpPort(), connected.get(1).localRtpPort());
    conferences.put(account, connected);
    return true;
  }

  /**
   * The host hangs up the conference on {@code account}: with Transfer on 3-way Conference Hang up
   * (P2304 / P2404) the two far ends are joined by an attended transfer and go on talking without
   * this phone; without it (the default) both calls end. After a far end left, it hangs up the call
   * that is left.
   */
  public void leaveConference(int account) {
    List<Call> legs = conferences.remove(account);
    if (legs == null) {
      return;
    }
    List<Call> live = legs.stream().filter(c -> c.state() == Call.State.CONNECTED).toList();
    String transferOnHangup = store.get(account == 1 ? "P2304" : "P2404").orElse("0").strip();
    if (live.size() == 2 && "1".equals(transferOnHangup) && live.get(0).transfer(live.get(1))) {
      return; // the transfer's NOTIFY 200 ends our leg to the first, the target ends the other
    }
    live.forEach(Call::hangup);
  }

  /**
   * A peer's REFER (blind transfer to us): accepted and the target called; the new call's progress
   * goes back to the peer by NOTIFY, and the peer ends the old call (RFC 5589 §6: the transferor
   * holds and hangs up, not the transferee).
   */
  private void transferred(int account, SipPort.IncomingRefer refer) {
    SipSettings s = settings.get(account);
    DialogId.ReferTarget target;
    try {
      target = DialogId.ReferTarget.parse(refer.referTo());
    } catch (IllegalArgumentException e) {
      refer.reject(400, "Bad Refer-To");
      return;
    }
    refer.accept();
    refer.notifyProgress(100, "Trying");
    Call call = place(s, target.uri(), target.replaces());
    call.onOutcome(status -> refer.notifyProgress(status, status < 300 ? "OK" : "Failed"));
  }

  /**
   * Dials a number the user entered through the Dial Plan (P290/P459, its prefix P66 and
   * replacements), as the Send key does: a number the plan blocks or does not match is not dialed.
   *
   * @return the call, or why the plan refused the number
   * @throws io.cradle.cpe.dialplan.DialPlanSyntaxException if the configured plan is broken
   */
  public DialOutcome dialNumber(int account, String entered) {
    lastDialed.put(account, entered);
    io.cradle.cpe.dialplan.DialDecision decision =
        new io.cradle.cpe.dialplan.Dialer(
                io.cradle.cpe.dialplan.Dialer.Settings.fromPValues(store::get))
            .dial(entered);
    if (decision instanceof io.cradle.cpe.dialplan.DialDecision.Dial d) {
      return new DialOutcome(Optional.of(dial(account, d.number())), decision);
    }
    return new DialOutcome(Optional.empty(), decision);
  }

  /**
   * The Redial key: the number last entered on {@code account} ({@link #dialNumber}), through the
   * dial plan again — a plan changed since then applies.
   *
   * @throws IllegalStateException if nothing was dialed on the account since boot
   */
  public DialOutcome redial(int account) {
    String last = lastDialed.get(account);
    if (last == null) {
      throw new IllegalStateException("nothing to redial on account " + account);
    }
    return dialNumber(account, last);
  }

  /** A call placed through the dial plan, or the plan's reason not to: {@code decision}. */
  public record DialOutcome(Optional<Call> call, io.cradle.cpe.dialplan.DialDecision decision) {

    /** Why no call was placed, for the user; empty if one was. */
    public Optional<String> refusal() {
      if (decision instanceof io.cradle.cpe.dialplan.DialDecision.Blocked b) {
        return Optional.of("blocked by dial plan rule " + b.rule());
      }
      return call.isPresent()
          ? Optional.empty()
          : Optional.of("no dial plan rule matches the number");
    }
  }

  private SipPort portFor(SipSettings s) {
    SipPort port = portsByNumber.get(s.localSipPort());
    if (port == null) {
      port = network.open(new HostPort(localHost, s.localSipPort()), s.transport(), onScheduler);
      int portNumber = s.localSipPort();
      port.onIncomingInvite(invite -> onInvite(portNumber, invite));
      port.onIncomingRequest(request -> onRequest(portNumber, request));
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
    Optional<DialogId> replaces = invite.replaces();
    if (replaces.isPresent()) {
      return replace(s, invite, replaces.get());
    }
    if (s.rejectAnonymous() && anonymous(invite.from())) {
      invite.reject(433, "Anonymity Disallowed");
      return () -> {};
    }
    Optional<String> unsupported = unsupported(s, invite.header("Require"));
    if (unsupported.isPresent()) {
      // RFC 3261 §8.2.2.3: an extension the caller requires and this account does not speak.
      invite.reject(420, "Bad Extension", Map.of("Unsupported", unsupported.get()));
      return () -> {};
    }
    Optional<Map<String, String>> tooSmall =
        SessionTimer.tooSmall(s.sessionTimer(), invite::header);
    if (tooSmall.isPresent()) {
      invite.reject(422, "Session Interval Too Small", tooSmall.get());
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

  /**
   * An INVITE with Replaces (RFC 3891 §3), as the transfer target of an attended transfer: it takes
   * the place of our connected call in that dialog — answered at once, whatever DND, forwarding or
   * call waiting say, since the user already talks in it — and the old call ends with BYE (kept if
   * the new one cannot be answered, e.g. no common codec). No such call: 481.
   */
  private SipPort.DialogListener replace(
      SipSettings s, SipPort.IncomingInvite invite, DialogId replaced) {
    Optional<Call> old =
        calls(s.account()).stream()
            .filter(c -> c.state() == Call.State.CONNECTED)
            .filter(c -> replaced.equals(c.dialogId()))
            .findFirst();
    if (old.isEmpty()) {
      invite.reject(481, "Call/Transaction Does Not Exist");
      return () -> {};
    }
    Call call =
        Call.incoming(
            s,
            false,
            localHost,
            invite,
            scheduler,
            media,
            events,
            random.nextLong(1, Long.MAX_VALUE));
    track(s.account(), call);
    call.answer();
    if (call.state() == Call.State.CONNECTED) {
      old.get().hangup();
    }
    return call.incomingListener();
  }

  private void onRequest(int portNumber, SipPort.IncomingRequest request) {
    SipSettings s = accountFor(portNumber, request.toUser());
    if (s == null) {
      request.respond(404, "Not Found");
      return;
    }
    switch (request.method()) {
      case "MESSAGE":
        if (inbox.size() == INBOX_SIZE) {
          inbox.removeFirst();
        }
        inbox.addLast(
            new TextMessage(s.account(), request.from(), request.body(), scheduler.now()));
        request.respond(200, "OK");
        break;
      case "NOTIFY":
        onNotify(s, request);
        break;
      case "REFER":
        onUnsolicitedRefer(s, request);
        break;
      default:
        request.respond(405, "Method Not Allowed");
    }
  }

  /**
   * A NOTIFY from the SIP server: Event message-summary updates the account's mailbox; check-sync
   * (or resync) provisions the phone, reboot (or check-sync;reboot=true) reboots it. The latter are
   * challenged with the account's credentials unless authentication is disabled; answered before
   * the phone acts on it.
   */
  private void onNotify(SipSettings s, SipPort.IncomingRequest request) {
    String event = request.header("Event");
    String type = event == null ? "" : event.split(";")[0].strip().toLowerCase(Locale.ROOT);
    if (type.equals(MessageSummary.EVENT)) {
      // Voicemail servers send MWI unauthenticated, subscribed or not: no challenge here.
      mailboxes.get(s.account()).onNotify(request);
      return;
    }
    if (!type.equals("check-sync") && !type.equals("resync") && !type.equals("reboot")) {
      request.respond(489, "Bad Event");
      return;
    }
    if (!"1".equals(store.get(DISABLE_NOTIFY_AUTHENTICATION).orElse("0").strip())
        && !authenticated(s, request)) {
      return;
    }
    request.respond(200, "OK");
    boolean reboot =
        type.equals("reboot")
            || event.toLowerCase(Locale.ROOT).replace(" ", "").contains("reboot=true");
    provisioning.onCheckSync(s.account(), reboot);
  }

  /**
   * Whether {@code request} carries the account's digest credentials; if not it is challenged (401,
   * realm {@code Grandstream WP820}) and false returned.
   */
  private boolean authenticated(SipSettings s, SipPort.IncomingRequest request) {
    io.cradle.cwmp.auth.Verification verification =
        requestAuthentication.verify(
            request.method(),
            request.requestUri(),
            request.header("Authorization"),
            user -> user.equals(s.authId()) ? Optional.of(s.password()) : Optional.empty());
    if (verification.isOk()) {
      return true;
    }
    request.challenge(
        requestAuthentication
            .challenge(verification.outcome() == io.cradle.cwmp.auth.Verification.Outcome.STALE)
            .toHeader());
    return false;
  }

  /**
   * A REFER outside any call, as click-to-dial servers send: per Allow Unsolicited REFER refused
   * 603 (disabled), or accepted 202 and its Refer-To target called from the account (enabled),
   * after a digest challenge on the account's credentials when so configured. The implicit
   * subscription is not kept: no NOTIFY follows (the call's own progress is what a click-to-dial
   * user sees).
   */
  private void onUnsolicitedRefer(SipSettings s, SipPort.IncomingRequest request) {
    if (s.unsolicitedRefer() == 0) {
      request.respond(603, "Unsolicited REFER not allowed");
      return;
    }
    String referTo = request.header("Refer-To");
    String target = referTo == null ? "" : referTo.strip();
    if (target.startsWith("<") && target.indexOf('>') > 0) {
      target = target.substring(1, target.indexOf('>'));
    }
    if (!target.regionMatches(true, 0, "sip:", 0, 4)) {
      request.respond(400, "Refer-To is no SIP URI");
      return;
    }
    if (s.unsolicitedRefer() == 2 && !authenticated(s, request)) {
      return;
    }
    if (!calls(s.account()).stream().allMatch(Call::held)) {
      request.respond(486, "Busy Here");
      return;
    }
    request.respond(202, "Accepted");
    dial(s.account(), target);
  }

  /**
   * The option tags of an INVITE's Require that {@code s}'s account does not speak (100rel when
   * Enable 100rel is off, timer when its session timer is), comma separated; empty if none.
   */
  private static Optional<String> unsupported(SipSettings s, String require) {
    List<String> missing = new ArrayList<>();
    if (require != null) {
      for (String tag : require.split(",")) {
        String t = tag.strip();
        boolean spoken =
            t.equalsIgnoreCase(OptionTags.RELIABLE_PROVISIONALS) && s.enable100rel()
                || t.equalsIgnoreCase(OptionTags.TIMER) && s.sessionTimer().enabled();
        if (!t.isEmpty() && !spoken) {
          missing.add(t);
        }
      }
    }
    return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", missing));
  }

  /**
   * Whether a caller hides who it is: the From URI RFC 3323 §4.1.1 prescribes ({@code
   * sip:anonymous@anonymous.invalid}), or any with the user {@code anonymous}.
   */
  static boolean anonymous(String fromUri) {
    String uri = fromUri.toLowerCase(Locale.ROOT);
    int colon = uri.indexOf(':');
    String rest = uri.substring(colon + 1);
    int at = rest.indexOf('@');
    String user = at < 0 ? "" : rest.substring(0, at);
    String host = rest.substring(at + 1);
    return user.equals("anonymous") || host.startsWith("anonymous.invalid");
  }

  /**
   * P-values changed (by the ACS, a config file, the keypad): DND, call forward, call waiting, hold
   * mode and the like apply to the next call at once, and turning DND or an account's forwarding on
   * or off is reported (DND On/Off, Forward On/Off event URLs). Server, port and transport changes
   * wait for the next start.
   */
  private void settingsChanged() {
    if (!running) {
      return;
    }
    boolean dndReported = false;
    for (int account : List.copyOf(settings.keySet())) {
      SipSettings before = settings.get(account);
      SipSettings now = SipSettings.read(store, account);
      settings.put(account, now);
      Map<String, String> variables =
          Map.of("local", now.userId(), "display_local", now.displayName());
      if (before.dnd() != now.dnd() && !dndReported) {
        dndReported = true; // phone-wide: once
        events.onEvent(now.dnd() ? PhoneEvent.DND_ON : PhoneEvent.DND_OFF, variables);
      }
      if (before.forward().on() != now.forward().on()) {
        events.onEvent(
            now.forward().on() ? PhoneEvent.FORWARD_ON : PhoneEvent.FORWARD_OFF, variables);
      }
    }
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
    call.onReferred(refer -> transferred(account, refer));
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
