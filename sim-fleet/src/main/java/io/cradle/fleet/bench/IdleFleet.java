package io.cradle.fleet.bench;

import io.cradle.fleet.run.Fleet;
import io.cradle.fleet.run.FleetOptions;
import io.cradle.fleet.run.FleetReport;
import io.cradle.fleet.run.StopSignal;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The idle-fleet benchmark: boots N phones (default 5,000) against a running ACS, waits until every
 * one has had a session, lets the fleet settle, and measures what an idle phone costs — heap per
 * phone after full GCs, live threads, process CPU over a window (periodic informs and the timers
 * are all the work there is) — ending with a machine-readable {@code RESULT} line.
 */
public final class IdleFleet {

  static final int DEFAULT_PHONES = 5000;

  static final String USAGE =
      "Usage: sim-fleet idle [--settle TIME] [--measure TIME] [fleet options]\n"
          + "  Boots --phones (default "
          + DEFAULT_PHONES
          + ") phones against a running ACS, waits until all had a successful\n"
          + "  session (--boot-timeout, default 300s), waits --settle (default 20s), forces GC,\n"
          + "  then measures CPU and sessions/s over --measure (default 30s) and prints heap per\n"
          + "  phone, threads and CPU, and a RESULT line. Give the JVM room, e.g. -Xmx1g.\n\n"
          + "  Fleet options (as for `run`):\n"
          + FleetOptions.OPTIONS;

  private IdleFleet() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Duration settle = Duration.ofSeconds(20);
    Duration measure = Duration.ofSeconds(30);
    List<String> fleetArgs = new ArrayList<>();
    FleetOptions options;
    try {
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--settle") || args[i].equals("--measure")) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
          }
          Duration d = BenchOptions.parseDuration(args[i + 1]);
          if (args[i].equals("--settle")) {
            settle = d;
          } else {
            measure = d.isZero() ? Duration.ofSeconds(1) : d;
          }
          i++;
        } else {
          fleetArgs.add(args[i]);
        }
      }
      if (!fleetArgs.contains("--until-booted")) {
        fleetArgs.add("--until-booted");
      }
      if (fleetArgs.stream().noneMatch(a -> a.startsWith("--boot-timeout"))) {
        fleetArgs.addAll(List.of("--boot-timeout", "300s"));
      }
      options = FleetOptions.parse(DEFAULT_PHONES, fleetArgs.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      err.println("sim-fleet idle: " + e.getMessage());
      err.println();
      err.print(USAGE);
      return 2;
    }
    if (options.help() || Arrays.asList(args).contains("--help")) {
      out.print(USAGE);
      return 0;
    }
    if (options.duration().isPresent() || options.report().isPresent()) {
      err.println("sim-fleet idle: --duration and --report belong to `run`, not to the benchmark");
      return 2;
    }

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    fullGc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    out.printf(
        Locale.ROOT,
        "idle benchmark: %d phones against %s, boots %.1f ms apart, periodic inform %ds, %d session"
            + " threads; heap before %s%n",
        options.phones(),
        options.acs(),
        options.bootInterval().toNanos() / 1e6,
        options.periodicInterval().toSeconds(),
        options.sessionThreads(),
        mib(heapBefore));
    out.flush();

    Fleet fleet = new Fleet(options, err);
    try {
      fleet.start();
      fleet.runUntilStopped(StopSignal.manual(), false);
      Duration bootTime = fleet.elapsed();
      if (!fleet.allBooted()) {
        err.printf(
            Locale.ROOT,
            "idle benchmark: only %d of %d phones reached the ACS within %s%s%n",
            fleet.stats().phonesBooted(),
            options.phones(),
            options.bootTimeout(),
            fleet.bootError() == null ? "" : " (" + fleet.bootError() + ")");
        out.print(fleet.report().toText());
        return 1;
      }
      out.printf(
          Locale.ROOT,
          "all %d phones booted in %.1f s; settling %ds%n",
          options.phones(),
          bootTime.toMillis() / 1000.0,
          settle.toSeconds());
      out.flush();
      Thread.sleep(settle.toMillis());
      fullGc();
      long heapAfter = memory.getHeapMemoryUsage().getUsed();
      long perPhone = (heapAfter - heapBefore) / options.phones();
      int threads = ManagementFactory.getThreadMXBean().getThreadCount();

      long cpuBefore = processCpuNanos();
      long sessionsBefore = fleet.stats().sessionsOk();
      long t0 = System.nanoTime();
      Thread.sleep(measure.toMillis());
      long wall = System.nanoTime() - t0;
      long cpu = processCpuNanos() - cpuBefore;
      double sessionsPerSecond = (fleet.stats().sessionsOk() - sessionsBefore) / (wall / 1e9);
      int cores = Runtime.getRuntime().availableProcessors();
      double cpuOfOneCore = cpuBefore < 0 ? Double.NaN : 100.0 * cpu / wall;
      double cpuOfMachine = cpuOfOneCore / cores;

      out.printf(Locale.ROOT, "phones            %d%n", options.phones());
      out.printf(Locale.ROOT, "boot time         %.1f s%n", bootTime.toMillis() / 1000.0);
      out.printf(
          Locale.ROOT,
          "heap used         %s before, %s after (after full GC)%n",
          mib(heapBefore),
          mib(heapAfter));
      out.printf(Locale.ROOT, "heap per phone    %,d bytes%n", perPhone);
      out.printf(Locale.ROOT, "live threads      %d%n", threads);
      out.printf(
          Locale.ROOT,
          "process CPU       %.1f%% of one core (%.1f%% of %d cores) over %ds%n",
          cpuOfOneCore,
          cpuOfMachine,
          cores,
          measure.toSeconds());
      out.printf(Locale.ROOT, "sessions/s        %.1f%n", sessionsPerSecond);
      out.printf(
          Locale.ROOT,
          "RESULT phones=%d bootSeconds=%.1f heapPerPhone=%d threads=%d cpuPercentOneCore=%.1f"
              + " sessionsPerSecond=%.1f sessionsFailed=%d%n",
          options.phones(),
          bootTime.toMillis() / 1000.0,
          perPhone,
          threads,
          cpuOfOneCore,
          sessionsPerSecond,
          fleet.stats().sessionsFailed());
      out.flush();
      return 0;
    } catch (IOException e) {
      err.println("idle benchmark: could not start the fleet: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      fleet.close();
      FleetReport report = fleet.report();
      out.print(report.toText());
      out.flush();
    }
  }

  private static void fullGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** CPU time of this process so far, or -1 if the platform does not say. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
