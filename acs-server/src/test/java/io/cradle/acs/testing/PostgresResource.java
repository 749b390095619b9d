package io.cradle.acs.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The real PostgreSQL the tests run against: the server named by {@code CRADLE_TEST_DB_URL} (CI
 * starts one), otherwise an embedded one started here. Never an in-memory imitation. Declared here
 * once, it applies to every {@code @QuarkusTest}, so the suite starts Quarkus once.
 */
@QuarkusTestResource(PostgresResource.class)
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  private EmbeddedPostgres embedded;

  @Override
  public Map<String, String> start() {
    String external = System.getenv("CRADLE_TEST_DB_URL");
    if (external != null && !external.isBlank()) {
      return Map.of("quarkus.datasource.jdbc.url", external);
    }
    try {
      embedded = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL for tests", e);
    }
    return Map.of(
        "quarkus.datasource.jdbc.url", embedded.getJdbcUrl("postgres", "postgres"),
        "quarkus.datasource.username", "postgres",
        "quarkus.datasource.password", "postgres");
  }

  @Override
  public void stop() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
