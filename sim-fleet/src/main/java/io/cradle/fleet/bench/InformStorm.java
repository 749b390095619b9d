package io.cradle.fleet.bench;

import io.cradle.cwmp.soap.SoapCodec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The CWMP load generator: many simulated WP820 phones run whole CWMP sessions against a running
 * ACS over real HTTP, and the throughput and session latencies are printed. {@code --help} tells
 * the options.
 *
 * <p>Closed loop: {@code concurrency} workers each take the longest-idle phone, run one session
 * with it and put it back, so a phone never has two sessions at once and all phones inform in turn.
 * Each worker has its own keep-alive connection, so a session keeps to one connection as a CPE
 * does; consecutive sessions of a worker reuse it, like phones behind one NAT. A phone that was
 * shed (503 with Retry-After) waits as asked, then retries with RetryCount raised, which lowers the
 * offered load as a real fleet would. Progress goes to stderr every 5 s; the report and the {@code
 * RESULT} line to stdout.
 */
public final class InformStorm {

  private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long IDLE_POLL_MILLIS = 100;

  private final BenchOptions options;
  private final PrintStream out;
  private final PrintStream err;

  private final LongAdder ok = new LongAdder();
  private final LongAdder shed = new LongAdder();
  private final LongAdder httpRequests = new LongAdder();
  private final LongAdder uncounted = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, String> errorExamples = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> acsRequests = new ConcurrentHashMap<>();
  // Every outcome, warm-up included, for the progress lines.
  private final LongAdder allOk = new LongAdder();
  private final LongAdder allShed = new LongAdder();
  private final LongAdder allErrors = new LongAdder();

  private final AtomicLong tickets = new AtomicLong();
  private final AtomicLong lastMeasuredEnd = new AtomicLong(Long.MIN_VALUE);
  private volatile boolean stop;

  private BlockingQueue<Integer> idlePhones;
  private int[] retryCounts;
  private long warmupEnd;
  private long deadline;

  InformStorm(BenchOptions options, PrintStream out, PrintStream err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    int status;
    try {
      status = run(args, System.out, System.err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 1;
    }
    System.out.flush();
    System.exit(status);
  }

  /**
   * Parses {@code args} and runs; returns the exit status (0 ok, 1 no session succeeded, 2 usage).
   */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("InformStorm: " + e.getMessage());
      err.println();
      err.print(BenchOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      out.print(BenchOptions.USAGE);
      return 0;
    }
    return new InformStorm(options, out, err).execute();
  }

  int execute() throws InterruptedException {
    Duration connectTimeout =
        options.timeout().compareTo(Duration.ofSeconds(10)) < 0
            ? options.timeout()
            : Duration.ofSeconds(10);
    SoapCodec codec = new SoapCodec();
    CwmpConnection[] connections = new CwmpConnection[options.concurrency()];
    SessionRunner[] runners = new SessionRunner[options.concurrency()];
    for (int i = 0; i < runners.length; i++) {
      connections[i] = new Http11Connection(options.acs(), connectTimeout, options.timeout());
      runners[i] =
          new SessionRunner(
              connections[i],
              codec,
              options,
              method -> acsRequests.computeIfAbsent(method, k -> new LongAdder()).increment());
    }
    try {
      runners[0].encodeInform(new Wp820Identity(0), 0);
    } catch (RuntimeException e) {
      err.println("InformStorm: the cwmp SoapCodec cannot encode an Inform: " + e);
      return 1;
    }

    idlePhones = new ArrayBlockingQueue<>(options.devices());
    for (int i = 0; i < options.devices(); i++) {
      idlePhones.add(i);
    }
    retryCounts = new int[options.devices()];

    out.printf(
        Locale.ROOT,
        "InformStorm: %s, %d WP820 phones, %d concurrent sessions, mode %s, warm-up %s, then %s%n",
        options.acs(),
        options.devices(),
        options.concurrency(),
        options.mode().name().toLowerCase(Locale.ROOT),
        human(options.warmup()),
        options.bySessions() ? options.sessions() + " sessions" : human(options.duration()));
    out.flush();

    long start = System.nanoTime();
    warmupEnd = start + options.warmup().toNanos();
    deadline = options.bySessions() ? Long.MAX_VALUE : warmupEnd + options.duration().toNanos();

    List<Worker> workers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < options.concurrency(); i++) {
      Worker w = new Worker(runners[i]);
      Thread t = new Thread(w, "storm-" + i);
      t.setDaemon(true);
      workers.add(w);
      threads.add(t);
    }
    threads.forEach(Thread::start);

