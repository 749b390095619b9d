package io.cradle.acs.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A start without a configured password: the first admin gets a generated one, stored only as a
 * bcrypt hash and shown once; an admin hash from before users existed is kept. (The suite's own ACS
 * runs with a configured password, so this calls the bootstrap directly against the real database.)
 */
@QuarkusTest
class AdminPasswordBootstrapTest {

  @Inject AdminAccount account;
  @Inject EntityManager em;

  private final List<String> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
          for (Object p : record.getParameters() == null ? new Object[0] : record.getParameters()) {
            text.append(' ').append(p);
          }
          logged.add(text.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void capture() {
    Logger.getLogger(AdminAccount.class.getName()).addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    Logger.getLogger(AdminAccount.class.getName()).removeHandler(capture);
  }

  @Test
  void theFirstStartGeneratesAndShowsAPasswordOnceAndStoresOnlyItsBcryptHash() {
    Optional<String> first = account.createFirstAdmin("boot-admin");

    String password = first.orElseThrow();
    assertTrue(password.length() >= 20, "a strong password: " + password.length() + " chars");
    String stored = storedHash("boot-admin");
    assertTrue(stored.startsWith("$2a$12$") || stored.startsWith("$2b$12$"), stored);
    assertFalse(stored.contains(password), "only the hash is stored");
    assertEquals("admin", role("boot-admin"));
    assertEquals(1, logged.stream().filter(m -> m.contains(password)).count(), "shown once");

    Optional<String> second = account.createFirstAdmin("boot-admin");

    assertTrue(second.isEmpty());
    assertEquals(stored, storedHash("boot-admin"), "the stored hash is kept");
    assertEquals(1, logged.stream().filter(m -> m.contains(password)).count(), "not shown again");
    given()
        .auth()
        .preemptive()
        .basic("boot-admin", password)
        .get("/api/v1/users")
        .then()
        .statusCode(200);
  }

  @Test
  void anAdminHashFromBeforeUsersExistedKeepsItsPasswordAndIsUpgradedToBcryptAtLogin() {
    String legacy = PasswordHash.of("old-admin-password", new SecureRandom()).format();
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "insert into app_setting (name, value, updated_at) values (?1, ?2, now())")
                    .setParameter(1, AdminAccount.LEGACY_PASSWORD_SETTING)
                    .setParameter(2, legacy)
                    .executeUpdate());

    assertTrue(account.createFirstAdmin("v1-admin").isEmpty(), "no new password to show");

    assertEquals(legacy, storedHash("v1-admin"));
    given()
        .auth()
        .preemptive()
        .basic("v1-admin", "old-admin-password")
        .get("/api/v1/users")
        .then()
        .statusCode(200);
    assertTrue(storedHash("v1-admin").startsWith("$2"), "rehashed with bcrypt at login");
    assertEquals(
        0L,
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ((Number)
                            em.createNativeQuery("select count(*) from app_setting where name = ?1")
                                .setParameter(1, AdminAccount.LEGACY_PASSWORD_SETTING)
                                .getSingleResult())
                        .longValue()));
  }

  private String storedHash(String username) {
    return column("password_hash", username);
  }

  private String role(String username) {
    return column("role", username);
  }

  private String column(String column, String username) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                (String)
                    em.createNativeQuery("select " + column + " from app_user where username = ?1")
                        .setParameter(1, username)
                        .getSingleResult());
  }
}
