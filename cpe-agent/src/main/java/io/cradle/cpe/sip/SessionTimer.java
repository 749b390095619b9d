package io.cradle.cpe.sip;

import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A call's session timer (RFC 4028): what the INVITE, the 422 and the 200 say about it, and on the
 * phone's scheduler either the refresh at half the interval, when this phone refreshes, or the BYE
 * shortly before the interval runs out unrefreshed, when the peer does (§10: at the interval minus
 * the lesser of 32 seconds and a third of it). Refreshes are re-INVITEs: UPDATE is not sent, so
 * Force INVITE changes nothing.
 */
final class SessionTimer {

  static final String SUPPORTED = "Supported";
  static final String REQUIRE = "Require";
  static final String SESSION_EXPIRES = "Session-Expires";
  static final String MIN_SE = "Min-SE";

  /** What the two ends agreed: the interval and whether this phone refreshes. */
  record Agreement(Duration interval, boolean weRefresh) {}

  /** A Session-Expires value: seconds and the refresher parameter ({@code uac}, {@code uas}). */
  record SessionExpires(long seconds, String refresher) {

    /** Reads {@code 1800;refresher=uac}; empty if absent or unreadable. */
    static Optional<SessionExpires> parse(String value) {
      if (value == null) {
        return Optional.empty();
      }
      String[] parts = value.split(";");
      try {
        long seconds = Long.parseLong(parts[0].strip());
        String refresher = null;
        for (int i = 1; i < parts.length; i++) {
          String[] kv = parts[i].strip().split("=", 2);
          if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("refresher")) {
            refresher = kv[1].strip().toLowerCase(Locale.ROOT);
          }
        }
        return seconds > 0 ? Optional.of(new SessionExpires(seconds, refresher)) : Optional.empty();
      } catch (NumberFormatException unreadable) {
        return Optional.empty();
      }
    }
  }

  /** The header fields of an INVITE from an account, asking for {@code interval}; none if off. */
  static Map<String, String> offer(SessionTimerSettings s, Duration interval, Duration minSe) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (!s.enabled()) {
      return headers;
    }
    headers.put(SUPPORTED, OptionTags.TIMER);
    String refresher =
        s.callerRequestTimer()
            ? SessionTimerSettings.Refresher.UAC.token()
            : s.uacRefresher().token();
    headers.put(
        SESSION_EXPIRES,
        interval.toSeconds() + (refresher == null ? "" : ";refresher=" + refresher));
    headers.put(MIN_SE, Long.toString(minSe.toSeconds()));
    return headers;
  }

  /**
   * The 422 an incoming INVITE earns when its Session-Expires is below this account's Min-SE: the
   * header fields to send with it; empty if the interval is acceptable or the timer is off.
   */
  static Optional<Map<String, String>> tooSmall(
      SessionTimerSettings s, Function<String, String> inviteHeader) {
    if (!s.enabled()) {
      return Optional.empty();
    }
    return SessionExpires.parse(inviteHeader.apply(SESSION_EXPIRES))
        .filter(se -> se.seconds() < s.minSe().toSeconds())
        .map(se -> Map.of(MIN_SE, Long.toString(s.minSe().toSeconds())));
  }

  /**
   * The callee's side: the header fields of the 200 to an INVITE, and the agreement, if any. The
   * INVITE's interval is kept (it passed {@link #tooSmall}); its refresher too, else the UAS
   * Specify Refresher setting, else (a caller without timer support) this phone (§9).
   */
  static Optional<Agreement> answer(
      SessionTimerSettings s,
      Function<String, String> inviteHeader,
      Map<String, String> answerHeaders) {
    if (!s.enabled()) {
      return Optional.empty();
    }
    boolean peerSupports =
        OptionTags.has(inviteHeader.apply(SUPPORTED), OptionTags.TIMER)
            || OptionTags.has(inviteHeader.apply(REQUIRE), OptionTags.TIMER);
    Optional<SessionExpires> asked = SessionExpires.parse(inviteHeader.apply(SESSION_EXPIRES));
    long seconds;
    String refresher;
    if (asked.isPresent()) {
      seconds = asked.get().seconds();
      refresher = asked.get().refresher();
      if (refresher == null) {
        refresher = peerSupports ? s.uasRefresher().token() : "uas";
      }
    } else if (peerSupports && s.calleeRequestTimer()) {
      seconds = s.expiration().toSeconds();
      refresher = "uas";
    } else if (s.force()) {
      return Optional.of(new Agreement(s.expiration(), true));
    } else {
      return Optional.empty();
    }
    answerHeaders.put(SESSION_EXPIRES, seconds + ";refresher=" + refresher);
    if (peerSupports) {
      answerHeaders.put(REQUIRE, OptionTags.TIMER);
    }
    return Optional.of(new Agreement(Duration.ofSeconds(seconds), refresher.equals("uas")));
  }

  /**
   * The caller's side: the agreement the 2xx states; without Session-Expires in it, the interval
   * asked for with this phone refreshing if Force Timer is on, else none.
   */
  static Optional<Agreement> answered(
      SessionTimerSettings s, Duration asked, Map<String, String> answerHeaders) {
    if (!s.enabled()) {
      return Optional.empty();
    }
    Optional<SessionExpires> se = SessionExpires.parse(answerHeaders.get(SESSION_EXPIRES));
    if (se.isPresent()) {
      return Optional.of(
          new Agreement(
              Duration.ofSeconds(se.get().seconds()), !"uas".equals(se.get().refresher())));
    }
    return s.force() ? Optional.of(new Agreement(asked, true)) : Optional.empty();
  }

  /** The Min-SE of a 422, if readable. */
  static Optional<Duration> minSeOf(SipPort.SipResponse response) {
    try {
      String v = response.header(MIN_SE);
      return v == null
          ? Optional.empty()
          : Optional.of(Duration.ofSeconds(Long.parseLong(v.split(";")[0].strip())));
    } catch (NumberFormatException unreadable) {
      return Optional.empty();
    }
  }

  private final Scheduler scheduler;
  private final Runnable refresh;
  private final Runnable expired;
  private Agreement agreement;
  private Instant refreshedAt;
  private Cancellable timer;

  /**
   * @param refresh sends the refresh (when this phone refreshes)
   * @param expired ends the call with BYE (when no refresh came in time)
   */
  SessionTimer(Scheduler scheduler, Runnable refresh, Runnable expired) {
    this.scheduler = scheduler;
    this.refresh = refresh;
    this.expired = expired;
  }

  /** The session was (re)established or refreshed under {@code agreed}: the clock restarts. */
  void start(Agreement agreed) {
    stop();
    agreement = agreed;
    refreshedAt = scheduler.now();
    if (agreed.weRefresh()) {
      timer = scheduler.schedule(agreed.interval().dividedBy(2), refresh);
    } else {
      timer = scheduler.schedule(expiry(agreed.interval()), expired);
    }
  }

  /**
   * A refresh failed: the session ends when it would have without one, unless refreshed meanwhile.
   */
  void refreshFailed() {
    if (agreement == null) {
      return;
    }
    stop();
    Instant at = refreshedAt.plus(expiry(agreement.interval()));
    timer = scheduler.scheduleAt(at.isAfter(scheduler.now()) ? at : scheduler.now(), expired);
  }

  /** The agreement in force, if any. */
  Optional<Agreement> agreement() {
    return Optional.ofNullable(agreement);
  }

  /** The header fields of a refresh re-INVITE this phone sends: it stays the refresher. */
  Map<String, String> refreshHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(SUPPORTED, OptionTags.TIMER);
    headers.put(SESSION_EXPIRES, agreement.interval().toSeconds() + ";refresher=uac");
    return headers;
  }

  /**
   * The peer's re-INVITE refreshes the session: the agreement it states (its own refresher unless
   * it says uas), else the one in force; the header fields to answer it with.
   */
  Map<String, String> refreshedByPeer(Function<String, String> reinviteHeader) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (agreement == null) {
      return headers;
    }
    Optional<SessionExpires> se = SessionExpires.parse(reinviteHeader.apply(SESSION_EXPIRES));
    Agreement next =
        se.map(e -> new Agreement(Duration.ofSeconds(e.seconds()), "uas".equals(e.refresher())))
            .orElse(agreement);
    if (se.isPresent()) {
      headers.put(
          SESSION_EXPIRES,
          next.interval().toSeconds() + ";refresher=" + (next.weRefresh() ? "uas" : "uac"));
      headers.put(REQUIRE, OptionTags.TIMER);
    }
    start(next);
    return headers;
  }

  void stop() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  /** §10: BYE at the interval minus the lesser of 32 seconds and a third of it. */
  private static Duration expiry(Duration interval) {
    Duration third = interval.dividedBy(3);
    return interval.minus(
        third.compareTo(Duration.ofSeconds(32)) < 0 ? third : Duration.ofSeconds(32));
  }
}
