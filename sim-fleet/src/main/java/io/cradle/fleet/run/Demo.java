package io.cradle.fleet.run;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The README's main job in one command: starts the ACS as a child process (its embedded PostgreSQL
 * included), waits until it is ready, runs a small fleet against it and says where the dashboard
 * is. The ACS is stopped when the demo ends, Ctrl-C included.
 */
public final class Demo {

  static final String DEFAULT_ACS_JAR = "acs-server/target/quarkus-app/quarkus-run.jar";
  static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  /** Up to this many phones, the demo registers them to the fleet's own SIP registrar. */
  static final int SIP_PHONES = 20;

  public static final String USAGE =
      "Usage: sim-fleet demo [--acs-jar FILE] [--acs-port N] [fleet options]\n"
          + "  Starts the Cradle ACS (java -jar FILE, default "
          + DEFAULT_ACS_JAR
          + ",\n"
          + "  embedded PostgreSQL, data under ./data or CRADLE_DATA_DIR) on port N (default 8080),\n"
          + "  waits for it, then runs a fleet against it (default 20 phones) until Ctrl-C.\n"
          + "  Up to 20 phones (or with a scenario that places calls) register SIP account 1 to\n"
          + "  the fleet's own registrar, as --sip embedded, unless --sip is given.\n\n"
          + "  The fleet options are those of `run` (--acs is set by the demo):\n"
          + FleetOptions.OPTIONS;

  private Demo() {}

  /** The {@code demo} subcommand; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err, StopSignal stop) {
    Path jar = Path.of(DEFAULT_ACS_JAR);
    int port = 8080;
    List<String> fleetArgs = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--acs-jar") || a.equals("--acs-port")) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(a + " needs a value");
          }
          String v = args[++i];
          if (a.equals("--acs-jar")) {
            jar = Path.of(v);
          } else {
            port = (int) FleetOptions.parseCount("--acs-port", v, 1, 65535);
          }
        } else if (a.equals("--acs") || a.startsWith("--acs=")) {
          throw new IllegalArgumentException(
              "the demo starts its own ACS; use `run --acs URL` for another one");
        } else if (a.equals("--help") || a.equals("-h")) {
          out.print(USAGE);
          stop.done();
          return 0;
        } else {
          fleetArgs.add(a);
        }
      }
      fleetArgs.add("--acs");
      fleetArgs.add("http://127.0.0.1:" + port + "/cwmp");
      withEmbeddedSip(fleetArgs);
      FleetOptions.parse(fleetArgs.toArray(String[]::new)); // fail before starting the ACS
    } catch (IllegalArgumentException e) {
      err.println("sim-fleet demo: " + e.getMessage());
      err.println();
      err.print(USAGE);
      stop.done();
      return 2;
    }
    if (!Files.isRegularFile(jar)) {
      err.println(
          "sim-fleet demo: no ACS at "
              + jar.toAbsolutePath()
              + ": run ./mvnw -B -DskipTests package first (from the repository root), or give"
              + " --acs-jar");
      stop.done();
      return 1;
    }

    Process acs = null;
    try {
      acs = startAcs(jar, port, err);
      URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
      out.println("sim-fleet demo: started the ACS (pid " + acs.pid() + "), waiting for " + ready);
      out.flush();
      String problem = awaitReady(acs, ready, stop);
      if (problem != null) {
        err.println("sim-fleet demo: " + problem);
        return 1;
      }
      out.println();
      out.println(dashboardLine(port));
      out.println();
      out.flush();
      StopSignal fleetStop = StopSignal.manual();
      // The fleet stops when Ctrl-C comes (or its own stop condition); the ACS is stopped after.
      Thread relay =
          new Thread(
              () -> {
                while (!stop.requested() && !Thread.currentThread().isInterrupted()) {
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
                fleetStop.request();
              },
              "sim-fleet-demo-stop");
      relay.setDaemon(true);
      relay.start();
      int status = Fleet.run(fleetArgs.toArray(String[]::new), out, err, fleetStop);
      relay.interrupt();
      out.println(dashboardLine(port));
      return status;
    } catch (IOException e) {
      err.println("sim-fleet demo: could not start the ACS: " + e.getMessage());
      return 1;
    } finally {
      if (acs != null) {
        stopAcs(acs, out);
      }
      stop.done();
    }
  }

  /**
   * Adds {@code --sip embedded} when the fleet is small enough for its lines to be worth a look on
   * the dashboard (or its scenario places calls) and no {@code --sip} was given.
   */
  static void withEmbeddedSip(List<String> fleetArgs) {
    if (fleetArgs.stream().anyMatch(a -> a.equals("--sip") || a.startsWith("--sip="))) {
      return;
    }
    List<String> withSip = new ArrayList<>(fleetArgs);
    withSip.add("--sip");
    withSip.add("embedded");
    FleetOptions o;
    try {
      o = FleetOptions.parse(withSip.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      return; // the caller's own parse reports the mistake
    }
    boolean calls = o.scenario().map(sc -> sc.placesCalls()).orElse(false);
    if (o.phones() <= SIP_PHONES || calls) {
      fleetArgs.clear();
      fleetArgs.addAll(withSip);
    }
  }

  static String dashboardLine(int port) {
    return "Dashboard: http://localhost:"
        + port
        + "/ui (user admin; password printed above at first start, or"
        + " CRADLE_ADMIN_PASSWORD)";
  }

  private static Process startAcs(Path jar, int port, PrintStream err) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Dquarkus.http.port=" + port);
    command.add("-jar");
    command.add(jar.toString());
    // Inherited output: the ACS prints its one-time admin password at the first start.
    return new ProcessBuilder(command).inheritIO().start();
  }

  /** Polls the readiness check; returns null when ready, else what went wrong. */
  private static String awaitReady(Process acs, URI ready, StopSignal stop) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (stop.requested()) {
        return "stopped before the ACS was ready";
      }
      if (!acs.isAlive()) {
        return "the ACS exited with status "
            + acs.exitValue()
            + " before it was ready (see its log above; is port "
            + ready.getPort()
            + " taken?)";
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return null;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }
    return "the ACS was not ready at " + ready + " within " + READY_TIMEOUT.toSeconds() + " s";
  }

  private static void stopAcs(Process acs, PrintStream out) {
    if (!acs.isAlive()) {
      return;
    }
    out.println("sim-fleet demo: stopping the ACS (pid " + acs.pid() + ")");
    out.flush();
    acs.destroy(); // SIGTERM: Quarkus stops cleanly, with its embedded PostgreSQL
    try {
      if (!acs.waitFor(20, TimeUnit.SECONDS)) {
        acs.destroyForcibly();
        acs.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      acs.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
