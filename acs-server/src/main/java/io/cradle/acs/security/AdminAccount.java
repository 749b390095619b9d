package io.cradle.acs.security;

import io.cradle.cwmp.auth.BasicCredentials;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * The one administrator credential. A configured password is used as given; otherwise a generated
 * one is hashed into {@code app_setting} on the first start and shown once in the log.
 *
 * <p>PBKDF2 costs a few hundred milliseconds, too much for every API call, so a password that has
 * passed once is remembered as a keyed digest (the key lives only in this process) and later
 * requests compare against that in constant time.
 */
@ApplicationScoped
public class AdminAccount {

  /** Name of the {@code app_setting} row that holds the generated password's hash. */
  static final String PASSWORD_SETTING = "admin.password-hash";

  private static final Logger LOG = Logger.getLogger(AdminAccount.class);
  private static final int GENERATED_PASSWORD_BYTES = 18;

  /** What a request's credentials amount to without the slow hash. */
  public enum QuickCheck {
    PASSED,
    FAILED,
    /** Only {@link #verifySlowly} can tell; it blocks. */
    NEEDS_HASH
  }

  /** The stored hash and, on the start that created it, the generated password. */
  record Resolved(Optional<PasswordHash> hash, Optional<String> generatedPassword) {}

  private final AdminConfig config;
  private final EntityManager em;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final SecretKeySpec digestKey;
  private final byte[] usernameDigest;

  private volatile PasswordHash storedHash;
  private volatile byte[] acceptedPasswordDigest;

  @Inject
  public AdminAccount(AdminConfig config, EntityManager em, Clock clock) {
    this.config = config;
    this.em = em;
    this.clock = clock;
    byte[] key = new byte[32];
    random.nextBytes(key);
    this.digestKey = new SecretKeySpec(key, "HmacSHA256");
    this.usernameDigest = digest(config.username());
  }

  void onStart(@Observes StartupEvent event) {
    Optional<String> configured = config.password().filter(p -> !p.isBlank());
    if (configured.isPresent()) {
      acceptedPasswordDigest = digest(configured.get());
      return;
    }
    storedHash = resolveStored().hash().orElseThrow();
  }

  /**
   * The stored admin hash, created (and its password logged once) if there is none yet. When two
   * nodes start at once, the one whose insert lands wins and the other uses its hash.
   */
  @Transactional
  Resolved resolveStored() {
    Optional<PasswordHash> existing = readStored();
    if (existing.isPresent()) {
      return new Resolved(existing, Optional.empty());
    }
    String password = generatePassword();
    PasswordHash hash = PasswordHash.of(password, random);
    int inserted =
        em.createNativeQuery(
                "insert into app_setting (name, value, updated_at) values (?1, ?2, ?3)"
                    + " on conflict (name) do nothing")
            .setParameter(1, PASSWORD_SETTING)
            .setParameter(2, hash.format())
            .setParameter(3, clock.instant())
            .executeUpdate();
    if (inserted == 0) {
      return new Resolved(readStored(), Optional.empty());
    }
    announce(password);
    return new Resolved(Optional.of(hash), Optional.of(password));
  }

  /** Constant-time check against the configured or already-verified password. */
  public QuickCheck checkQuickly(BasicCredentials given) {
    boolean userOk = MessageDigest.isEqual(usernameDigest, digest(given.username()));
    byte[] accepted = acceptedPasswordDigest;
    if (accepted != null && MessageDigest.isEqual(accepted, digest(given.password()))) {
      return userOk ? QuickCheck.PASSED : QuickCheck.FAILED;
    }
    // A wrong user name also takes the slow path, so timing does not tell it from a wrong password.
    return storedHash != null ? QuickCheck.NEEDS_HASH : QuickCheck.FAILED;
  }

  /** The PBKDF2 check; blocks for a few hundred milliseconds. */
  public boolean verifySlowly(BasicCredentials given) {
    PasswordHash hash = storedHash;
    if (hash == null) {
      return false;
    }
    boolean ok =
        hash.matches(given.password())
            & MessageDigest.isEqual(usernameDigest, digest(given.username()));
    if (ok) {
      acceptedPasswordDigest = digest(given.password());
    }
    return ok;
  }

  @SuppressWarnings("unchecked")
  private Optional<PasswordHash> readStored() {
    List<String> values =
        em.createNativeQuery("select value from app_setting where name = ?1")
            .setParameter(1, PASSWORD_SETTING)
            .getResultList();
    return values.stream().findFirst().map(PasswordHash::parse);
  }

  private String generatePassword() {
    byte[] bytes = new byte[GENERATED_PASSWORD_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private void announce(String password) {
    LOG.warnf(
        """

        ==================================================================
          Cradle generated an admin password. It is shown only this once.

            user:      %s
            password:  %s

          Only its hash is stored. To choose your own, set
          CRADLE_ADMIN_PASSWORD (or cradle.admin.password) and restart.
        ==================================================================""",
        config.username(), password);
  }

  private byte[] digest(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(digestKey);
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
    }
  }
}
