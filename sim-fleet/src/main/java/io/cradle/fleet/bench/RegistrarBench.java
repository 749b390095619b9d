package io.cradle.fleet.bench;

import io.cradle.cpe.sip.HostPort;
import io.cradle.fleet.registrar.Registrar;
import io.cradle.fleet.run.SipPlan;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The fleet's embedded registrar on its own, in its own JVM, for the SIP benches to load ({@code
 * RegisterBench} and {@code CallBench} of cpe-agent, whose phones are {@code bench<i>} with
 * password {@code bench}): prints what it counted, its bindings, its threads and the process's CPU
 * every 10 s, and stops after {@code --duration}.
 *
 * <pre>
 * java -jar sim-fleet/target/sim-fleet-*.jar registrar --listen 127.0.0.1:5070 --phones 2000
 * </pre>
 */
public final class RegistrarBench {

  static final String USAGE =
      """
      Usage: sim-fleet registrar [options]
        The fleet's embedded SIP registrar alone (UDP and TCP), for SIP benchmarks.
        --listen HOST:PORT   where to listen (default 127.0.0.1:5070)
        --users FIRST        the first user; the others count up (default bench0)
        --phones N           how many users (default 2000)
        --password SECRET    every user's password (default bench)
        --duration TIME      stop after TIME (default 120s)
      """;

  private RegistrarBench() {}

  public static void main(String[] args) throws Exception {
    HostPort listen = new HostPort("127.0.0.1", 5070);
    String first = "bench0";
    int phones = 2000;
    String password = "bench";
    Duration duration = Duration.ofSeconds(120);
    for (int i = 0; i < args.length; i += 2) {
      if (args[i].equals("--help")) {
        System.out.print(USAGE);
        return;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value\n" + USAGE);
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--listen" -> listen = HostPort.parse(v);
        case "--users" -> first = v;
        case "--phones" -> phones = Integer.parseInt(v);
        case "--password" -> password = v;
        case "--duration" -> duration = BenchOptions.parseDuration(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
      }
    }
    SipPlan plan = SipPlan.withFirstUser(Optional.empty(), first, password);
    int users = phones;
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = ManagementFactory.getThreadMXBean();
    try (Registrar registrar =
        Registrar.start(
            listen,
            user -> plan.indexOf(user, users).map(i -> plan.password()),
            Clock.systemUTC())) {
      System.out.printf(
          "registrar on %s (UDP, TCP): users %s … %s%n",
          listen, plan.user(0), plan.user(phones - 1));
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      long lastCpu = os.getProcessCpuTime();
      long lastWall = start;
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(10_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        Registrar.Counts c = registrar.counts();
        System.out.printf(
            Locale.ROOT,
            "[%5.0fs] REGISTERs accepted %d, refused %d; requests forwarded %d; bindings %d;"
                + " CPU %.1f%% of one core; %d threads%n",
            (wall - start) / 1e9,
            c.registered(),
            c.refused(),
            c.forwarded(),
            registrar.bindingCount(),
            100.0 * (cpu - lastCpu) / (wall - lastWall),
            threads.getThreadCount());
        lastCpu = cpu;
        lastWall = wall;
      }
    }
  }
}
