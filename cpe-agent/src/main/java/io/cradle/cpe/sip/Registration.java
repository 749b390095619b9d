package io.cradle.cpe.sip;

import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.sip.SipPort.RegisterRequest;
import io.cradle.cpe.sip.SipPort.SipResponse;
import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cwmp.auth.DigestChallenge;
import io.cradle.cwmp.auth.DigestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One account's registration with its registrar (RFC 3261 §10), driven by the admin guide's timers:
 * Register Expiration, Re-register before Expiration, Registration Retry Wait Time, and Unregister
 * on Reboot. Digest challenges (401/407, MD5, qop=auth) are answered once per attempt; the last
 * challenge is reused for refreshes, so a refresh costs one round trip until the registrar wants a
 * new nonce.
 *
 * <p>Failover: when the server in use does not answer (or answers 5xx/6xx), the next attempt goes
 * to the secondary SIP server, then back. With SIP OPTIONS Keep Alive, a registered account sends
 * OPTIONS to its server every interval; any answer shows the server is there, and after Maximum
 * Tries unanswered in a row the phone registers again. All methods and port callbacks run on the
 * phone's scheduler.
 */
public final class Registration {

  /** Where the registration stands. */
  public enum State {
    UNREGISTERED,
    REGISTERING,
    REGISTERED,
    FAILED
  }

  /**
   * With Re-register before Expiration 0 (the default), refresh when this fraction of the granted
   * time has passed, so the binding never lapses while the REGISTER is under way.
   */
  static final double DEFAULT_REFRESH_FRACTION = 0.9;

  private final SipSettings settings;
  private final SipPort port;
  private final Scheduler scheduler;
  private final DigestClient digest;
  private final String userAgent;
  private final SipEvents events;
  private final RandomGenerator random;
  private final String callId;
  private final String fromTag;
  private final List<HostPort> servers = new ArrayList<>();

  private State state = State.UNREGISTERED;
  private int serverIndex;
  private long cseq;
  private long generation;
  private DigestChallenge lastChallenge;
  private boolean lastChallengeProxy;
  private Cancellable timer;
  private SipResponse lastResponse;
  private String lastError = "";
  private Duration granted = Duration.ZERO;
  private long successes;
  private Cancellable keepAliveTimer;
  private long keepAliveCseq;
  private int keepAlivesUnanswered;
  private long keepAlivesAnswered;

