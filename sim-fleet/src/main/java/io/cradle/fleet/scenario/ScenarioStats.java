package io.cradle.fleet.scenario;

import io.cradle.cpe.battery.Battery;
import io.cradle.cpe.battery.BatteryListener;
import io.cradle.cpe.battery.Load;
import io.cradle.cpe.media.CallStats;
import io.cradle.cpe.ptt.PttListener;
import io.cradle.cpe.safe.AlarmKind;
import io.cradle.cpe.safe.SafeListener;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cpe.wifi.AccessPoint;
import io.cradle.cpe.wifi.WifiListener;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * What a scenario's phones did, counted from their models' listener APIs (Wi-Fi, battery, SAFE) and
 * their calls by every phone's scheduler at once, hence adders; and where their batteries stand,
 * read from the batteries when asked.
 */
public final class ScenarioStats {

  /** Whether the scenario places calls: only then does the report have a calls part. */
  private final boolean withCalls;

  /** Counts for a scenario without calls. */
  public ScenarioStats() {
    this(false);
  }

  public ScenarioStats(boolean withCalls) {
    this.withCalls = withCalls;
  }

  private final List<TrackedBattery> batteries = new CopyOnWriteArrayList<>();

  private final LongAdder associations = new LongAdder();
  private final LongAdder roams = new LongAdder();
  private final LongAdder coverageLost = new LongAdder();
  private final LongAdder lowBattery = new LongAdder();
  private final LongAdder criticalBattery = new LongAdder();
  private final LongAdder shutdowns = new LongAdder();
  private final LongAdder safeWarnings = new LongAdder();
  private final LongAdder safeAlarms = new LongAdder();
  private final LongAdder scriptedEvents = new LongAdder();
  private final LongAdder pttSent = new LongAdder();
  private final Set<String> pttHeard = ConcurrentHashMap.newKeySet();
  private final LongAdder pagesSent = new LongAdder();
  private final Set<String> pagesHeard = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> onAir = new ConcurrentHashMap<>();
  private final AtomicLong talkSerial = new AtomicLong();
  private final LongAdder talksRefused = new LongAdder();
  private final LongAdder callsAttempted = new LongAdder();
  private final LongAdder callsAnswered = new LongAdder();
  private final LongAdder callsSkipped = new LongAdder();
  private final Map<String, LongAdder> callsFailed = new ConcurrentHashMap<>();
  private final LongAdder callsMeasured = new LongAdder();
  private final DoubleAdder mosSum = new DoubleAdder();
  private final DoubleAccumulator mosMin =
      new DoubleAccumulator(Math::min, Double.POSITIVE_INFINITY);
  private final LongAdder packetsReceived = new LongAdder();
  private final LongAdder packetsLost = new LongAdder();

  /** The counts so far. */
  public Counts snapshot() {
    return new Counts(
        associations.sum(),
        roams.sum(),
        coverageLost.sum(),
        lowBattery.sum(),
        criticalBattery.sum(),
        shutdowns.sum(),
        safeWarnings.sum(),
        safeAlarms.sum(),
        scriptedEvents.sum(),
        new Talks(
            pttSent.sum(), pttHeard.size(), pagesSent.sum(), pagesHeard.size(), talksRefused.sum()),
        batteryFigures(),
        withCalls ? Optional.of(calls()) : Optional.empty());
  }

  private Calls calls() {
    Map<String, Long> failed = new TreeMap<>();
    callsFailed.forEach((why, n) -> failed.put(why, n.sum()));
    long measured = callsMeasured.sum();
    return new Calls(
        callsAttempted.sum(),
        callsAnswered.sum(),
        failed,
        callsSkipped.sum(),
        measured,
        measured == 0 ? 0 : mosSum.sum() / measured,
        measured == 0 ? 0 : mosMin.get(),
        packetsReceived.sum(),
        packetsLost.sum());
  }

  /** A call was dialed. */
  void callAttempted() {
    callsAttempted.increment();
  }

  /** A call was not dialed: the caller was on the phone already, or its SIP was down. */
  void callSkipped() {
    callsSkipped.increment();
  }

