package io.cradle.fleet.run;

import io.cradle.cpe.config.InvalidPValueException;
import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.connreq.ConnectionRequestServer;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.phone.CallMedia;
import io.cradle.cpe.phone.CwmpTransport;
import io.cradle.cpe.phone.Flash;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.time.RandomStreams;
import io.cradle.cpe.time.SystemScheduler;
import io.cradle.cpe.time.Timebase;
import io.cradle.cpe.wifi.RadioEnvironment;
import io.cradle.fleet.bench.Wp820Identity;
import io.cradle.fleet.scenario.Airwaves;
import io.cradle.fleet.scenario.CallTraffic;
import io.cradle.fleet.scenario.Scenario;
import io.cradle.fleet.scenario.ScenarioPhone;
import io.cradle.fleet.scenario.ScenarioStats;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * N simulated WP820 phones in this JVM against one ACS: the phones share one {@link Timebase} (its
 * threads run the blocking sessions, so their number is the session concurrency), one {@link
 * ConnectionRequestServer} (each phone listens on its own loopback address) and one HTTP client.
 * Phones are built and booted one after another on a boot thread, at the configured pace.
 *
 * <p>With a {@link Scenario}, each phone also gets a Wi-Fi radio on the scenario's one shared
 * floor, a battery, an accelerometer and a walking wearer ({@link ScenarioPhone}), and the
 * scenario's times count from the fleet's start in phone time.
 *
 * <p>With a {@link SipPlan} ({@code --sip}), each phone registers SIP account 1 through one shared
 * SIP stack ({@link FleetSip}), to the fleet's own registrar or a given server, and the scenario's
 * calls ({@link CallTraffic}) go between the phones with real RTP.
 */
public final class Fleet implements AutoCloseable {

  private static final long PROGRESS_MILLIS = 2000;
  private static final int MAX_TIMER_FAILURES_SHOWN = 5;

  private final FleetOptions options;
  private final PrintStream err;
  private final FleetStats stats = new FleetStats();
  private final AtomicReferenceArray<Phone> phones;
  private final FleetObserver[] observers;
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicLong timerFailures = new AtomicLong();
  private final AtomicReference<String> bootError = new AtomicReference<>();
  private final Map<String, String> settings;
  private final RandomStreams random;
  private final ScenarioStats scenarioStats;
  private final RadioEnvironment floor;
  private final Airwaves air = new Airwaves();
  private final AtomicReferenceArray<ScenarioPhone> scenarioPhones;
  private final AtomicReferenceArray<SystemScheduler> schedulers;
  private final CallTraffic calls;

  private Timebase timebase;
  private ConnectionRequestServer connectionRequests;
  private HttpClient http;
  private FleetSip sip;
  private SipLines sipLinesAtClose;
  private Thread booter;
  private Instant origin;
  private long startNanos;
  private volatile boolean closing;

  /**
   * A fleet not started yet.
   *
   * @throws IllegalArgumentException when the options give the phones settings they refuse (e.g. a
   *     credential longer than the phone takes)
   */
  public Fleet(FleetOptions options, PrintStream err) {
    this.options = options;
    this.err = err;
    this.phones = new AtomicReferenceArray<>(options.phones());
    this.observers = new FleetObserver[options.phones()];
    this.settings = phoneSettings(options);
    this.random = RandomStreams.of(options.seed());
    this.scenarioPhones = new AtomicReferenceArray<>(options.phones());
    Optional<Scenario> scenario = options.scenario();
    this.schedulers = new AtomicReferenceArray<>(options.phones());
    this.scenarioStats = scenario.map(sc -> new ScenarioStats(sc.placesCalls())).orElse(null);
    this.calls =
        scenario.isPresent() && scenario.get().placesCalls() && options.sip().isPresent()
            ? new CallTraffic(scenario.get(), options.sip().get()::user, scenarioStats)
            : null;
    this.floor = scenario.map(sc -> ScenarioPhone.floor(sc, options.seed())).orElse(null);
    try {
      new PValueStore(PValueCatalog.wp820()).setAll(settings);
    } catch (InvalidPValueException e) {
      throw new IllegalArgumentException("the phones refuse these settings: " + e.getMessage(), e);
    }
  }

