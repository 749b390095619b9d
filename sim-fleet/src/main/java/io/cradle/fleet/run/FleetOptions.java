package io.cradle.fleet.run;

import io.cradle.fleet.CommandLine;
import io.cradle.fleet.bench.BenchOptions;
import io.cradle.fleet.scenario.Scenario;
import io.cradle.fleet.scenario.ScenarioParser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of a simulated fleet ({@code run}, {@code demo} and the idle benchmark): where
 * the ACS is, which phones to start (MAC, serial and address ranges), how fast to boot them, their
 * credentials and timers, and when to stop.
 *
 * @param bootInterval the pause between two consecutive boots (zero: all at once)
 * @param duration how long to run; empty: until Ctrl-C (or until booted, with {@code untilBooted})
 * @param untilBooted stop as soon as every phone has had a successful session, or after {@code
 *     bootTimeout}
 * @param report where to write the summary as JSON; empty: nowhere
 * @param dataDir the parent of each phone's flash directory; empty: flash in memory
 * @param scenario the floor plan, wearers, charging and events the phones live through; empty:
 *     phones on mains power and always connected, as without {@code --scenario}
 * @param sip each phone's SIP account 1 and where it registers; empty: the phones have no SIP
 */
public record FleetOptions(
    URI acs,
    int phones,
    long firstMac,
    String serialPrefix,
    int addressBase,
    int crPort,
    Duration bootInterval,
    Duration periodicInterval,
    String acsUser,
    String acsPassword,
    String crUser,
    String crPassword,
    int sessionThreads,
    Optional<Duration> duration,
    boolean untilBooted,
    Duration bootTimeout,
    Optional<Path> report,
    Optional<Path> dataDir,
    long seed,
    double speed,
    Optional<Scenario> scenario,
    Optional<SipPlan> sip,
    boolean help) {

  /** More phones than one 127/8 loopback range has sensible room for is not a use case. */
  public static final int MAX_PHONES = 1_000_000;

  public static final int MAX_SESSION_THREADS = 1024;

  /** Without {@code --stagger} or {@code --boot-rate}, the boots are spread over this long. */
  public static final Duration DEFAULT_STAGGER = Duration.ofSeconds(10);

  public static final String OPTIONS =
      """
        --acs URL              the ACS's CWMP endpoint (default http://127.0.0.1:8080/cwmp)
        --phones N             how many WP820 phones (default 20)
        --first-mac MAC        the first phone's MAC; the others follow consecutively
                               (default 00:0B:82:10:00:01)
        --serial-prefix TEXT   serial number = TEXT + the MAC's 12 hex digits (default: none)
        --address-base IP      the first phone's loopback address; the others follow, skipping
                               .0 and .255 (default 127.10.0.1; Linux answers all of 127/8)
        --cr-port N            each phone's connection-request port on its address (default 7547)
        --stagger TIME         spread the boots evenly over TIME (default 10s)
        --boot-rate N/s        or: boot N phones per second
        --periodic-interval TIME  periodic inform interval (default 300s)
        --acs-user NAME        the phones' ACS credential (default cpe)
        --acs-password SECRET  (default cpe)
        --cr-user NAME         the credential the ACS must give in connection requests
                               (default cradle, the Cradle ACS's default)
        --cr-password SECRET   (default cradle)
        --session-threads N    timer threads shared by all phones; sessions are blocking HTTP on
                               them, so this is how many sessions run at once (default 16)
        --duration TIME        stop after TIME (default: run until Ctrl-C)
        --until-booted         stop once every phone has had a successful session
        --boot-timeout TIME    with --until-booted: give up after TIME (default 120s)
        --report FILE          write the summary as JSON to FILE at the end
        --data-dir DIR         keep each phone's flash under DIR/<MAC> (default: in memory)
        --seed N               master seed of the phones' random streams (default 1)
        --speed X              run the phones' clocks X times faster than real time (default 1)
        --scenario FILE        a shift to replay: floor plan, APs, wearers' movement, charging,
                               man-down and panic events (see the README); its phone count is
                               the fleet's, its speed and duration (phone time) are defaults
                               for --speed and --duration
        --sip SERVER           give every phone SIP account 1 and register it: 'embedded' starts
                               the fleet's own registrar on 127.0.0.1, HOST:PORT names a SIP
                               server (registrar and proxy) (default: no SIP)
        --sip-users FIRST      the first phone's SIP user; the others count up from its number
                               (default 1000: users 1000, 1001, ...; bench0: bench0, bench1, ...)
        --sip-password SECRET  every phone's SIP password (default cradle)
        --help                 this text

        TIME is a number with a unit: 500ms, 30s, 2m, 1h (a bare number means seconds).
      """;

  public static final String USAGE =
      "Usage: sim-fleet run [options]\n"
          + "  Runs many simulated WP820 phones in this JVM against a running ACS: each phone on\n"
          + "  its own loopback address with its own connection-request endpoint. Prints a\n"
          + "  progress line every 2 s and a summary at the end.\n\n"
          + OPTIONS
          + "\n  Exit status: 0 if every phone reached the ACS, 1 if some never did,"
          + " 2 on a usage error.\n";

  /** The defaults. */
  public static FleetOptions defaults() {
    return new Builder().build();
  }

  /**
   * Reads {@code --key value} (or {@code --key=value}) pairs over the defaults.
   *
   * @throws IllegalArgumentException with a message for the user when an option is unknown,
   *     repeated, missing its value or out of range
   */
  public static FleetOptions parse(String... args) {
    return parse(new Builder(), args);
  }

  /** As {@link #parse(String...)}, with another default phone count (the benchmark's 5,000). */
  public static FleetOptions parse(int defaultPhones, String... args) {
    Builder b = new Builder();
    b.phones = defaultPhones;
    return parse(b, args);
  }

  private static FleetOptions parse(Builder b, String... args) {
    CommandLine.Scan scan =
        CommandLine.scan(
            args,
            Set.of("until-booted"),
            (name, value) -> {
              if (name.equals("until-booted")) {
                b.untilBooted = true;
              } else {
                b.set(name, value);
              }
            });
    if (scan.help()) {
      b.help = true;
      return b.build();
    }
    Set<String> seen = scan.seen();
    if (seen.contains("stagger") && seen.contains("boot-rate")) {
      throw new IllegalArgumentException("give --stagger or --boot-rate, not both");
    }
    if (seen.contains("boot-timeout") && !b.untilBooted) {
      throw new IllegalArgumentException("--boot-timeout only applies with --until-booted");
    }
    if (b.scenario.isPresent()) {
      Scenario scenario = b.scenario.get();
      if (seen.contains("phones")) {
        throw new IllegalArgumentException(
            "--phones and --scenario: the scenario's phones lines say how many phones");
      }
      b.phones = scenario.phoneCount();
      if (!seen.contains("speed") && scenario.speed().isPresent()) {
        b.speed = scenario.speed().getAsDouble();
      }
      if (!seen.contains("duration") && scenario.duration().isPresent()) {
        // The scenario's duration is phone time; the fleet stops after it on the wall clock.
        b.duration =
            Optional.of(
                Duration.ofNanos(
                    Math.max(1, (long) (scenario.duration().get().toNanos() / b.speed))));
      }
    }
    if (seen.contains("sip")) {
      b.sip = Optional.of(SipPlan.withFirstUser(b.sipServer, b.sipFirstUser, b.sipPassword));
    } else if (seen.contains("sip-users") || seen.contains("sip-password")) {
      throw new IllegalArgumentException(
          "--sip-users and --sip-password need --sip (embedded or HOST:PORT)");
    }
    if (b.scenario.isPresent() && b.scenario.get().placesCalls() && b.sip.isEmpty()) {
      throw new IllegalArgumentException(
          "the scenario places calls: give the phones SIP with --sip embedded or --sip HOST:PORT");
    }
    if (!seen.contains("boot-rate")) {
      // An even spread: n phones over the stagger time, the first at once.
      b.bootInterval = b.phones <= 1 ? Duration.ZERO : b.stagger.dividedBy(b.phones - 1);
    }
    FleetAddresses.check(b.firstMac, b.addressBase, b.phones);
    return b.build();
  }

  private static final class Builder {
    URI acs = URI.create("http://127.0.0.1:8080/cwmp");
    int phones = 20;
    long firstMac = FleetAddresses.parseMac("00:0B:82:10:00:01");
    String serialPrefix = "";
    int addressBase = FleetAddresses.parseIpv4("127.10.0.1");
    int crPort = 7547;
    Duration stagger = DEFAULT_STAGGER;
    Duration bootInterval = Duration.ZERO;
    Duration periodicInterval = Duration.ofSeconds(300);
    String acsUser = "cpe";
    String acsPassword = "cpe";
    String crUser = "cradle";
    String crPassword = "cradle";
    int sessionThreads = 16;
    Optional<Duration> duration = Optional.empty();
    boolean untilBooted;
    Duration bootTimeout = Duration.ofSeconds(120);
    Optional<Path> report = Optional.empty();
    Optional<Path> dataDir = Optional.empty();
    long seed = 1;
    double speed = 1;
    Optional<Scenario> scenario = Optional.empty();
    Optional<io.cradle.cpe.sip.HostPort> sipServer = Optional.empty();
    String sipFirstUser = "1000";
    String sipPassword = "cradle";
    Optional<SipPlan> sip = Optional.empty();
    boolean help;

    void set(String name, String v) {
      switch (name) {
        case "acs" -> acs = parseAcs(v);
        case "phones" -> phones = (int) parseCount("--phones", v, 1, MAX_PHONES);
        case "first-mac" -> firstMac = FleetAddresses.parseMac(v);
        case "serial-prefix" -> serialPrefix = parseSerialPrefix(v);
        case "address-base" -> addressBase = parseAddressBase(v);
        case "cr-port" -> crPort = (int) parseCount("--cr-port", v, 1, 65535);
        case "stagger" -> stagger = parseDuration(v);
        case "boot-rate" -> bootInterval = parseBootRate(v);
        case "periodic-interval" -> periodicInterval = parsePeriodic(v);
        case "acs-user" -> acsUser = v;
        case "acs-password" -> acsPassword = v;
        case "cr-user" -> crUser = v;
        case "cr-password" -> crPassword = v;
        case "session-threads" ->
            sessionThreads = (int) parseCount("--session-threads", v, 1, MAX_SESSION_THREADS);
        case "duration" -> duration = Optional.of(positive("--duration", parseDuration(v)));
        case "boot-timeout" -> bootTimeout = positive("--boot-timeout", parseDuration(v));
        case "report" -> report = Optional.of(Path.of(v));
        case "data-dir" -> dataDir = Optional.of(Path.of(v));
        case "seed" -> seed = parseSeed(v);
        case "speed" -> speed = parseSpeed(v);
        case "scenario" -> scenario = Optional.of(ScenarioParser.read(Path.of(v)));
        case "sip" -> sipServer = SipPlan.parseServer(v);
        case "sip-users" -> sipFirstUser = v;
        case "sip-password" -> sipPassword = parseSipPassword(v);
        default -> throw new IllegalArgumentException("unknown option --" + name);
      }
    }

    FleetOptions build() {
      return new FleetOptions(
          acs,
          phones,
          firstMac,
          serialPrefix,
          addressBase,
          crPort,
          bootInterval,
          periodicInterval,
          acsUser,
          acsPassword,
          crUser,
          crPassword,
          sessionThreads,
          duration,
          untilBooted,
          bootTimeout,
          report,
          dataDir,
          seed,
          speed,
          scenario,
          sip,
          help);
    }
  }

  /** Reads {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
  static Duration parseDuration(String v) {
    return BenchOptions.parseDuration(v);
  }

  static URI parseAcs(String v) {
    return CommandLine.acsUrl(v);
  }

  private static int parseAddressBase(String v) {
    int ip = FleetAddresses.parseIpv4(v);
    if ((ip >>> 24) != 127) {
      throw new IllegalArgumentException(
          "--address-base " + v + " is not a loopback address (127.x.y.z)");
    }
    return ip;
  }

  private static String parseSipPassword(String v) {
    // P34 holds at most 64 characters; an empty password would register nowhere.
    if (v.isEmpty() || v.length() > 64) {
      throw new IllegalArgumentException("--sip-password must have 1 to 64 characters");
    }
    return v;
  }

  private static String parseSerialPrefix(String v) {
    // P-values and the ACS's device id both carry the serial: keep it to safe characters.
    if (!v.matches("[A-Za-z0-9_-]{0,32}")) {
      throw new IllegalArgumentException(
          "--serial-prefix '" + v + "' may hold only letters, digits, '-' and '_' (at most 32)");
    }
    return v;
  }

  /** {@code 50/s}, {@code 50}, or {@code 600/m}: the pause between two boots. */
  static Duration parseBootRate(String v) {
    String text = v.trim().toLowerCase(Locale.ROOT);
    long per = 1_000_000_000L;
    if (text.endsWith("/s")) {
      text = text.substring(0, text.length() - 2);
    } else if (text.endsWith("/m")) {
      text = text.substring(0, text.length() - 2);
      per = 60_000_000_000L;
    }
    double rate;
    try {
      rate = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      rate = Double.NaN;
    }
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException(
          "--boot-rate '" + v + "' is not a positive rate (e.g. 50/s or 600/m)");
    }
    return Duration.ofNanos((long) Math.ceil(per / rate));
  }

  private static Duration parsePeriodic(String v) {
    Duration d = parseDuration(v);
    if (d.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "--periodic-interval " + v + " is shorter than 1s (the phone counts whole seconds)");
    }
    if (d.toSeconds() > 4_294_967_295L) {
      throw new IllegalArgumentException("--periodic-interval " + v + " is too long");
    }
    return d;
  }

  private static long parseSeed(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--seed '" + v + "' is not a whole number");
    }
  }

  private static double parseSpeed(String v) {
    double s;
    try {
      s = Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      s = Double.NaN;
    }
    if (!(s > 0) || Double.isInfinite(s) || s > 1_000_000) {
      throw new IllegalArgumentException(
          "--speed '" + v + "' is not a positive factor up to 1000000 (e.g. 1, 10, 0.5)");
    }
    return s;
  }

  static long parseCount(String option, String v, long min, long max) {
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

  private static Duration positive(String option, Duration d) {
    if (d.isZero()) {
      throw new IllegalArgumentException(option + " must be more than 0");
    }
    return d;
  }
}