  /** A call was connected until its caller hung up, with the caller's RTP statistics if any. */
  void callAnswered(Optional<CallStats> media) {
    callsAnswered.increment();
    media.ifPresent(
        m -> {
          callsMeasured.increment();
          mosSum.add(m.mos());
          mosMin.accumulate(m.mos());
          packetsReceived.add(m.packetsReceived());
          packetsLost.add(Math.max(0, m.packetsLost()));
        });
  }

  /** A call failed: {@code why} is the final status ({@code 486 Busy Here}) or what happened. */
  void callFailed(String why) {
    callsFailed.computeIfAbsent(why, k -> new LongAdder()).increment();
  }

  /** Counts {@code battery}'s level and draw from now on, in its phone's time. */
  void track(Battery battery, Scheduler scheduler) {
    batteries.add(new TrackedBattery(battery, scheduler, scheduler.now()));
  }

  private record TrackedBattery(Battery battery, Scheduler scheduler, Instant since) {}

  private BatteryFigures batteryFigures() {
    if (batteries.isEmpty()) {
      return BatteryFigures.NONE;
    }
    double levels = 0;
    int lowest = 100;
    double phoneHours = 0;
    Map<Load.Part, Double> drawn = new EnumMap<>(Load.Part.class);
    for (TrackedBattery t : batteries) {
      int level = t.battery().level();
      levels += level;
      lowest = Math.min(lowest, level);
      phoneHours += Duration.between(t.since(), t.scheduler().now()).toNanos() / 3.6e12;
      for (Load.Part part : Load.Part.values()) {
        drawn.merge(part, t.battery().drawnMah(part), Double::sum);
      }
    }
    Map<Load.Part, Double> meanMa = new EnumMap<>(Load.Part.class);
    double hours = phoneHours;
    drawn.forEach((part, mah) -> meanMa.put(part, hours > 0 ? mah / hours : 0));
    return new BatteryFigures(levels / batteries.size(), lowest, meanMa);
  }

  void scriptedEvent() {
    scriptedEvents.increment();
  }

  /**
   * A scripted PTT talk on {@code channel} or multicast page ({@code page}, {@code channel} its
   * priority) went on the air: until the next one there, what is played there is this one.
   */
  void talkSent(boolean page, int channel) {
    (page ? pagesSent : pttSent).increment();
    onAir.put((page ? "page " : "ptt ") + channel, talkSerial.incrementAndGet());
  }

  /** A scripted talk or page could not start (in a call, a talk of the same level playing…). */
  void talkRefused() {
    talksRefused.increment();
  }

  /**
   * Counts the scripted talks and pages phone {@code phone} played (the arbiter let them through),
   * each once: a talk whose packets come late on a loaded fleet may time out and start playing
   * again, which is still one talk heard.
   */
  PttListener pttListener(int phone) {
    return new PttListener() {
      @Override
      public void pttReceived(int channel, String callerId) {
        heard(pttHeard, "ptt " + channel);
      }

      @Override
      public void multicastPageReceived(int priority, String label) {
        heard(pagesHeard, "page " + priority);
      }

      private void heard(Set<String> heard, String where) {
        Long serial = onAir.get(where);
        if (serial != null) {
          heard.add(phone + " " + serial);
        }
      }
    };
  }

  /** Counts one phone's Wi-Fi events. */
  WifiListener wifiListener() {
    return new WifiListener() {
      @Override
      public void associated(AccessPoint ap, String ip) {
        associations.increment();
      }

      @Override
      public void roamed(AccessPoint from, AccessPoint to, Duration gap, String ip) {
        roams.increment();
      }

      @Override
      public void lostCoverage(AccessPoint last) {
        coverageLost.increment();
      }
    };
  }

  /** Counts one phone's battery warnings and shutdowns. */
  BatteryListener batteryListener() {
    return new BatteryListener() {
      @Override
      public void lowBattery(int level) {
        lowBattery.increment();
      }

      @Override
      public void criticalBattery(int level) {
        criticalBattery.increment();
      }

      @Override
      public void shutdown() {
        shutdowns.increment();
      }
    };
  }

  /** Counts one phone's SAFE warnings and alarms. */
  SafeListener safeListener() {
    return new SafeListener() {
      @Override
      public void warning(AlarmKind kind) {
        safeWarnings.increment();
      }

      @Override
      public void alarm(AlarmKind kind, boolean silent) {
        safeAlarms.increment();
      }
    };
  }

