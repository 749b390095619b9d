package io.cradle.acs.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A start without a configured password: the generated one is stored only as a hash and shown once.
 * (The suite's own ACS runs with a configured password, so this calls the bootstrap directly
 * against the real database.)
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
  void forgetStoredPassword() {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery("delete from app_setting where name = ?1")
                    .setParameter(1, AdminAccount.PASSWORD_SETTING)
                    .executeUpdate());
    Logger.getLogger(AdminAccount.class.getName()).addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    Logger.getLogger(AdminAccount.class.getName()).removeHandler(capture);
  }

  @Test
  void theFirstStartGeneratesAndShowsAPasswordAndLaterStartsReuseItsHash() {
    AdminAccount.Resolved first = account.resolveStored();

    String password = first.generatedPassword().orElseThrow();
    assertTrue(password.length() >= 20, "a strong password: " + password.length() + " chars");
    String stored = storedValue();
    assertTrue(stored.startsWith("pbkdf2-sha256$"), stored);
    assertFalse(stored.contains(password), "only the hash is stored");
    assertEquals(1, logged.stream().filter(m -> m.contains(password)).count(), "shown once");

    AdminAccount.Resolved second = account.resolveStored();

    assertTrue(second.generatedPassword().isEmpty());
    assertTrue(second.hash().orElseThrow().matches(password));
    assertEquals(stored, storedValue(), "the stored hash is kept");
    assertEquals(1, logged.stream().filter(m -> m.contains(password)).count(), "not shown again");
  }

  private String storedValue() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                (String)
                    em.createNativeQuery("select value from app_setting where name = ?1")
                        .setParameter(1, AdminAccount.PASSWORD_SETTING)
                        .getSingleResult());
  }
}
