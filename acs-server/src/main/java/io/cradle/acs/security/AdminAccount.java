package io.cradle.acs.security;

import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The first administrator. With {@code CRADLE_ADMIN_PASSWORD} set, the user {@code
 * cradle.admin.username} is an enabled admin with that password at every start. Without it, the
 * first start (no users at all) creates that admin with a generated password, printed once; only
 * its bcrypt hash is stored. An ACS from before users existed kept its admin's PBKDF2 hash in
 * {@code app_setting}: that hash becomes the admin user's, and the password stays what it was.
 */
@ApplicationScoped
public class AdminAccount {

  /** Name of the {@code app_setting} row where a V1 ACS kept the admin's hash. */
  static final String LEGACY_PASSWORD_SETTING = "admin.password-hash";

  private static final Logger LOG = Logger.getLogger(AdminAccount.class);

  private final AdminConfig config;
  private final Accounts accounts;
  private final Audit audit;
  private final EntityManager em;

  @Inject
  public AdminAccount(AdminConfig config, Accounts accounts, Audit audit, EntityManager em) {
    this.config = config;
    this.accounts = accounts;
    this.audit = audit;
    this.em = em;
  }

  void onStart(@Observes StartupEvent event) {
    Optional<String> configured = config.password().filter(p -> !p.isBlank());
    if (configured.isPresent()) {
      ensureConfigured(config.username(), configured.get());
    } else if (accounts.count() == 0) {
      createFirstAdmin(config.username());
    }
  }

  /** Makes {@code username} an enabled admin with the configured password. */
  @Transactional
  void ensureConfigured(String username, String password) {
    Optional<StoredUser> existing = accounts.find(username);
    if (existing.isEmpty()) {
      if (accounts.insertIfAbsent(username, Passwords.hash(password), Role.ADMIN)) {
        audit.record(
            Audit.SYSTEM,
            "user.create",
            AuditTargets.user(username),
            null,
            Map.of("username", username, "role", "admin", "disabled", false),
            "admin from CRADLE_ADMIN_PASSWORD");
      }
      return;
    }
    StoredUser user = existing.get();
    if (!Passwords.matches(password, user.passwordHash())) {
      accounts.setPassword(user.id(), password);
      audit.record(
          Audit.SYSTEM,
          "user.password",
          AuditTargets.user(username),
          null,
          null,
          "from CRADLE_ADMIN_PASSWORD");
    }
    if (user.role() != Role.ADMIN || user.disabled()) {
      accounts.setRoleAndEnable(user.id(), Role.ADMIN);
      audit.record(
          Audit.SYSTEM,
          "user.update",
          AuditTargets.user(username),
          Map.of("role", user.role().wire(), "disabled", user.disabled()),
          Map.of("role", "admin", "disabled", false),
          "CRADLE_ADMIN_PASSWORD names this user");
    }
  }

  /**
   * Creates the admin {@code username} unless it exists: with the V1 ACS's stored hash if there is
   * one, otherwise with a generated password, which is logged this once and returned. When two
   * nodes start at once, the one whose insert lands wins and only it shows a password.
   */
  @Transactional
  Optional<String> createFirstAdmin(String username) {
    Optional<String> legacy = legacyHash();
    if (legacy.isPresent()) {
      if (accounts.insertIfAbsent(username, legacy.get(), Role.ADMIN)) {
        audit.record(
            Audit.SYSTEM,
            "user.create",
            AuditTargets.user(username),
            null,
            Map.of("username", username, "role", "admin", "disabled", false),
            "admin kept from before users existed, with the same password");
        LOG.infof(
            "The admin password stored before users existed is now that of user '%s'", username);
      }
      em.createNativeQuery("delete from app_setting where name = ?1")
          .setParameter(1, LEGACY_PASSWORD_SETTING)
          .executeUpdate();
      return Optional.empty();
    }
    String password = Secrets.password();
    if (!accounts.insertIfAbsent(username, Passwords.hash(password), Role.ADMIN)) {
      return Optional.empty();
    }
    audit.record(
        Audit.SYSTEM,
        "user.create",
        AuditTargets.user(username),
        null,
        Map.of("username", username, "role", "admin", "disabled", false),
        "first start: generated password shown once in the log");
    announce(username, password);
    return Optional.of(password);
  }

  @SuppressWarnings("unchecked")
  private Optional<String> legacyHash() {
    List<String> values =
        em.createNativeQuery("select value from app_setting where name = ?1")
            .setParameter(1, LEGACY_PASSWORD_SETTING)
            .getResultList();
    return values.stream().findFirst();
  }

  private void announce(String username, String password) {
    LOG.warnf(
        """

        ==================================================================
          Cradle created the first admin. Its password is shown only once.

            user:      %s
            password:  %s

          Only its bcrypt hash is stored. Sign in at /login and add users
          there or with /api/v1/users; to choose the admin password yourself,
          set CRADLE_ADMIN_PASSWORD (or cradle.admin.password) and restart.
        ==================================================================""",
        username, password);
  }
}
