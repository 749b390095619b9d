package io.cradle.acs.boot;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL started from the application's own jar (zonky binaries), for the one-command
 * run. Settings are production-grade (fsync on), unlike zonky's test defaults.
 */
public final class EmbeddedDatabase {

  private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on {@code dataDir} (created if new, reused if not); port 0 picks a free one.
   */
  public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
    Files.createDirectories(dataDir.getParent());
    stopOrphan(dataDir);
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setOverrideWorkingDirectory(dataDir.getParent().resolve("pg-bin").toFile())
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "200")
            .setPort(port)
            .start();
    EmbeddedDatabase db = new EmbeddedDatabase(pg);
    LOG.infof("Embedded PostgreSQL on port %d, data in %s", pg.getPort(), dataDir);
    return db;
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  /**
   * After a kill -9 of the JVM the embedded postmaster lives on and holds the data directory; stop
   * it, or this start fails on "postmaster.pid already exists".
   */
  private static void stopOrphan(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()) {
      return;
    }
    boolean isPostgres =
        process.get().info().command().map(c -> c.endsWith("/postgres")).orElse(false);
    if (!isPostgres) {
      return;
    }
    LOG.warnf("Stopping orphaned embedded PostgreSQL (pid %d) left by an earlier run", pid);
    process.get().destroy();
    try {
      process
          .get()
          .onExit()
          .get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IOException("orphaned PostgreSQL pid " + pid + " did not stop", e);
    }
  }
}
