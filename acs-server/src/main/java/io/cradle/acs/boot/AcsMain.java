package io.cradle.acs.boot;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;

/**
 * Starts the ACS. Without an external database configured it first starts an embedded PostgreSQL
 * whose data survives restarts, so a newcomer needs one command and no database server.
 */
@QuarkusMain
public final class AcsMain {

  private AcsMain() {}

  public static void main(String... args) throws Exception {
    if (!externalDatabaseConfigured()) {
      Path dataDir =
          Path.of(setting("CRADLE_DATA_DIR", "cradle.data-dir", "data")).toAbsolutePath();
      int port =
          Integer.parseInt(setting("CRADLE_EMBEDDED_DB_PORT", "cradle.embedded-db.port", "0"));
      EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("pg"), port);
      System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
      System.setProperty("quarkus.datasource.username", "postgres");
      System.setProperty("quarkus.datasource.password", "postgres");
    }
    Quarkus.run(args);
  }

  private static boolean externalDatabaseConfigured() {
    return notBlank(System.getenv("CRADLE_DB_URL"))
        || notBlank(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"))
        || notBlank(System.getProperty("quarkus.datasource.jdbc.url"));
  }

  private static String setting(String env, String property, String fallback) {
    String value = System.getProperty(property);
    if (notBlank(value)) {
      return value;
    }
    value = System.getenv(env);
    return notBlank(value) ? value : fallback;
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