  /**
   * The P-values every phone gets before it boots: where its ACS is and with which credentials,
   * periodic inform, connection-request credentials and port, and the ACS's file server for
   * provisioning ({@code /prov}) and firmware ({@code /firmware}).
   */
  static Map<String, String> phoneSettings(FleetOptions o) {
    URI acs = o.acs();
    String server = acs.getHost() + (acs.getPort() < 0 ? "" : ":" + acs.getPort());
    Map<String, String> s = new LinkedHashMap<>();
    s.put("P4503", acs.toString()); // tr069.acsUrl
    s.put("P4504", o.acsUser()); // tr069.username
    s.put("P4505", o.acsPassword()); // tr069.password
    s.put("P4506", "1"); // tr069.periodicInformEnable
    s.put("P4507", Long.toString(o.periodicInterval().toSeconds())); // periodicInformInterval
    s.put("P4511", o.crUser()); // tr069.connectionRequestUsername
    s.put("P4512", o.crPassword()); // tr069.connectionRequestPassword
    s.put("P4518", Integer.toString(o.crPort())); // tr069.connectionRequestPort
    s.put("P212", "1"); // provisioning.configVia: HTTP
    s.put("P237", server + "/prov"); // provisioning.configServerPath
    s.put("P6767", "1"); // provisioning.firmwareVia: HTTP
    s.put("P192", server + "/firmware"); // provisioning.firmwareServerPath
    return Map.copyOf(s);
  }

  /** The identity of phone {@code index}: MAC and serial from the ranges, WP820 versions. */
  DeviceIdentity identity(int index) {
    long mac = options.firstMac() + index;
    return DeviceIdentity.wp820(
        options.serialPrefix() + FleetAddresses.macHex(mac),
        Wp820Identity.HARDWARE_VERSION,
        Wp820Identity.SOFTWARE_VERSION,
        FleetAddresses.macAddress(mac));
  }

  /** The loopback address of phone {@code index}. */
  String address(int index) {
    return FleetAddresses.addressText(options.addressBase(), index);
  }

  /** Starts the shared parts, then the boot thread. */
  public void start() throws IOException {
    startNanos = System.nanoTime();
    origin = Instant.now();
    timebase =
        new Timebase(origin, options.speed(), options.sessionThreads(), this::onTimerFailure);
    connectionRequests =
        ConnectionRequestServer.start(ConnectionRequestServer.Settings.defaults("cradle-cr"));
    http = CwmpTransport.newHttpClient();
    if (options.sip().isPresent()) {
      sip = FleetSip.start(options.sip().get(), options.phones(), options.seed());
    }
    if (options.dataDir().isPresent()) {
      Files.createDirectories(options.dataDir().get());
    }
    booter = new Thread(this::bootAll, "sim-fleet-boot");
    booter.setDaemon(true);
    booter.start();
  }

