package io.cradle.fleet;

import io.cradle.cpe.cli.PhoneCli;
import io.cradle.fleet.bench.IdleFleet;
import io.cradle.fleet.bench.InformStorm;
import io.cradle.fleet.bench.RegistrarBench;
import io.cradle.fleet.run.Demo;
import io.cradle.fleet.run.Fleet;
import io.cradle.fleet.run.StopSignal;
import java.util.Arrays;

/**
 * The sim-fleet jar's entry point: {@code demo}, {@code run}, {@code phone}, {@code storm}, {@code
 * idle} or {@code registrar}.
 */
public final class Main {

  static final String USAGE =
      """
      Usage: java -jar sim-fleet.jar COMMAND [options]     (COMMAND --help for its options)

        demo    start the Cradle ACS (embedded database) and a fleet of 20 phones against it,
                and print the dashboard URL: the one-command tour
        run     a fleet of simulated WP820 phones against a running ACS (--acs URL)
        phone   one simulated WP820 against any ACS, logging what it does
        storm   InformStorm, the CWMP load generator (sessions/s and latencies)
        idle    the idle-fleet benchmark: boot 5,000 phones, then measure heap per phone,
                threads and CPU
        registrar  the fleet's embedded SIP registrar alone, for the SIP benchmarks
      """;

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.print(USAGE);
      System.exit(args.length == 0 ? 2 : 0);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "storm" -> InformStorm.main(rest);
      case "idle" -> IdleFleet.main(rest);
      case "registrar" -> RegistrarBench.main(rest);
      case "phone" -> PhoneCli.main(rest);
      case "run", "demo" -> {
        StopSignal stop = StopSignal.onShutdown();
        int status =
            args[0].equals("run")
                ? Fleet.run(rest, System.out, System.err, stop)
                : Demo.run(rest, System.out, System.err, stop);
        System.out.flush();
        // During Ctrl-C the JVM is already exiting: System.exit would wait for our own hook.
        if (!stop.fromSignal()) {
          System.exit(status);
        }
      }
      default -> {
        System.err.println("sim-fleet: unknown command '" + args[0] + "'");
        System.err.println();
        System.err.print(USAGE);
        System.exit(2);
      }
    }
  }
}
