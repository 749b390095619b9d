package io.cradle.cpe.sip.jain;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kamailio for tests: the test resource {@code kamailio.cfg} with a free port filled in, run
 * in the foreground on 127.0.0.1 with its log in a temp dir, ready once its TCP listener accepts,
 * stopped by {@link #close()}. Public for sim-fleet's tests (cpe-agent's test-jar).
 */
public final class Kamailio implements AutoCloseable {

  static final List<Path> BINARIES =
      List.of(Path.of("/usr/sbin/kamailio"), Path.of("/usr/local/sbin/kamailio"));
  static final List<Path> MODULES =
      List.of(
          Path.of("/usr/lib/x86_64-linux-gnu/kamailio/modules"),
          Path.of("/usr/lib/aarch64-linux-gnu/kamailio/modules"),
          Path.of("/usr/lib/kamailio/modules"),
          Path.of("/usr/local/lib64/kamailio/modules"));

  public final int port;
  final Path dir;
  private final Process process;

  private Kamailio(int port, Path dir, Process process) {
    this.port = port;
    this.dir = dir;
    this.process = process;
  }

  /** The kamailio binary, or null when it is not installed ({@code .ci/run} installs it). */
  public static Path binary() {
    return BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }

  public static Kamailio start() throws IOException, InterruptedException {
    Path binary = binary();
    Path modules =
        MODULES.stream()
            .filter(p -> Files.isRegularFile(p.resolve("tm.so")))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no Kamailio modules in " + MODULES));
    int port = freePort();
    Path dir = Files.createTempDirectory("kamailio-test");
    String cfg;
    try (InputStream in = Kamailio.class.getResourceAsStream("/io/cradle/cpe/sip/kamailio.cfg")) {
      cfg = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path cfgFile = dir.resolve("kamailio.cfg");
    Files.writeString(
        cfgFile, cfg.replace("@PORT@", Integer.toString(port)).replace("@MODULES@", modules + "/"));
    Path log = dir.resolve("kamailio.log");
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "-f",
                cfgFile.toString(),
                "-DD",
                "-E",
                "-Y",
                dir.toString(),
                "-P",
                dir.resolve("kamailio.pid").toString(),
                "-w",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Kamailio kamailio = new Kamailio(port, dir, process);
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      if (!process.isAlive()) {
        String text = Files.readString(log);
        kamailio.close();
        throw new IllegalStateException("kamailio exited " + process.exitValue() + ":\n" + text);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return kamailio;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          kamailio.close();
          throw new IllegalStateException(
              "kamailio did not listen on 127.0.0.1:" + port + ":\n" + Files.readString(log));
        }
        Thread.sleep(50);
      }
    }
  }

  /** Kamailio's output so far, for failure messages. */
  public String log() {
    try {
      return Files.readString(dir.resolve("kamailio.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    deleteTree(dir);
  }

  /** Removes a test's temp dir; what cannot be removed stays (it is under the temp dir). */
  static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }

  /** A port free for both TCP and UDP on 127.0.0.1. */
  public static int freePort() throws IOException {
    return JainSipHost.freePort("127.0.0.1");
  }
}