  private void bootAll() {
    long interval = options.bootInterval().toNanos();
    long next = System.nanoTime();
    for (int i = 0; i < options.phones() && !closing; i++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          return;
        }
      }
      next += interval;
      try {
        Phone phone = build(i);
        phones.set(i, phone);
        if (closing) {
          return;
        }
        phone.boot();
        started.incrementAndGet();
      } catch (IOException | RuntimeException e) {
        // The same cause would stop every later phone too (no address, no disk): stop booting.
        bootError.compareAndSet(
            null,
            "phone "
                + identity(i).macAddress()
                + " on "
                + address(i)
                + " could not start: "
                + e.getMessage());
        return;
      }
    }
  }

  private Phone build(int index) throws IOException {
    DeviceIdentity identity = identity(index);
    FleetObserver observer = new FleetObserver(stats);
    observers[index] = observer;
    SystemScheduler scheduler = timebase.scheduler(identity.macAddress());
    schedulers.set(index, scheduler);
    Phone.Builder builder =
        Phone.builder(identity, scheduler)
            .http(http)
            .random(random.forPhone(identity.macAddress()).stream("tr069"))
            .ipAddress(address(index))
            .connectionRequests(connectionRequests)
            .observer(observer)
            // Factory settings too, so a phone the ACS factory-resets finds its way back.
            .factorySettings(settings);
    Map<String, String> phoneSettings = settings;
    CallMedia media = null;
    if (sip != null) {
      media = sip.equip(builder, address(index));
      phoneSettings = merged(phoneSettings, sip.settings(index));
      builder.factorySettings(phoneSettings);
    }
    ScenarioPhone scenarioPhone = null;
    if (options.scenario().isPresent()) {
      scenarioPhone =
          ScenarioPhone.equip(
              options.scenario().get(),
              index,
              builder,
              new PValueStore(PValueCatalog.wp820()),
              scheduler,
              random.forPhone(identity.macAddress()),
              floor,
              air,
              scenarioStats);
      phoneSettings = merged(phoneSettings, scenarioPhone.settings());
      builder.factorySettings(phoneSettings);
    }
    if (options.dataDir().isPresent()) {
      builder.flash(
          Flash.in(
              options.dataDir().get().resolve(FleetAddresses.macHex(options.firstMac() + index))));
    }
    Phone phone = builder.build();
    // A flash kept from an earlier run (--data-dir) gets this run's settings.
    phone.store().setAll(phoneSettings);
    if (scenarioPhone != null) {
      scenarioPhones.set(index, scenarioPhone);
      scenarioPhone.start(phone, origin);
    }
    if (calls != null) {
      calls.join(
          index,
          new CallTraffic.Party(phone, scheduler, media),
          random.forPhone(identity.macAddress()).stream("calls"),
          origin);
    }
    return phone;
  }

  private static Map<String, String> merged(Map<String, String> base, Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(base);
    all.putAll(more);
    return Map.copyOf(all);
  }

  private void onTimerFailure(String scheduler, Throwable error) {
    if (closing) {
      // A session still in flight when the timer stops cannot schedule its follow-ups: expected.
      return;
    }
    if (timerFailures.incrementAndGet() <= MAX_TIMER_FAILURES_SHOWN) {
      err.println("sim-fleet: a task of phone " + scheduler + " failed: " + error);
    }
  }

  public FleetStats stats() {
    return stats;
  }

  /** Phones built and booted so far. */
  public int started() {
    return started.get();
  }

  /** Why booting stopped early, if it did. */
  public String bootError() {
    return bootError.get();
  }

  /** Whether every phone has been started and has had a successful session. */
  public boolean allBooted() {
    return started.get() == options.phones() && stats.phonesBooted() >= options.phones();
  }

  /** Whether the boot thread has finished (all started, or stopped by an error). */
  public boolean bootingDone() {
    return booter != null && !booter.isAlive();
  }

  /** Phone {@code index} (0-based), once it has been built. */
  public Optional<Phone> phone(int index) {
    return Optional.ofNullable(phones.get(index));
  }

  /** Phone {@code index}'s scenario parts (radio, battery, wearer), with a scenario. */
  public Optional<ScenarioPhone> scenarioPhone(int index) {
    return Optional.ofNullable(scenarioPhones.get(index));
  }

  /** Seconds since {@link #start()}. */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** The summary now (the SIP lines as they were before the phones powered off, once closed). */
  public FleetReport report() {
    return stats.snapshot(
        options.acs().toString(),
        started.get(),
        elapsed(),
        Optional.ofNullable(scenarioStats).map(ScenarioStats::snapshot),
        Optional.ofNullable(sipLinesAtClose != null ? sipLinesAtClose : sipLinesNow()));
  }

  private SipLines sipLinesNow() {
    return sip == null || closing ? null : sip.lines(phones::get, schedulers::get);
  }

  /** Where the SIP server is, once started with {@code --sip}. */
  public Optional<io.cradle.cpe.sip.HostPort> sipServer() {
    return Optional.ofNullable(sip).map(FleetSip::server);
  }

  /** The one-line progress report. */
  String progressLine(double sessionsPerSecond) {
    return String.format(
        Locale.ROOT,
        "[%6.1fs] phones %d/%d started, %d reached ACS | sessions ok %d (%.1f/s) failed %d |"
            + " tasks %d, faults %d",
        elapsed().toMillis() / 1000.0,
        started.get(),
        options.phones(),
        stats.phonesBooted(),
        stats.sessionsOk(),
        sessionsPerSecond,
        stats.sessionsFailed(),
        stats.rpcsAnswered(),
        stats.faults());
  }

  /**
   * Runs until the options' stop condition or {@code stop}, printing progress to {@code err} every
   * 2 s ({@code \r}-rewritten on a terminal); does not close the fleet.
   */
  public void runUntilStopped(StopSignal stop, boolean terminal) throws InterruptedException {
    long deadline = options.duration().map(d -> startNanos + d.toNanos()).orElse(Long.MAX_VALUE);
    long bootDeadline =
        options.untilBooted() ? startNanos + options.bootTimeout().toNanos() : Long.MAX_VALUE;
    long nextProgress = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROGRESS_MILLIS);
    long lastOk = 0;
    long lastProgress = System.nanoTime();
    boolean printed = false;
    while (!stop.requested()) {
      long now = System.nanoTime();
      if (now >= deadline || now >= bootDeadline) {
        break;
      }
      if (options.untilBooted() && allBooted()) {
        break;
      }
      if (bootError.get() != null && bootingDone() && options.untilBooted()) {
        break;
      }
      if (now >= nextProgress) {
        long ok = stats.sessionsOk();
        double rate = (ok - lastOk) / ((now - lastProgress) / 1e9);
        String line = progressLine(rate);
        err.print(terminal ? "\r" + line : line + "\n");
        err.flush();
        printed = true;
        lastOk = ok;
        lastProgress = now;
        nextProgress = now + TimeUnit.MILLISECONDS.toNanos(PROGRESS_MILLIS);
      }
      Thread.sleep(100);
    }
    if (printed && terminal) {
      err.println();
    }
  }

  /** Powers every phone off and stops the shared threads. */
  @Override
  public void close() {
    if (!closing) {
      sipLinesAtClose = sipLinesNow();
    }
    closing = true;
    if (booter != null) {
      booter.interrupt();
      try {
        booter.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (int i = 0; i < phones.length(); i++) {
      Phone phone = phones.get(i);
      if (phone != null) {
        try {
          phone.shutdown();
        } catch (RuntimeException e) {
          err.println("sim-fleet: phone " + identity(i).macAddress() + " did not shut down: " + e);
        }
      }
    }
    if (sip != null) {
      // Before the timers: answers still coming in would find the phones' schedulers gone.
      sip.close();
    }
    if (timebase != null) {
      timebase.close();
    }
    if (connectionRequests != null) {
      connectionRequests.close();
    }
  }

  /**
   * The {@code run} subcommand: parses {@code args}, runs the fleet until its stop condition or
   * Ctrl-C, prints the summary to {@code out} and writes the JSON report if asked.
   *
   * @return the exit status: 0 every phone reached the ACS, 1 some did not, 2 usage error
   */
  public static int run(String[] args, PrintStream out, PrintStream err, StopSignal stop) {
    FleetOptions options;
    try {
      options = FleetOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("sim-fleet run: " + e.getMessage());
      err.println();
      err.print(FleetOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      out.print(FleetOptions.USAGE);
      return 0;
    }
    return run(options, out, err, stop);
  }

  /**
   * Runs a fleet with parsed options; see {@link #run(String[], PrintStream, PrintStream,
   * StopSignal)}.
   */
  public static int run(FleetOptions options, PrintStream out, PrintStream err, StopSignal stop) {
    Fleet fleet;
    try {
      fleet = new Fleet(options, err);
    } catch (IllegalArgumentException e) {
      err.println("sim-fleet: " + e.getMessage());
      return 2;
    }
    out.printf(
        Locale.ROOT,
        "sim-fleet: %d WP820 phones (%s … %s on %s … %s:%d) against %s, boots %s apart,"
            + " periodic inform every %ds%n",
        options.phones(),
        fleet.identity(0).macAddress(),
        fleet.identity(options.phones() - 1).macAddress(),
        fleet.address(0),
        fleet.address(options.phones() - 1),
        options.crPort(),
        options.acs(),
        human(options.bootInterval()),
        options.periodicInterval().toSeconds());
    options
        .scenario()
        .ifPresent(
            sc ->
                out.printf(
                    Locale.ROOT,
                    "sim-fleet: scenario %s: %d access points, %d areas, %d charging times, %d"
                        + " scripted events; clocks at %sx%s%n",
                    sc.source(),
                    sc.accessPoints().size(),
                    sc.areas().size(),
                    sc.charges().size(),
                    sc.events().size(),
                    new java.math.BigDecimal(Double.toString(options.speed()))
                        .stripTrailingZeros()
                        .toPlainString(),
                    options
                        .duration()
                        .map(d -> ", stopping after " + human(d) + " of wall time")
                        .orElse("")));
    out.flush();
    FleetReport report;
    try {
      try {
        fleet.start();
        options
            .sip()
            .ifPresent(
                plan ->
                    out.printf(
                        Locale.ROOT,
                        "sim-fleet: SIP account 1 of each phone: users %s … %s (password %s) at"
                            + " %s%s%n",
                        plan.user(0),
                        plan.user(options.phones() - 1),
                        plan.password(),
                        fleet.sipServer().orElseThrow(),
                        plan.server().isEmpty() ? ", the fleet's own registrar" : ""));
        out.flush();
        fleet.runUntilStopped(stop, System.console() != null);
      } catch (IOException | io.cradle.cpe.sip.SipException e) {
        err.println("sim-fleet: could not start: " + e);
        return 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        fleet.close();
      }
      report = fleet.report();
      if (fleet.bootError() != null) {
        err.println("sim-fleet: " + fleet.bootError());
      }
      out.print(report.toText());
      out.flush();
      if (options.report().isPresent()) {
        try {
          writeReport(options.report().get(), report);
        } catch (IOException | UncheckedIOException e) {
          err.println(
              "sim-fleet: could not write the report to " + options.report().get() + ": " + e);
          return 1;
        }
      }
    } finally {
      stop.done();
    }
    return report.phonesNeverReached() == 0 && report.phonesStarted() == options.phones() ? 0 : 1;
  }

  static void writeReport(Path file, FleetReport report) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, report.toJson(), StandardCharsets.UTF_8);
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms == 0 && !d.isZero()) {
      return String.format(Locale.ROOT, "%.2fms", d.toNanos() / 1e6);
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
