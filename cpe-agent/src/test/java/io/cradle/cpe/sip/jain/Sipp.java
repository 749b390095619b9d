package io.cradle.cpe.sip.jain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One SIPp run for a test: {@code sipp -m 1} in the foreground with a time limit, on 127.0.0.1,
 * output in a temp file; {@link #close()} kills it if it is still running.
 */
final class Sipp implements AutoCloseable {

  final int port;
  private final Process process;
  private final Path out;

  private Sipp(int port, Process process, Path out) {
    this.port = port;
    this.process = process;
    this.out = out;
  }

  /** The sipp binary, or null when it is not installed ({@code .ci/run} installs sip-tester). */
  static Path binary() {
    for (Path p : List.of(Path.of("/usr/bin/sipp"), Path.of("/usr/local/bin/sipp"))) {
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Starts SIPp with {@code scenario} (a built-in name like {@code uas}, or a test resource ending
   * in .xml) and {@code extra} arguments (e.g. the remote address); returns once its UDP port is
   * bound.
   */
  static Sipp start(String scenario, List<String> extra) throws Exception {
    int port = Kamailio.freePort();
    Path dir = Files.createTempDirectory("sipp-test");
    List<String> command = new ArrayList<>(List.of(binary().toString()));
    if (scenario.endsWith(".xml")) {
      Path file = dir.resolve(scenario);
      try (InputStream in = Sipp.class.getResourceAsStream("/io/cradle/cpe/sip/" + scenario)) {
        Files.write(file, in.readAllBytes());
      }
      command.addAll(List.of("-sf", file.toString()));
    } else {
      command.addAll(List.of("-sn", scenario));
    }
    command.addAll(
        List.of(
            "-i",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-m",
            "1",
            "-timeout",
            "20s",
            "-nostdin",
            "-trace_err",
            "-error_file",
            dir.resolve("errors.log").toString()));
    command.addAll(extra);
    Path out = dir.resolve("sipp.out");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    Sipp sipp = new Sipp(port, process, out);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!bound(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        sipp.close();
        throw new IllegalStateException("sipp did not bind 127.0.0.1:" + port + ":\n" + sipp.log());
      }
      Thread.sleep(20);
    }
    return sipp;
  }

  /** Waits for SIPp to end; its exit code (0: the one call went as the scenario says). */
  int await(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      // Stopped, but its output stays until close(): the failure message shows it.
      process.destroy();
      process.waitFor(5, TimeUnit.SECONDS);
      return -1;
    }
    return process.exitValue();
  }

  String log() {
    try {
      String text = Files.readString(out);
      Path errors = out.resolveSibling("errors.log");
      if (Files.exists(errors)) {
        text += "\n--- errors:\n" + Files.readString(errors);
      }
      // The screen dump is long; its end has the counts and the reason.
      return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
    Kamailio.deleteTree(out.getParent());
  }

  /**
   * Whether something listens on UDP 127.0.0.1:{@code port}, read from /proc/net/udp (binding a
   * probe socket could take the port from under SIPp).
   */
  private static boolean bound(int port) throws IOException {
    String local = String.format(":%04X ", port);
    return Files.readAllLines(Path.of("/proc/net/udp")).stream()
        .anyMatch(
            line ->
                line.strip().split("\\s+").length > 1
                    && (line.strip().split("\\s+")[1] + " ").endsWith(local));
  }
}
