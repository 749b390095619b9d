package io.cradle.cpe.sip;

import io.cradle.cpe.sip.SipPort.SipResponse;
import io.cradle.cpe.sip.SipPort.SubscribeRequest;
import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cwmp.auth.DigestClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Message Waiting Indication of one account (RFC 3842): the state of its voice mailbox as the
 * notifier's NOTIFYs tell it, solicited or not (the guide: "both synchronized and non-synchronized
 * MWI"). With Subscribe for MWI on it also SUBSCRIBEs for message-summary to the account's own
 * address of record for the Register Expiration, refreshes when {@link
 * Registration#DEFAULT_REFRESH_FRACTION} of the granted time has passed, and after a refusal, no
 * answer or a terminated subscription subscribes anew after the Registration Retry Wait Time. Runs
 * on the phone's scheduler.
 */
public final class MessageWaiting {

  private final SipSettings settings;
  private final SipPort port;
  private final Scheduler scheduler;
  private final RandomGenerator random;
  private final DigestClient digest;
  private final String userAgent;
  private final Runnable changed;

  private MessageSummary summary = MessageSummary.NONE;
  private String callId;
  private String fromTag;
  private long cseq;
  private boolean subscribed;
  private Duration granted = Duration.ZERO;
  private long accepted;
  private String lastError = "";
  private long generation;
  private Cancellable timer;

  /**
   * @param changed told when the mailbox state changes (the LED and the data model follow it)
   */
  MessageWaiting(
      SipSettings settings,
      SipPort port,
      Scheduler scheduler,
      RandomGenerator random,
      String userAgent,
      Runnable changed) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.port = Objects.requireNonNull(port, "port");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.random = Objects.requireNonNull(random, "random");
    this.digest = new DigestClient(random);
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    this.changed = Objects.requireNonNull(changed, "changed");
  }

  /** Subscribes, if Subscribe for MWI is on and the account has a SIP server and a user ID. */
  void start() {
    if (!settings.subscribeForMwi()
        || settings.sipServer() == null
        || settings.userId().isEmpty()) {
      return;
    }
    subscribeAnew();
  }

  /** Ends the subscription politely (SUBSCRIBE with Expires 0) and stops the timers. */
  void stop() {
    cancelTimer();
    generation++;
    if (subscribed) {
      subscribed = false;
      send(0, null, false, false, generation);
    }
  }

  /** Stops the timers and forgets in-flight requests without telling the notifier (power loss). */
  void halt() {
    cancelTimer();
    generation++;
    subscribed = false;
  }

  /** The mailbox as last notified; {@link MessageSummary#NONE} before any NOTIFY. */
  public MessageSummary summary() {
    return summary;
  }

  /** Whether the notifier accepted the subscription and it has not ended since. */
  public boolean subscribed() {
    return subscribed;
  }

  /** How many SUBSCRIBEs the notifier accepted: the first one and every refresh. */
  public long accepted() {
    return accepted;
  }

  /** The duration the notifier granted last; zero before the first acceptance. */
  public Duration granted() {
    return granted;
  }

  /** Why the subscription last failed, e.g. {@code 489 Bad Event}; empty if it has not. */
  public String lastError() {
    return lastError;
  }

  /**
   * A NOTIFY for message-summary: a readable body replaces the mailbox state and is answered 200;
   * an unreadable one is answered 400 with the reason and changes nothing. {@code
   * Subscription-State: terminated} ends our subscription, which is tried again later.
   */
  void onNotify(SipPort.IncomingRequest notify) {
    String state = notify.header("Subscription-State");
    if (state != null
        && state.strip().toLowerCase(Locale.ROOT).startsWith("terminated")
        && subscribed) {
      subscribed = false;
      cancelTimer();
      generation++;
      timer = scheduler.schedule(settings.registrationRetryWait(), this::subscribeAnew);
    }
    if (notify.body().isBlank()) {
      // RFC 6665 allows a NOTIFY without state (e.g. the first, or the last): nothing new.
      notify.respond(200, "OK");
      return;
    }
    MessageSummary next;
    try {
      next = MessageSummary.parse(notify.body());
    } catch (IllegalArgumentException unreadable) {
      notify.respond(400, "Bad message-summary: " + unreadable.getMessage());
      return;
    }
    notify.respond(200, "OK");
    if (!next.equals(summary)) {
      summary = next;
      changed.run();
    }
  }

  /** A new subscription: a new dialog (Call-ID, From tag), as after a failure. */
  private void subscribeAnew() {
    cancelTimer();
    generation++;
    callId = Registration.hex(random, 12) + "@" + port.localAddress().host();
    fromTag = Registration.hex(random, 4);
    cseq = 0;
    send(expires(), null, false, false, generation);
  }

  /** Refreshes the subscription in its dialog. */
  private void refresh() {
    generation++;
    send(expires(), null, false, false, generation);
  }

  private int expires() {
    return (int) settings.registerExpiration().toSeconds();
  }

  private void send(int expires, String authorization, boolean proxy, boolean answered, long gen) {
    HostPort server = settings.sipServer();
    SubscribeRequest request =
        new SubscribeRequest(
            settings.targetUri(settings.userId()),
            settings.outboundProxy() != null ? settings.outboundProxy() : server,
            settings.userId(),
            settings.domain(),
            callId,
            fromTag,
            ++cseq,
            MessageSummary.EVENT,
            MessageSummary.CONTENT_TYPE,
            expires,
            userAgent,
            authorization,
            proxy);
    port.subscribe(
        request,
        new SipPort.ResponseListener() {
          @Override
          public void onResponse(SipResponse response) {
            if (gen != generation || expires == 0) {
              return;
            }
            Optional<Credentials> credentials =
                answered
                    ? Optional.empty()
                    : Credentials.answer(response, "SUBSCRIBE", request.target(), settings, digest);
            if (credentials.isPresent()) {
              send(expires, credentials.get().header(), credentials.get().proxy(), true, gen);
            } else if (response.isSuccess()) {
              onAccepted(response, expires);
            } else {
              failed(response.status() + " " + response.reason());
            }
          }

          @Override
          public void onNoResponse(String why) {
            if (gen == generation && expires != 0) {
              failed(why);
            }
          }
        });
  }

  private void onAccepted(SipResponse response, int asked) {
    int seconds = response.expires() == SipResponse.NO_EXPIRES ? asked : response.expires();
    if (seconds <= 0) {
      failed("subscription accepted for 0 seconds");
      return;
    }
    subscribed = true;
    accepted++;
    lastError = "";
    granted = Duration.ofSeconds(seconds);
    long refreshMillis =
        Math.max(1000, (long) (granted.toMillis() * Registration.DEFAULT_REFRESH_FRACTION));
    cancelTimer();
    timer = scheduler.schedule(Duration.ofMillis(refreshMillis), this::refresh);
  }

  private void failed(String why) {
    subscribed = false;
    lastError = why;
    cancelTimer();
    timer = scheduler.schedule(settings.registrationRetryWait(), this::subscribeAnew);
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