  /**
   * The counts of a scenario run.
   *
   * @param associations associations from no association (boot, or back in coverage)
   * @param coverageLost links lost out of coverage
   * @param lowBattery 15 % warnings; {@code criticalBattery} the 5 % ones
   * @param shutdowns phones that died of an empty battery
   * @param scriptedEvents man-down and panic events of the scenario carried out
   * @param talks the scripted PTT talks and pages, and how many phones played them
   * @param battery levels now and the mean current drawn, by part of the load
   * @param calls the phones' calls to each other and their voice quality; empty when the scenario
   *     places none
   */
  public record Counts(
      long associations,
      long roams,
      long coverageLost,
      long lowBattery,
      long criticalBattery,
      long shutdowns,
      long safeWarnings,
      long safeAlarms,
      long scriptedEvents,
      Talks talks,
      BatteryFigures battery,
      Optional<Calls> calls) {

    /** As a JSON object, keys in a fixed order. */
    public String toJson() {
      return String.format(
          Locale.ROOT,
          "{\"associations\": %d, \"roams\": %d, \"coverageLost\": %d,"
              + " \"lowBatteryWarnings\": %d, \"criticalBatteryWarnings\": %d,"
              + " \"batteryShutdowns\": %d, \"safeWarnings\": %d, \"safeAlarms\": %d,"
              + " \"scriptedEvents\": %d, \"ptt\": %s, \"battery\": %s%s}",
          associations,
          roams,
          coverageLost,
          lowBattery,
          criticalBattery,
          shutdowns,
          safeWarnings,
          safeAlarms,
          scriptedEvents,
          talks.toJson(),
          battery.toJson(),
          calls.map(c -> ", \"calls\": " + c.toJson()).orElse(""));
    }

    /** One line for the text summary. */
    public String toText() {
      return String.format(
          Locale.ROOT,
          "  scenario wifi: %d associations, %d roams, %d coverage lost | battery: %d low, %d"
              + " critical, %d shutdowns | SAFE: %d warnings, %d alarms | %d scripted events%n"
              + "%s%s%s",
          associations,
          roams,
          coverageLost,
          lowBattery,
          criticalBattery,
          shutdowns,
          safeWarnings,
          safeAlarms,
          scriptedEvents,
          talks.toText(),
          battery.toText(),
          calls.map(Calls::toText).orElse(""));
    }
  }

  /**
   * The scripted PTT talks and multicast pages.
   *
   * @param pttSent talks (PTT channels and paging groups) that went on the air
   * @param pttHeard (phone, talk) pairs where the phone played the talk
   * @param pagesSent multicast pages that went on the air
   * @param pagesHeard (phone, page) pairs where the phone played the page
   * @param refused scripted talks and pages the phone would not start (in a call, busy channel)
   */
  public record Talks(long pttSent, long pttHeard, long pagesSent, long pagesHeard, long refused) {

    String toJson() {
      return String.format(
          Locale.ROOT,
          "{\"talksSent\": %d, \"talksHeard\": %d, \"pagesSent\": %d, \"pagesHeard\": %d,"
              + " \"refused\": %d}",
          pttSent,
          pttHeard,
          pagesSent,
          pagesHeard,
          refused);
    }

    String toText() {
      return String.format(
          Locale.ROOT,
          "  scenario ptt: %d talks sent, heard %d times | %d pages sent, heard %d times | %d"
              + " refused%n",
          pttSent,
          pttHeard,
          pagesSent,
          pagesHeard,
          refused);
    }
  }