    // Progress until the deadline (duration) or until the workers are done (sessions).
    long nextProgress = start + PROGRESS_NANOS;
    long lastOk = 0;
    long lastProgress = start;
    while (true) {
      long now = System.nanoTime();
      if (now >= deadline || threads.stream().noneMatch(Thread::isAlive)) {
        break;
      }
      if (now >= nextProgress) {
        long okNow = allOk.sum();
        err.printf(
            Locale.ROOT,
            "[%6.1fs] %s ok %d (%.0f/s)  shed %d  errors %d%n",
            (now - start) / 1e9,
            now < warmupEnd ? "warm-up" : "measure",
            okNow,
            (okNow - lastOk) / ((now - lastProgress) / 1e9),
            allShed.sum(),
            allErrors.sum());
        lastOk = okNow;
        lastProgress = now;
        nextProgress += PROGRESS_NANOS;
      }
      long sleep =
          Math.min(Math.min(deadline, nextProgress) - now, TimeUnit.MILLISECONDS.toNanos(200));
      TimeUnit.NANOSECONDS.sleep(Math.max(sleep, 1));
    }
    stop = true;
    long runEnd = System.nanoTime();

    // Sessions in flight finish (they are not counted); a hung one is cut off after the timeout.
    long graceEnd = System.nanoTime() + options.timeout().toNanos() + TimeUnit.SECONDS.toNanos(2);
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(graceEnd - System.nanoTime())));
    }
    for (int i = 0; i < threads.size(); i++) {
      Thread t = threads.get(i);
      if (t.isAlive()) {
        // A blocking socket read ignores interrupts; closing the socket ends it.
        connections[i].close();
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(5));
      }
    }
    for (CwmpConnection c : connections) {
      c.close();
    }

    long measuredEnd = options.bySessions() ? Math.max(lastMeasuredEnd.get(), warmupEnd) : deadline;
    if (!options.bySessions() && runEnd < deadline) {
      measuredEnd = runEnd; // every worker stopped early
    }
    LatencySamples latencies = new LatencySamples();
    for (Worker w : workers) {
      synchronized (w) {
        latencies.merge(w.samples);
      }
    }
    StormReport report =
        new StormReport(
            options,
            Math.max(0, (measuredEnd - warmupEnd) / 1e9),
            ok.sum(),
            shed.sum(),
            snapshot(errors),
            errorExamples,
            snapshot(acsRequests),
            httpRequests.sum(),
            uncounted.sum(),
            latencies);
    out.print(report.text());
    out.println(report.summaryLine());
    out.flush();
    return report.ok() > 0 ? 0 : 1;
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
    return counters.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()));
  }

  static String human(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.toMillisPart() != 0 || d.toSeconds() == 0) {
      return d.toMillis() + "ms";
    }
    return d.toSeconds() + "s";
  }

  /** One closed-loop session slot. */
  private final class Worker implements Runnable {

    private final LatencySamples samples = new LatencySamples();
    private final SessionRunner runner;

    Worker(SessionRunner runner) {
      this.runner = runner;
    }

    @Override
    public void run() {
      try {
        while (!stop && System.nanoTime() < deadline) {
          Integer index = idlePhones.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
          if (index == null) {
            continue;
          }
          try {
            if (!runPhone(new Wp820Identity(index))) {
              return;
            }
          } finally {
            idlePhones.add(index);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** One session of {@code phone}, retried while shed; false when the run is over. */
    private boolean runPhone(Wp820Identity phone) throws InterruptedException {
      while (true) {
        long begin = System.nanoTime();
        boolean measured = begin >= warmupEnd;
        if (measured && options.bySessions() && tickets.incrementAndGet() > options.sessions()) {
          stop = true;
          return false;
        }
        SessionRunner.Result r = runner.run(phone, retryCounts[phone.index()]);
        long end = System.nanoTime();
        boolean counted = measured && end <= deadline;
        if (counted) {
          httpRequests.add(r.httpRequests());
          lastMeasuredEnd.accumulateAndGet(end, Math::max);
        } else {
          uncounted.increment();
        }
        switch (r.kind()) {
          case OK -> {
            allOk.increment();
            retryCounts[phone.index()] = 0;
            if (counted) {
              ok.increment();
              synchronized (this) {
                samples.add((end - begin) / 1000);
              }
            }
            return true;
          }
          case SHED -> {
            allShed.increment();
            retryCounts[phone.index()]++;
            if (counted) {
              shed.increment();
            }
            if (!pause(r.retryAfter().toNanos())) {
              return true;
            }
          }
          case ERROR -> {
            allErrors.increment();
            retryCounts[phone.index()]++;
            if (counted) {
              errors.computeIfAbsent(r.error(), k -> new LongAdder()).increment();
              if (r.detail() != null) {
                errorExamples.putIfAbsent(r.error(), r.detail());
              }
            }
            if (r.error().startsWith("connect")) {
              pause(TimeUnit.MILLISECONDS.toNanos(50)); // don't spin on a dead ACS
            }
            return true;
          }
        }
      }
    }

    /** Sleeps up to {@code nanos}; false if the run ended first. */
    private boolean pause(long nanos) throws InterruptedException {
      long until = System.nanoTime() + nanos;
      while (true) {
        long now = System.nanoTime();
        if (stop || now >= deadline) {
          return false;
        }
        if (now >= until) {
          return true;
        }
        TimeUnit.NANOSECONDS.sleep(
            Math.min(until - now, TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MILLIS)));
      }
    }
  }
}
