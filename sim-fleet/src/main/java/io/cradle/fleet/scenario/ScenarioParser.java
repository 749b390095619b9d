package io.cradle.fleet.scenario;

import io.cradle.cpe.wifi.AccessPoint;
import io.cradle.cpe.wifi.Band;
import io.cradle.cpe.wifi.Position;
import io.cradle.cpe.wifi.Security;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the line-based scenario format (one directive a line, {@code key=value} arguments, {@code
 * #} comments); the grammar is in the README's "Scenarios" paragraph. The first problem found is a
 * {@link ScenarioException} naming the line and the reason; nothing is half-read.
 */
public final class ScenarioParser {

  /** Phones a scenario may have: the Wi-Fi DHCP pool numbers hosts 0..64515. */
  public static final int MAX_PHONES = 254 * 254;

  private static final Pattern TIME_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
  private static final Pattern RANGE = Pattern.compile("(\\d+)(?:\\.\\.(\\d+))?");
  private static final Pattern BSSID = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

  private final String source;
  private int lineNo;
  private Optional<Duration> duration = Optional.empty();
  private OptionalDouble speed = OptionalDouble.empty();
  private double floorWidth = Double.NaN;
  private double floorHeight = Double.NaN;
  private final List<AccessPoint> aps = new ArrayList<>();
  private final Map<String, Scenario.Area> areas = new LinkedHashMap<>();
  private final Map<String, Scenario.Pattern> patterns = new LinkedHashMap<>();
  private final List<Scenario.PhoneGroup> groups = new ArrayList<>();
  private final List<Scenario.Charge> charges = new ArrayList<>();
  private final List<Integer> chargeLines = new ArrayList<>();
  private final List<Scenario.ScriptedEvent> events = new ArrayList<>();
  private final List<Integer> eventLines = new ArrayList<>();
  private Optional<Scenario.CallLoad> calls = Optional.empty();
  private int phones;

  private ScenarioParser(String source) {
    this.source = source;
  }

  /** Reads the scenario in {@code file}. */
  public static Scenario read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScenarioException(file.toString(), 0, "cannot read the file: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /**
   * Reads a scenario from {@code text}.
   *
   * @param source where the text came from, for error messages
   */
  public static Scenario parse(String text, String source) {
    return new ScenarioParser(source).parseAll(text);
  }

  private Scenario parseAll(String text) {
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      lineNo = i + 1;
      String line = lines[i];
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      line = line.strip();
      if (!line.isEmpty()) {
        directive(line);
      }
    }
    lineNo = 0;
    if (Double.isNaN(floorWidth)) {
      throw error("no 'floor' line: say how big the floor is, e.g. floor width=120 height=60");
    }
    if (aps.isEmpty()) {
      throw error("no 'ap' line: the phones need at least one access point");
    }
    if (groups.isEmpty()) {
      throw error("no 'phones' line: say how many phones, e.g. phones count=10 pattern=picker");
    }
    for (int i = 0; i < charges.size(); i++) {
      Scenario.Charge c = charges.get(i);
      if (c.last() >= phones) {
        lineNo = chargeLines.get(i);
        throw error("phone " + c.last() + " does not exist: the phones are 0.." + (phones - 1));
      }
    }
    for (int i = 0; i < events.size(); i++) {
      Scenario.ScriptedEvent e = events.get(i);
      if (e.phone() >= phones || e.callee() >= phones) {
        lineNo = eventLines.get(i);
        int missing = e.phone() >= phones ? e.phone() : e.callee();
        throw error("phone " + missing + " does not exist: the phones are 0.." + (phones - 1));
      }
    }
    return new Scenario(
        source,
        duration,
        speed,
        floorWidth,
        floorHeight,
        aps,
        List.copyOf(areas.values()),
        List.copyOf(patterns.values()),
        groups,
        charges,
        events,
        calls);
  }

  private void directive(String line) {
    String[] words = line.split("\\s+");
    String keyword = words[0].toLowerCase(Locale.ROOT);
    switch (keyword) {
      case "duration" -> {
        String v = single(words, "duration 8h");
        Duration d = time("duration", v);
        if (d.isZero()) {
          throw error("duration must be more than 0");
        }
        duration = Optional.of(d);
      }
      case "speed" -> {
        String v = single(words, "speed 60");
        double s = number("speed", v);
        if (!(s > 0) || s > 1_000_000) {
          throw error("speed " + v + " is not a positive factor up to 1000000");
        }
        speed = OptionalDouble.of(s);
      }
      case "floor" -> floor(args(words, Set.of("width", "height")));
      case "ap" ->
          ap(args(words, Set.of("ssid", "bssid", "band", "channel", "x", "y", "power", "key")));
      case "area" -> area(args(words, Set.of("name", "x", "y", "w", "h")));
      case "pattern" ->
          pattern(
              args(
                  words,
                  Set.of(
                      "name", "areas", "walk", "run", "idle", "speed-walk", "speed-run", "pause")));
      case "phones" -> phones(args(words, Set.of("count", "pattern", "battery", "safe", "ssid")));
      case "charge" -> charge(args(words, Set.of("phones", "at", "for")));
      case "event" ->
          event(args(words, Set.of("at", "phone", "kind", "channel", "priority", "for", "to")));
      case "calls" -> calls(args(words, Set.of("per-phone-hour", "duration", "answer-after")));
      default ->
          throw error(
              "unknown directive '"
                  + words[0]
                  + "' (expected duration, speed, floor, ap, area, pattern, phones, charge,"
                  + " event or calls)");
    }
  }

  private void floor(Map<String, String> a) {
    if (!Double.isNaN(floorWidth)) {
      throw error("a second 'floor' line: a scenario has one floor");
    }
    floorWidth = positive("width", required(a, "width"));
    floorHeight = positive("height", required(a, "height"));
  }

  private void ap(Map<String, String> a) {
    requireFloor("ap");
    String ssid = required(a, "ssid");
    if (ssid.length() > 32) {
      throw error("ssid '" + ssid + "' is longer than 32 characters");
    }
    String bssid = required(a, "bssid");
    if (!BSSID.matcher(bssid).matches()) {
      throw error("bssid '" + bssid + "' is not a MAC address like 00:11:22:33:44:01");
    }
    for (AccessPoint other : aps) {
      if (other.bssid().equalsIgnoreCase(bssid)) {
        throw error("bssid " + bssid + " is already used by another ap");
      }
    }
    String bandText = required(a, "band");
    Band band =
        switch (bandText.toLowerCase(Locale.ROOT)) {
          case "2.4", "2.4ghz", "2" -> Band.GHZ_2_4;
          case "5", "5ghz" -> Band.GHZ_5;
          default -> throw error("band '" + bandText + "' is not 2.4 or 5");
        };
    int channel = (int) whole("channel", required(a, "channel"));
    if (!band.hasChannel(channel)) {
      throw error("channel " + channel + " is not in the " + band.cwmpName() + " band");
    }
    Position at = onFloor(number("x", required(a, "x")), number("y", required(a, "y")));
    double power = a.containsKey("power") ? number("power", a.get("power")) : 17;
    if (power < -10 || power > 36) {
      throw error("power " + a.get("power") + " dBm is outside -10..36");
    }
    AccessPoint ap = AccessPoint.open(ssid, bssid.toUpperCase(Locale.ROOT), band, channel, at);
    ap = ap.withTxPower(power);
    if (a.containsKey("key")) {
      String key = a.get("key");
      if (key.length() < 8 || key.length() > 63) {
        throw error("key must be a WPA passphrase of 8 to 63 characters");
      }
      ap = ap.withSecurity(Security.WPA_PSK, key);
    }
    aps.add(ap);
  }

  private void area(Map<String, String> a) {
    requireFloor("area");
    String name = required(a, "name");
    if (areas.containsKey(name)) {
      throw error("area '" + name + "' is defined twice");
    }
    double x = number("x", required(a, "x"));
    double y = number("y", required(a, "y"));
    double w = positive("w", required(a, "w"));
    double h = positive("h", required(a, "h"));
    if (x < 0 || y < 0 || x + w > floorWidth || y + h > floorHeight) {
      throw error(
          "area '"
              + name
              + "' ("
              + fmt(x)
              + ","
              + fmt(y)
              + " to "
              + fmt(x + w)
              + ","
              + fmt(y + h)
              + ") does not fit on the floor (0,0 to "
              + fmt(floorWidth)
              + ","
              + fmt(floorHeight)
              + ")");
    }
    areas.put(name, new Scenario.Area(name, x, y, w, h));
  }

  private void pattern(Map<String, String> a) {
    String name = required(a, "name");
    if (patterns.containsKey(name)) {
      throw error("pattern '" + name + "' is defined twice");
    }
    List<Scenario.Area> in = new ArrayList<>();
    for (String areaName : required(a, "areas").split(",")) {
      Scenario.Area area = areas.get(areaName);
      if (area == null) {
        throw error(
            "area '" + areaName + "' is not defined (an area line must come before its use)");
      }
      if (!in.contains(area)) {
        in.add(area);
      }
    }
    double walk = share("walk", a.getOrDefault("walk", "0.6"));
    double run = share("run", a.getOrDefault("run", "0"));
    double idle = share("idle", a.getOrDefault("idle", "0.4"));
    if (walk + run + idle <= 0) {
      throw error("walk, run and idle are all 0: the wearer must do something");
    }
    double walkSpeed = positive("speed-walk", a.getOrDefault("speed-walk", "1.4"));
    double runSpeed = positive("speed-run", a.getOrDefault("speed-run", "3.5"));
    Duration pause = time("pause", a.getOrDefault("pause", "1m"));
    if (pause.isZero()) {
      throw error("pause must be more than 0");
    }
    patterns.put(name, new Scenario.Pattern(name, in, walk, run, idle, walkSpeed, runSpeed, pause));
  }

  private void phones(Map<String, String> a) {
    long count = whole("count", required(a, "count"));
    if (count < 1) {
      throw error("count must be at least 1");
    }
    if (phones + count > MAX_PHONES) {
      throw error("more than " + MAX_PHONES + " phones in all");
    }
    String patternName = required(a, "pattern");
    Scenario.Pattern pattern = patterns.get(patternName);
    if (pattern == null) {
      throw error(
          "pattern '" + patternName + "' is not defined (a pattern line must come before its use)");
    }
    if (aps.isEmpty()) {
      throw error("no ap before this line: the phones need a network to join");
    }
    String ssid = a.getOrDefault("ssid", aps.get(0).ssid());
    if (aps.stream().noneMatch(ap -> ap.ssid().equals(ssid))) {
      throw error("no ap has ssid '" + ssid + "'");
    }
    double low = 1;
    double high = 1;
    if (a.containsKey("battery")) {
      String v = a.get("battery");
      int dots = v.indexOf("..");
      low = soc(dots < 0 ? v : v.substring(0, dots));
      high = dots < 0 ? low : soc(v.substring(dots + 2));
      if (low > high) {
        throw error("battery range " + v + " goes down: write it low..high");
      }
    }
    boolean safe =
        switch (a.getOrDefault("safe", "off").toLowerCase(Locale.ROOT)) {
          case "on" -> true;
          case "off" -> false;
          default -> throw error("safe '" + a.get("safe") + "' is not on or off");
        };
    groups.add(new Scenario.PhoneGroup((int) count, pattern, ssid, low, high, safe));
    phones += (int) count;
  }

  private void charge(Map<String, String> a) {
    String range = required(a, "phones");
    Matcher m = RANGE.matcher(range);
    if (!m.matches()) {
      throw error("phones '" + range + "' is not a phone number or a range like 0..9");
    }
    int first = (int) whole("phones", m.group(1));
    int last = m.group(2) == null ? first : (int) whole("phones", m.group(2));
    if (last < first) {
      throw error("phones range " + range + " goes down: write it first..last");
    }
    Duration at = time("at", required(a, "at"));
    Duration length = time("for", required(a, "for"));
    if (length.isZero()) {
      throw error("for must be more than 0");
    }
    charges.add(new Scenario.Charge(first, last, at, length));
    chargeLines.add(lineNo);
  }

  private void event(Map<String, String> a) {
    Duration at = time("at", required(a, "at"));
    int phone = (int) whole("phone", required(a, "phone"));
    String kindText = required(a, "kind");
    Scenario.EventKind kind = null;
    for (Scenario.EventKind k : Scenario.EventKind.values()) {
      if (k.word().equalsIgnoreCase(kindText)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw error("kind '" + kindText + "' is not man-down, panic, ptt, page or call");
    }
    if (kind != Scenario.EventKind.CALL) {
      refuse(a, "to", "only a call goes to another phone");
    }
    int channel = 0;
    Duration length = Duration.ZERO;
    int callee = -1;
    if (kind == Scenario.EventKind.CALL) {
      refuse(a, "channel", "a call goes to a phone (to=)");
      refuse(a, "priority", "a call goes to a phone (to=)");
      callee = (int) whole("to", required(a, "to"));
      if (callee == phone) {
        throw error("phone " + phone + " cannot call itself");
      }
      length = time("for", required(a, "for"));
      if (length.isZero()) {
        throw error("for must be more than 0");
      }
    } else if (kind == Scenario.EventKind.PTT) {
      channel = inRange("channel", required(a, "channel"), 1, 50);
      refuse(a, "priority", "a ptt event has a channel (1-25 PTT, 26-50 group paging)");
    } else if (kind == Scenario.EventKind.PAGE) {
      channel = inRange("priority", required(a, "priority"), 1, 10);
      refuse(a, "channel", "a page goes to the paging address of a priority (1-10)");
    } else {
      refuse(a, "channel", kind.word() + " takes no channel");
      refuse(a, "priority", kind.word() + " takes no priority");
      refuse(a, "for", kind.word() + " takes no duration");
    }
    if (channel > 0) {
      length = time("for", required(a, "for"));
      if (length.isZero()) {
        throw error("for must be more than 0");
      }
    }
    events.add(new Scenario.ScriptedEvent(at, phone, kind, channel, length, callee));
    eventLines.add(lineNo);
  }

  private void calls(Map<String, String> a) {
    if (calls.isPresent()) {
      throw error("a second 'calls' line: one call load for the whole fleet");
    }
    double rate = number("per-phone-hour", required(a, "per-phone-hour"));
    if (!(rate > 0) || rate > 3600) {
      throw error("per-phone-hour " + a.get("per-phone-hour") + " is not within (0, 3600]");
    }
    Duration length = time("duration", required(a, "duration"));
    if (length.isZero()) {
      throw error("duration must be more than 0");
    }
    Duration answerAfter =
        a.containsKey("answer-after")
            ? time("answer-after", a.get("answer-after"))
            : Scenario.DEFAULT_ANSWER_AFTER;
    calls = Optional.of(new Scenario.CallLoad(rate, length, answerAfter));
  }

  private int inRange(String key, String v, int lowest, int highest) {
    long n = whole(key, v);
    if (n < lowest || n > highest) {
      throw error(key + " " + v + " is not within " + lowest + ".." + highest);
    }
    return (int) n;
  }

  private void refuse(Map<String, String> a, String key, String why) {
    if (a.containsKey(key)) {
      throw error(key + "= does not apply here: " + why);
    }
  }

  // ---- arguments and values

  private String single(String[] words, String example) {
    if (words.length != 2) {
      throw error("'" + words[0] + "' takes one value, e.g. " + example);
    }
    return words[1];
  }

  private Map<String, String> args(String[] words, Set<String> allowed) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 1; i < words.length; i++) {
      String w = words[i];
      int eq = w.indexOf('=');
      if (eq <= 0) {
        throw error("'" + w + "' is not key=value");
      }
      String key = w.substring(0, eq).toLowerCase(Locale.ROOT);
      if (!allowed.contains(key)) {
        throw error(
            "unknown key '"
                + key
                + "' for "
                + words[0]
                + " (expected one of "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
      if (out.put(key, w.substring(eq + 1)) != null) {
        throw error(key + " is given twice");
      }
    }
    return out;
  }

  private String required(Map<String, String> a, String key) {
    String v = a.get(key);
    if (v == null || v.isEmpty()) {
      throw error("missing " + key + "=");
    }
    return v;
  }

  private void requireFloor(String what) {
    if (Double.isNaN(floorWidth)) {
      throw error("'" + what + "' before 'floor': the floor line must come first");
    }
  }

  private Position onFloor(double x, double y) {
    if (x < 0 || y < 0 || x > floorWidth || y > floorHeight) {
      throw error(
          "("
              + fmt(x)
              + ","
              + fmt(y)
              + ") is off the floor (0,0 to "
              + fmt(floorWidth)
              + ","
              + fmt(floorHeight)
              + ")");
    }
    return Position.of(x, y);
  }

  private double number(String key, String v) {
    try {
      double d = Double.parseDouble(v);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(key + " '" + v + "' is not a number");
  }

  private double positive(String key, String v) {
    double d = number(key, v);
    if (!(d > 0)) {
      throw error(key + " must be more than 0, not " + v);
    }
    return d;
  }

  private double share(String key, String v) {
    double d = number(key, v);
    if (d < 0) {
      throw error(key + " must not be negative, not " + v);
    }
    return d;
  }

  private double soc(String v) {
    double d = number("battery", v);
    if (d < 0 || d > 1) {
      throw error("battery " + v + " is not a state of charge within 0..1");
    }
    return d;
  }

  private long whole(String key, String v) {
    try {
      long n = Long.parseLong(v);
      if (n >= 0 && n <= Integer.MAX_VALUE) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(key + " '" + v + "' is not a whole number ≥ 0");
  }

  /** {@code 45m}, {@code 2h10m}, {@code 1h30m15s}, {@code 500ms}, {@code 1.5h}; bare: seconds. */
  private Duration time(String key, String v) {
    String text = v.toLowerCase(Locale.ROOT);
    if (text.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    Matcher m = TIME_PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        break;
      }
      double n = Double.parseDouble(m.group(1));
      double seconds =
          switch (m.group(2)) {
            case "h" -> n * 3600;
            case "m" -> n * 60;
            case "ms" -> n / 1000;
            default -> n;
          };
      total = total.plusNanos(Math.round(seconds * 1e9));
      end = m.end();
    }
    if (end == 0 || end != text.length()) {
      throw error(key + " '" + v + "' is not a time (e.g. 30s, 45m, 2h10m)");
    }
    return total;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private ScenarioException error(String reason) {
    return new ScenarioException(source, lineNo, reason);
  }
}
