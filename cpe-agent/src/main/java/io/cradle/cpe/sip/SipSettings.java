package io.cradle.cpe.sip;

import io.cradle.cpe.config.PValueStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One account's SIP settings as read from the P-value store (admin guide: Account → General and SIP
 * Settings, Call Settings). A snapshot: read again after the P-values changed.
 *
 * @param sipServer null when no SIP server is configured (P47 / P402 empty)
 * @param secondaryServer null when none (P2312 / P2412)
 * @param outboundProxy null when none (P48 / P403); every request then goes to it
 * @param registerExpiration Register Expiration (P32 / P412, minutes in the store)
 * @param reregisterBeforeExpiration Re-register before Expiration (P2330 / P2430); zero means the
 *     phone's own margin, see {@link Registration}
 * @param registrationRetryWait Registration Retry Wait Time (P138 / P471)
 * @param unregisterOnReboot 0 no, 1 yes (clear all bindings first), 2 instance (P81 / P411)
 * @param autoAnswer 0 no, 1 yes, 2 intercom/paging only (P90 / P425)
 * @param ringTimeout Ring Timeout (P476 / P1328)
 * @param dnd Do Not Disturb, phone-wide (P8446)
 * @param callWaiting Enable Call Waiting, phone-wide (P91 is "disable call waiting")
 * @param rfc2543Hold hold with {@code c=0.0.0.0} instead of {@code a=sendonly}
 * @param forward Call Forward
 * @param optionsKeepAlive Enable SIP OPTIONS Keep Alive (P2397 / P2497)
 * @param optionsKeepAliveInterval SIP OPTIONS Keep Alive Interval (P2398 / P2498)
 * @param optionsKeepAliveMaxTries SIP OPTIONS Keep Alive Maximum Tries (P2399 / P2499): unanswered
 *     in a row before the phone registers again
 * @param rejectAnonymous Intercept Anonymous Calls (P446 / placeholder P99920)
 * @param preferredVocoders Preferred Vocoder 1-8 (P57-P62, P46, P98 / P451-P458), as payload types
 *     in order, those Cradle implements (PCMU 0, PCMA 8, G.722 9) only; PCMU and PCMA when none is
 *     set
 * @param subscribeForMwi Subscribe for MWI (P99 / P415)
 * @param sessionTimer the Session Timer settings (P2495 / P2395 and the rest)
 * @param enable100rel Enable 100rel (P435 / P272)
 * @param unsolicitedRefer Allow Unsolicited REFER: 0 disabled, 1 enabled, 2 enabled with
 *     authentication (placeholder P99921 / P99922)
 */