  /**
   * The phones' calls to each other ({@code calls} line and scripted calls); the voice figures are
   * what each caller's phone measured of the audio it received when it hung up.
   *
   * @param attempted calls dialed; those still in progress at the end are neither answered nor
   *     failed
   * @param answered calls connected until their caller hung up
   * @param failed calls that did not connect or ended early, by final status or reason
   * @param skipped calls not dialed: the caller was on the phone already or had no SIP
   * @param measured answered calls with RTP statistics, over which the MOS figures are taken
   * @param meanMos the E-model MOS estimate, mean over the measured calls (0 without any)
   * @param minMos the worst call's MOS (0 without any)
   * @param packetsReceived RTP packets the callers received
   * @param packetsLost RTP packets the callers expected and never received
   */
  public record Calls(
      long attempted,
      long answered,
      Map<String, Long> failed,
      long skipped,
      long measured,
      double meanMos,
      double minMos,
      long packetsReceived,
      long packetsLost) {

    /** No calls. */
    public static final Calls NONE = new Calls(0, 0, Map.of(), 0, 0, 0, 0, 0, 0);

    public Calls {
      failed = Map.copyOf(failed);
    }

    /** Calls that failed, whatever the reason. */
    public long failedTotal() {
      return failed.values().stream().mapToLong(Long::longValue).sum();
    }

    String toJson() {
      // A reason phrase comes from the far end: keep it to characters a JSON key takes as they are.
      String byReason =
          entries(
              failed, (why, n) -> "\"" + why.replaceAll("[\"\\\\\\p{Cntrl}]", "'") + "\": " + n);
      return String.format(
          Locale.ROOT,
          "{\"attempted\": %d, \"answered\": %d, \"failed\": {%s}, \"skipped\": %d,"
              + " \"measured\": %d, \"meanMos\": %.2f, \"minMos\": %.2f, \"packetsReceived\": %d,"
              + " \"packetsLost\": %d}",
          attempted,
          answered,
          byReason,
          skipped,
          measured,
          meanMos,
          minMos,
          packetsReceived,
          packetsLost);
    }

    String toText() {
      String byReason = entries(failed, (why, n) -> why + " ×" + n);
      return String.format(
          Locale.ROOT,
          "  scenario calls: %d attempted, %d answered, %d failed%s, %d skipped | MOS mean %.2f,"
              + " min %.2f over %d calls | RTP %d received, %d lost%n",
          attempted,
          answered,
          failedTotal(),
          byReason.isEmpty() ? "" : " (" + byReason + ")",
          skipped,
          meanMos,
          minMos,
          measured,
          packetsReceived,
          packetsLost);
    }
  }

  /**
   * The scenario's batteries at a glance.
   *
   * @param meanLevel the phones' mean battery level now (%)
   * @param lowestLevel the lowest level now (%)
   * @param meanDrawMa per part of the load, the charge drawn per phone-hour since the phones
   *     started (mA): the average current a phone of this scenario draws for its screen, its scans
   */
  public record BatteryFigures(
      double meanLevel, int lowestLevel, Map<Load.Part, Double> meanDrawMa) {

    /** No batteries tracked. */
    public static final BatteryFigures NONE = new BatteryFigures(0, 0, Map.of());

    public BatteryFigures {
      meanDrawMa = Map.copyOf(meanDrawMa);
    }

    /** The mean current of all parts together (mA). */
    public double totalDrawMa() {
      return meanDrawMa.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    String toJson() {
      String parts =
          entries(
              meanDrawMa, (part, ma) -> String.format(Locale.ROOT, "\"%s\": %.3f", key(part), ma));
      return String.format(
          Locale.ROOT,
          "{\"meanLevel\": %.1f, \"lowestLevel\": %d, \"meanDrawMa\": {%s%s\"total\": %.3f}}",
          meanLevel,
          lowestLevel,
          parts,
          parts.isEmpty() ? "" : ", ",
          totalDrawMa());
    }

    String toText() {
      String parts =
          entries(meanDrawMa, (part, ma) -> String.format(Locale.ROOT, "%s %.1f", key(part), ma));
      return String.format(
          Locale.ROOT,
          "  scenario battery: level mean %.0f %%, lowest %d %% | mean draw %.1f mA (%s)%n",
          meanLevel,
          lowestLevel,
          totalDrawMa(),
          parts);
    }

    /** The JSON key of a part: {@code WIFI_SCAN} → {@code wifiScan}. */
    private static String key(Load.Part part) {
      String[] words = part.name().toLowerCase(Locale.ROOT).split("_");
      StringBuilder sb = new StringBuilder(words[0]);
      for (int i = 1; i < words.length; i++) {
        sb.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
      }
      return sb.toString();
    }
  }

  /**
   * The summaries' one way to list a map, in JSON and in text alike: its entries sorted by key,
   * each as {@code entry} writes it, joined by {@code ", "}.
   */
  private static <K extends Comparable<K>, V> String entries(
      Map<K, V> map, BiFunction<K, V, String> entry) {
    return new TreeMap<>(map)
        .entrySet().stream()
            .map(e -> entry.apply(e.getKey(), e.getValue()))
            .collect(Collectors.joining(", "));
  }
}