  public Registration(
      SipSettings settings,
      SipPort port,
      Scheduler scheduler,
      RandomGenerator random,
      String userAgent,
      SipEvents events) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.port = Objects.requireNonNull(port, "port");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.digest = new DigestClient(random);
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    this.events = Objects.requireNonNull(events, "events");
    this.random = random;
    this.callId = hex(random, 12) + "@" + port.localAddress().host();
    this.fromTag = hex(random, 4);
    if (settings.sipServer() != null) {
      servers.add(settings.sipServer());
    }
    if (settings.secondaryServer() != null) {
      servers.add(settings.secondaryServer());
    }
  }

  /**
   * Starts registering, as at boot. With Unregister on Reboot = 1, all bindings of the address of
   * record are removed first ({@code Contact: *}).
   */
  public void start() {
    if (!settings.registers() || servers.isEmpty()) {
      return;
    }
    generation++;
    if (settings.unregisterOnReboot() == 1) {
      state = State.REGISTERING;
      send(0, true, false, generation, this::onWildcardDone);
    } else {
      attempt();
    }
  }

  /** Removes the binding (REGISTER with expires 0) and stops all timers. */
  public void unregister() {
    cancelTimer();
    generation++;
    if (state == State.REGISTERED || state == State.REGISTERING) {
      long gen = generation;
      send(0, false, false, gen, response -> onUnregistered(gen));
    } else {
      state = State.UNREGISTERED;
    }
  }

  /** Stops all timers and forgets in-flight requests without telling the registrar (power loss). */
  public void halt() {
    cancelTimer();
    generation++;
    state = State.UNREGISTERED;
  }

  public State state() {
    return state;
  }

  /** The account number (1 or 2). */
  public int account() {
    return settings.account();
  }

  /**
   * TR-104 {@code Line.{i}.Status}: {@code Up} registered, {@code Registering}, {@code Error}
   * failed, {@code Disabled} when the account does not register.
   */
  public String lineStatus() {
    if (!settings.registers()) {
      return "Disabled";
    }
    switch (state) {
      case REGISTERED:
        return "Up";
      case REGISTERING:
        return "Registering";
      case FAILED:
        return "Error";
      default:
        return "Initializing";
    }
  }

  /** The last final response of the registrar, if any. */
  public Optional<SipResponse> lastResponse() {
    return Optional.ofNullable(lastResponse);
  }

  /** Why the registration last failed, e.g. {@code 403 Forbidden}; empty if it has not. */
  public String lastError() {
    return lastError;
  }

  /** The expiration the registrar granted last; zero before the first success. */
  public Duration granted() {
    return granted;
  }

  /** How many REGISTERs the registrar accepted: the first registration and every refresh. */
  public long successes() {
    return successes;
  }

  /** How many OPTIONS keep-alives the server answered. */
  public long keepAlivesAnswered() {
    return keepAlivesAnswered;
  }

  /** The server requests go to now (the primary until it fails). */
  public HostPort currentServer() {
    return servers.get(serverIndex);
  }

  private void attempt() {
    cancelTimer();
    generation++;
    if (state != State.REGISTERED) {
      state = State.REGISTERING;
    }
    send(expiresSeconds(), false, false, generation, null);
  }

  /**
   * Sends one REGISTER. {@code answered} says whether this attempt already answered a challenge;
   * {@code then}, when not null, takes the final outcome instead of the normal handling.
   */
  private void send(
      int expires,
      boolean wildcard,
      boolean answered,
      long gen,
      java.util.function.Consumer<SipResponse> then) {
    HostPort registrar = currentServer();
    String authorization = authorization(registrar);
    RegisterRequest request =
        new RegisterRequest(
            registrar,
            settings.outboundProxy() != null ? settings.outboundProxy() : registrar,
            settings.userId(),
            registrar.host(),
            settings.displayName(),
            callId,
            fromTag,
            ++cseq,
            expires,
            wildcard,
            authorization,
            lastChallengeProxy,
            userAgent);
    port.register(
        request,
        new SipPort.ResponseListener() {
          @Override
          public void onResponse(SipResponse response) {
            if (gen != generation) {
              return; // an answer to a request we gave up on
            }
            if (response.status() == 401 || response.status() == 407) {
              Optional<DigestChallenge> challenge =
                  DigestChallenge.parse(
                      response.status() == 401
                          ? nullToEmpty(response.wwwAuthenticate())
                          : nullToEmpty(response.proxyAuthenticate()));
              if (challenge.isPresent() && (!answered || challenge.get().stale())) {
                lastChallenge = challenge.get();
                lastChallengeProxy = response.status() == 407;
                send(expires, wildcard, true, gen, then);
                return;
              }
              lastChallenge = null; // refused although answered: wrong credentials
            }
            if (then != null) {
              then.accept(response);
            } else {
              onFinal(response, expires);
            }
          }

          @Override
          public void onNoResponse(String why) {
            if (gen != generation) {
              return;
            }
            SipResponse none = new SipResponse(408, why, null, null, SipResponse.NO_EXPIRES);
            if (then != null) {
              then.accept(none);
            } else {
              onFinal(none, expires);
            }
          }
        });
  }

  private void onWildcardDone(SipResponse response) {
    // Whatever the registrar said about clearing old bindings, register now.
    attempt();
  }

  private void onUnregistered(long gen) {
    if (gen != generation) {
      return;
    }
    boolean was = state == State.REGISTERED;
    state = State.UNREGISTERED;
    if (was) {
      events.onEvent(PhoneEvent.UNREGISTER, variables());
    }
  }

  private void onFinal(SipResponse response, int requested) {
    lastResponse = response;
    if (response.isSuccess()) {
      successes++;
      boolean was = state == State.REGISTERED;
      state = State.REGISTERED;
      lastError = "";
      granted =
          Duration.ofSeconds(
              response.expires() > 0 ? Math.min(response.expires(), requested) : requested);
      timer = scheduler.schedule(refreshDelay(granted), this::attempt);
      if (settings.optionsKeepAlive() && keepAliveTimer == null) {
        keepAliveTimer = scheduler.every(settings.optionsKeepAliveInterval(), this::keepAlive);
      }
      if (!was) {
        events.onEvent(PhoneEvent.REGISTER, variables());
      }
      return;
    }
    boolean was = state == State.REGISTERED;
    state = State.FAILED;
    lastError = response.status() + " " + nullToEmpty(response.reason());
    if (failsOver(response.status()) && servers.size() > 1) {
      serverIndex = (serverIndex + 1) % servers.size();
      lastChallenge = null;
    }
    timer = scheduler.schedule(settings.registrationRetryWait(), this::attempt);
    if (was) {
      events.onEvent(PhoneEvent.UNREGISTER, variables());
    }
  }

  /** When to send the refresh: Re-register before Expiration ahead of expiry if it fits. */
  Duration refreshDelay(Duration expiry) {
    Duration before = settings.reregisterBeforeExpiration();
    if (!before.isZero() && before.compareTo(expiry) < 0) {
      return expiry.minus(before);
    }
    return Duration.ofMillis((long) (expiry.toMillis() * DEFAULT_REFRESH_FRACTION));
  }

  private static boolean failsOver(int status) {
    return status == 408 || status == 503 || status >= 500;
  }

  private String authorization(HostPort registrar) {
    if (lastChallenge == null) {
      return null;
    }
    return digest
        .authorize(
            "REGISTER", "sip:" + registrar, settings.authId(), settings.password(), lastChallenge)
        .toHeader();
  }

  private int expiresSeconds() {
    return (int) Math.min(Integer.MAX_VALUE, settings.registerExpiration().toSeconds());
  }

  private Map<String, String> variables() {
    return Map.of(
        "local", settings.userId(), "display_local", settings.displayName(), "active_user", "");
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    if (keepAliveTimer != null) {
      keepAliveTimer.cancel();
      keepAliveTimer = null;
    }
  }

  /** One OPTIONS keep-alive to the server in use; a fresh Call-ID each, as for a lone request. */
  private void keepAlive() {
    if (state != State.REGISTERED) {
      return;
    }
    HostPort server = currentServer();
    long gen = generation;
    port.send(
        new SipPort.OutOfDialogRequest(
            "OPTIONS",
            "sip:" + server,
            settings.outboundProxy() != null ? settings.outboundProxy() : server,
            settings.userId(),
            server.host(),
            hex(random, 12) + "@" + port.localAddress().host(),
            hex(random, 4),
            ++keepAliveCseq,
            null,
            null,
            userAgent,
            null,
            false),
        new SipPort.ResponseListener() {
          @Override
          public void onResponse(SipResponse response) {
            // Any answer, even 404 or 405, shows the server is reachable.
            keepAlivesUnanswered = 0;
            keepAlivesAnswered++;
          }

          @Override
          public void onNoResponse(String why) {
            if (gen == generation
                && ++keepAlivesUnanswered >= settings.optionsKeepAliveMaxTries()) {
              keepAlivesUnanswered = 0;
              attempt();
            }
          }
        });
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  static String hex(RandomGenerator random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
