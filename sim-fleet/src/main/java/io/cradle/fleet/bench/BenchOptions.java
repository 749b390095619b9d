package io.cradle.fleet.bench;

import io.cradle.fleet.CommandLine;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@link InformStorm}. Either {@code duration} or {@code sessions} bounds the
 * measured run: {@code sessions > 0} wins; otherwise the run lasts {@code duration} after the
 * warm-up.
 */
public record BenchOptions(
    URI acs,
    int devices,
    int concurrency,
    Duration duration,
    long sessions,
    Mode mode,
    String username,
    String password,
    Duration warmup,
    Duration timeout,
    boolean reuseNonce,
    boolean help) {

  /** Which Inform events a session opens with. */
  public enum Mode {
    /** {@code 2 PERIODIC}: the steady state of a fleet. */
    PERIODIC,
    /** {@code 0 BOOTSTRAP} + {@code 1 BOOT}: every phone of a site powering up at once. */
    BOOT
  }

  /**
   * The highest device count: identities are {@code 000B82F00000 + index}, so the MACs stay inside
   * the Grandstream OUI.
   */
  public static final int MAX_DEVICES = 1 << 20;

  public static final int MAX_CONCURRENCY = 10_000;

  public static final String USAGE =
      """
      Usage: InformStorm [options]
        Drives many concurrent CWMP sessions against a running ACS over real HTTP/1.1 and prints
        throughput and session latency. A session: POST Inform -> 200 InformResponse (a 401 Digest
        challenge is answered, the session cookie is kept) -> POST empty -> 204. Requests the ACS
        sends instead of the 204 are answered minimally (empty responses for Reboot, FactoryReset,
        ScheduleInform, SetParameterAttributes; values for GetParameterValues of Inform parameters;
        GetRPCMethods; Fault 9000 for everything else). A 503 with Retry-After counts as "shed":
        the device waits that long and retries; it is reported apart from errors.

        --acs URL            CWMP endpoint (default http://127.0.0.1:8080/cwmp)
        --devices N          distinct simulated WP820 phones, >= concurrency (default 2000)
        --concurrency N      sessions in flight at once (default 64)
        --duration TIME      measured run time after the warm-up (default 30s)
        --sessions N         instead of --duration: stop after N measured sessions
        --mode MODE          periodic (2 PERIODIC) or boot (0 BOOTSTRAP + 1 BOOT) (default periodic)
        --username NAME      CPE Digest username (default cpe)
        --password SECRET    CPE Digest password (default cpe)
        --digest HOW         challenge: every session starts with a 401 round trip, as most
                             CPEs do (default); reuse: a phone keeps its last nonce and sends
                             credentials with its next Inform, as RFC 7616 allows until the
                             ACS calls the nonce stale
        --warmup TIME        run this long before measuring (default 30s: on 2 cores the ACS's
                             JIT needs about that before its numbers mean anything; 0 for none)
        --timeout TIME       per HTTP request: the longest wait to connect (at most 10s) and
                             for the next bytes of the response (default 30s)
        --help               this text

        TIME is a number with a unit: 500ms, 30s, 2m (a bare number means seconds).
        Exit status: 0 if at least one session succeeded, 1 if none did, 2 on a usage error.
      """;

  private static final Pattern TIME = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

  public static BenchOptions defaults() {
    return new Builder().build();
  }

  /**
   * Reads {@code --key value} (or {@code --key=value}) pairs over the defaults.
   *
   * @throws IllegalArgumentException with a message for the user when an option is unknown,
   *     repeated, missing its value or out of range
   */
  public static BenchOptions parse(String... args) {
    Builder b = new Builder();
    CommandLine.Scan scan = CommandLine.scan(args, Set.of(), b::set);
    if (scan.help()) {
      b.help = true;
      return b.build();
    }
    Set<String> seen = scan.seen();
    if (seen.contains("sessions") && seen.contains("duration")) {
      throw new IllegalArgumentException("give --duration or --sessions, not both");
    }
    BenchOptions o = b.build();
    if (o.devices < o.concurrency) {
      throw new IllegalArgumentException(
          "--devices ("
              + o.devices
              + ") must be at least --concurrency ("
              + o.concurrency
              + "): one phone runs one session at a time");
    }
    return o;
  }

  /** Reads {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
  public static Duration parseDuration(String text) {
    Matcher m = TIME.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a time (use e.g. 500ms, 30s, 2m, 1h)");
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** Whether the run is bounded by a session count rather than by time. */
  public boolean bySessions() {
    return sessions > 0;
  }

  private static final class Builder {
    URI acs = URI.create("http://127.0.0.1:8080/cwmp");
    int devices = 2000;
    int concurrency = 64;
    Duration duration = Duration.ofSeconds(30);
    long sessions;
    Mode mode = Mode.PERIODIC;
    String username = "cpe";
    String password = "cpe";
    Duration warmup = Duration.ofSeconds(30);
    Duration timeout = Duration.ofSeconds(30);
    boolean reuseNonce;
    boolean help;

    void set(String name, String v) {
      switch (name) {
        case "acs" -> acs = parseAcs(v);
        case "devices" -> devices = (int) parseCount("--devices", v, 1, MAX_DEVICES);
        case "concurrency" ->
            concurrency = (int) parseCount("--concurrency", v, 1, MAX_CONCURRENCY);
        case "duration" -> duration = positive("--duration", parseDuration(v));
        case "sessions" -> sessions = parseCount("--sessions", v, 1, Long.MAX_VALUE);
        case "mode" -> mode = parseMode(v);
        case "username" -> username = v;
        case "password" -> password = v;
        case "warmup" -> warmup = parseDuration(v);
        case "timeout" -> timeout = positive("--timeout", parseDuration(v));
        case "digest" -> reuseNonce = parseDigest(v);
        default -> throw new IllegalArgumentException("unknown option --" + name);
      }
    }

    BenchOptions build() {
      return new BenchOptions(
          acs,
          devices,
          concurrency,
          duration,
          sessions,
          mode,
          username,
          password,
          warmup,
          timeout,
          reuseNonce,
          help);
    }
  }

  private static boolean parseDigest(String v) {
    return switch (v) {
      case "challenge" -> false;
      case "reuse" -> true;
      default ->
          throw new IllegalArgumentException(
              "--digest must be challenge or reuse, not '" + v + "'");
    };
  }

  static URI parseAcs(String v) {
    return CommandLine.acsUrl(v);
  }

  private static long parseCount(String option, String v, long min, long max) {
    long n;
    try {
      n = Long.parseLong(v.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " '" + v + "' is not a whole number");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          option + " " + n + " is out of range [" + min + ", " + max + "]");
    }
    return n;
  }

  private static Mode parseMode(String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "periodic" -> Mode.PERIODIC;
      case "boot" -> Mode.BOOT;
      default ->
          throw new IllegalArgumentException("--mode '" + v + "' is neither periodic nor boot");
    };
  }

  private static Duration positive(String option, Duration d) {
    if (d.isZero()) {
      throw new IllegalArgumentException(option + " must be more than 0");
    }
    return d;
  }
}