public record SipSettings(
    int account,
    boolean active,
    boolean sipRegistration,
    HostPort sipServer,
    HostPort secondaryServer,
    HostPort outboundProxy,
    String userId,
    String authId,
    String password,
    String displayName,
    Duration registerExpiration,
    Duration reregisterBeforeExpiration,
    Duration registrationRetryWait,
    int unregisterOnReboot,
    Transport transport,
    int localSipPort,
    int autoAnswer,
    Duration ringTimeout,
    boolean dnd,
    boolean callWaiting,
    boolean rfc2543Hold,
    CallForward forward,
    boolean optionsKeepAlive,
    Duration optionsKeepAliveInterval,
    int optionsKeepAliveMaxTries,
    boolean rejectAnonymous,
    java.util.List<Integer> preferredVocoders,
    boolean subscribeForMwi,
    SessionTimerSettings sessionTimer,
    boolean enable100rel,
    int unsolicitedRefer) {

  /**
   * The P-value numbers of one account, by readable name: the WP820 template's (call settings of
   * account 1 and 2 use each other's GXP numbers there).
   */
  private static final Map<String, String> ACCOUNT1 =
      Map.ofEntries(
          Map.entry("active", "P271"),
          Map.entry("sipRegistration", "P31"),
          Map.entry("sipServer", "P47"),
          Map.entry("secondaryServer", "P2312"),
          Map.entry("outboundProxy", "P48"),
          Map.entry("userId", "P35"),
          Map.entry("authId", "P36"),
          Map.entry("password", "P34"),
          Map.entry("displayName", "P3"),
          Map.entry("registerExpiration", "P32"),
          Map.entry("reregisterBefore", "P2330"),
          Map.entry("retryWait", "P138"),
          Map.entry("unregisterOnReboot", "P81"),
          Map.entry("transport", "P130"),
          Map.entry("localSipPort", "P40"),
          Map.entry("autoAnswer", "P90"),
          Map.entry("ringTimeout", "P476"),
          Map.entry("rfc2543Hold", "P99900"),
          Map.entry("forwardType", "P99901"),
          Map.entry("forwardAllTo", "P99902"),
          Map.entry("busyForward", "P99903"),
          Map.entry("busyForwardTo", "P99904"),
          Map.entry("noAnswerForward", "P99905"),
          Map.entry("noAnswerForwardTo", "P99906"),
          Map.entry("dndForward", "P99907"),
          Map.entry("dndForwardTo", "P99908"),
          Map.entry("noAnswerForwardWait", "P139"),
          Map.entry("optionsKeepAlive", "P2397"),
          Map.entry("optionsKeepAliveInterval", "P2398"),
          Map.entry("optionsKeepAliveMaxTries", "P2399"),
          Map.entry("rejectAnonymous", "P446"),
          Map.entry("unsolicitedRefer", "P99921"),
          Map.entry("subscribeForMwi", "P99"),
          Map.entry("enable100rel", "P435"),
          Map.entry("sessionTimer", "P2495"),
          Map.entry("sessionExpiration", "P434"),
          Map.entry("minSe", "P427"),
          Map.entry("uacRefresher", "P432"),
          Map.entry("uasRefresher", "P433"),
          Map.entry("callerRequestTimer", "P428"),
          Map.entry("calleeRequestTimer", "P429"),
          Map.entry("forceTimer", "P430"),
          Map.entry("forceInvite", "P431"));

  private static final Map<String, String> ACCOUNT2 =
      Map.ofEntries(
          Map.entry("active", "P401"),
          Map.entry("sipRegistration", "P410"),
          Map.entry("sipServer", "P402"),
          Map.entry("secondaryServer", "P2412"),
          Map.entry("outboundProxy", "P403"),
          Map.entry("userId", "P404"),
          Map.entry("authId", "P405"),
          Map.entry("password", "P406"),
          Map.entry("displayName", "P407"),
          Map.entry("registerExpiration", "P412"),
          Map.entry("reregisterBefore", "P2430"),
          Map.entry("retryWait", "P471"),
          Map.entry("unregisterOnReboot", "P411"),
          Map.entry("transport", "P448"),
          Map.entry("localSipPort", "P413"),
          Map.entry("autoAnswer", "P425"),
          Map.entry("ringTimeout", "P1328"),
          Map.entry("rfc2543Hold", "P99910"),
          Map.entry("forwardType", "P99911"),
          Map.entry("forwardAllTo", "P99912"),
          Map.entry("busyForward", "P99913"),
          Map.entry("busyForwardTo", "P99914"),
          Map.entry("noAnswerForward", "P99915"),
          Map.entry("noAnswerForwardTo", "P99916"),
          Map.entry("dndForward", "P99917"),
          Map.entry("dndForwardTo", "P99918"),
          Map.entry("noAnswerForwardWait", "P99919"),
          Map.entry("optionsKeepAlive", "P2497"),
          Map.entry("optionsKeepAliveInterval", "P2498"),
          Map.entry("optionsKeepAliveMaxTries", "P2499"),
          Map.entry("rejectAnonymous", "P99920"),
          Map.entry("unsolicitedRefer", "P99922"),
          Map.entry("subscribeForMwi", "P415"),
          Map.entry("enable100rel", "P272"),
          Map.entry("sessionTimer", "P2395"),
          Map.entry("sessionExpiration", "P260"),
          Map.entry("minSe", "P261"),
          Map.entry("uacRefresher", "P266"),
          Map.entry("uasRefresher", "P267"),
          Map.entry("callerRequestTimer", "P262"),
          Map.entry("calleeRequestTimer", "P263"),
          Map.entry("forceTimer", "P264"),
          Map.entry("forceInvite", "P265"));

  /** Preferred Vocoder 1-8 of account 1 and 2 (payload types). */
  private static final java.util.List<String> VOCODERS1 =
      java.util.List.of("P57", "P58", "P59", "P60", "P61", "P62", "P46", "P98");

  private static final java.util.List<String> VOCODERS2 =
      java.util.List.of("P451", "P452", "P453", "P454", "P455", "P456", "P457", "P458");

  /** The codecs an SDP of Cradle's may carry: G.711 µ-law and A-law, G.722. */
  private static final java.util.Set<Integer> IMPLEMENTED = java.util.Set.of(0, 8, 9);

  /** Phone-wide Do Not Disturb. */
  public static final String DND = "P8446";

  /** Phone-wide Disable Call Waiting. */
  public static final String DISABLE_CALL_WAITING = "P91";

  /** The accounts a WP820 has. */
  public static final int ACCOUNTS = 2;

  /** The P-value number of {@code name} (e.g. {@code sipServer}) for {@code account} (1 or 2). */
  public static String pvalue(int account, String name) {
    String number = numbers(account).get(name);
    if (number == null) {
      throw new IllegalArgumentException("no SIP setting named " + name);
    }
    return number;
  }

  private static Map<String, String> numbers(int account) {
    switch (account) {
      case 1:
        return ACCOUNT1;
      case 2:
        return ACCOUNT2;
      default:
        throw new IllegalArgumentException("a WP820 has accounts 1 and 2, not " + account);
    }
  }

  /** Reads {@code account}'s settings. A malformed server address reads as absent. */
  public static SipSettings read(PValueStore store, int account) {
    Map<String, String> n = numbers(account);
    java.util.function.Function<String, String> get =
        name -> store.get(n.get(name)).orElse("").strip();
    String userId = get.apply("userId");
    String authId = get.apply("authId");
    return new SipSettings(
        account,
        "1".equals(get.apply("active")),
        !"0".equals(get.apply("sipRegistration")),
        address(get.apply("sipServer")).orElse(null),
        address(get.apply("secondaryServer")).orElse(null),
        address(get.apply("outboundProxy")).orElse(null),
        userId,
        authId.isEmpty() ? userId : authId,
        store.get(n.get("password")).orElse(""),
        get.apply("displayName"),
        Duration.ofMinutes(integer(get.apply("registerExpiration"), 60)),
        Duration.ofSeconds(integer(get.apply("reregisterBefore"), 0)),
        Duration.ofSeconds(integer(get.apply("retryWait"), 20)),
        integer(get.apply("unregisterOnReboot"), 0),
        Transport.fromCode(get.apply("transport")),
        integer(get.apply("localSipPort"), account == 1 ? 5060 : 5062),
        integer(get.apply("autoAnswer"), 0),
        Duration.ofSeconds(integer(get.apply("ringTimeout"), 60)),
        "1".equals(store.get(DND).orElse("0").strip()),
        !"1".equals(store.get(DISABLE_CALL_WAITING).orElse("0").strip()),
        "1".equals(get.apply("rfc2543Hold")),
        forward(get),
        "1".equals(get.apply("optionsKeepAlive")),
        Duration.ofSeconds(Math.max(1, integer(get.apply("optionsKeepAliveInterval"), 30))),
        Math.max(1, integer(get.apply("optionsKeepAliveMaxTries"), 3)),
        "1".equals(get.apply("rejectAnonymous")),
        vocoders(store, account == 1 ? VOCODERS1 : VOCODERS2),
        "1".equals(get.apply("subscribeForMwi")),
        sessionTimer(get),
        "1".equals(get.apply("enable100rel")),
        integer(get.apply("unsolicitedRefer"), 0));
  }

  /** The implemented codecs of the Preferred Vocoder list in order, each once. */
  private static java.util.List<Integer> vocoders(PValueStore store, java.util.List<String> slots) {
    java.util.List<Integer> order = new java.util.ArrayList<>();
    for (String slot : slots) {
      int pt = integer(store.get(slot).orElse("").strip(), -1);
      if (IMPLEMENTED.contains(pt) && !order.contains(pt)) {
        order.add(pt);
      }
    }
    return order.isEmpty() ? java.util.List.of(0, 8) : java.util.List.copyOf(order);
  }

  private static SessionTimerSettings sessionTimer(
      java.util.function.Function<String, String> get) {
    int expiration = integer(get.apply("sessionExpiration"), 180);
    // RFC 4028 §4: Min-SE is at least 90 s, and the interval asked for never below it.
    int minSe = Math.max(SessionTimerSettings.MIN_SE_FLOOR, integer(get.apply("minSe"), 90));
    return new SessionTimerSettings(
        !"0".equals(get.apply("sessionTimer")),
        Duration.ofSeconds(Math.max(expiration, minSe)),
        Duration.ofSeconds(minSe),
        SessionTimerSettings.Refresher.fromUacCode(get.apply("uacRefresher")),
        "2".equals(get.apply("uasRefresher"))
            ? SessionTimerSettings.Refresher.UAS
            : SessionTimerSettings.Refresher.UAC,
        "1".equals(get.apply("callerRequestTimer")),
        "1".equals(get.apply("calleeRequestTimer")),
        "1".equals(get.apply("forceTimer")),
        "1".equals(get.apply("forceInvite")));
  }

  private static CallForward forward(java.util.function.Function<String, String> get) {
    String type = get.apply("forwardType");
    java.util.function.Function<String, String> target =
        name -> get.apply(name).isEmpty() ? null : get.apply(name);
    java.util.function.Function<String, String> when =
        name ->
            CallForward.OTHERS.equals(type) && "1".equals(get.apply(name))
                ? target.apply(name + "To")
                : null;
    return new CallForward(
        CallForward.UNCONDITIONAL.equals(type) ? target.apply("forwardAllTo") : null,
        when.apply("busyForward"),
        when.apply("noAnswerForward"),
        Duration.ofSeconds(integer(get.apply("noAnswerForwardWait"), 20)),
        when.apply("dndForward"));
  }

  /**
   * The SIP URI of a number dialed or forwarded to from this account: a user at the account's SIP
   * server, or a full {@code user@host[:port]} as given.
   */
  public String targetUri(String number) {
    if (number.regionMatches(true, 0, "sip:", 0, 4)) {
      return number;
    }
    return "sip:" + (number.contains("@") ? number : number + "@" + sipServer);
  }

  /** Whether this account should register: active, registration on, a server and a user ID. */
  public boolean registers() {
    return active && sipRegistration && sipServer != null && !userId.isEmpty();
  }

  /** The SIP domain of the address of record: the SIP server's host. */
  public String domain() {
    return sipServer == null ? "" : sipServer.host();
  }

  private static Optional<HostPort> address(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(HostPort.parse(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static int integer(String value, int fallback) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
