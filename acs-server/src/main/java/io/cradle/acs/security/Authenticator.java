package io.cradle.acs.security;

import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a user name and password (form login and HTTP Basic). Blocking: call it on a worker
 * thread.
 *
 * <p>bcrypt costs a quarter of a second, too much for every API call with Basic, so a password that
 * has passed once is remembered as a keyed digest of (user, password, stored hash) — the key lives
 * only in this process, and a changed hash or password no longer matches it.
 */
@ApplicationScoped
public class Authenticator {

  private static final int MAX_REMEMBERED = 10_000;

  private final Accounts accounts;
  private final Audit audit;
  private final SecretKeySpec digestKey;
  private final Map<String, Boolean> remembered = new ConcurrentHashMap<>();

  /** Compared against for unknown users, so timing does not tell them from wrong passwords. */
  private volatile String decoyHash;

  @Inject
  public Authenticator(Accounts accounts, Audit audit) {
    this.accounts = accounts;
    this.audit = audit;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.digestKey = new SecretKeySpec(key, "HmacSHA256");
  }

  /**
   * The user, if enabled and the password is theirs. Failures are audited as {@code login.failure}
   * with {@code how} ("form", "basic") and the client address.
   */
  public Optional<Principal> check(String username, String password, String how, String client) {
    Optional<StoredUser> found = accounts.find(username);
    if (found.isEmpty()) {
      Passwords.matches(password, decoy());
      return failed(username, how, client, "no such user");
    }
    StoredUser user = found.get();
    String key = digest(user.id() + "\0" + password + "\0" + user.passwordHash());
    boolean ok = remembered.containsKey(key) || Passwords.matches(password, user.passwordHash());
    if (!ok) {
      return failed(username, how, client, "wrong password");
    }
    if (user.disabled()) {
      return failed(username, how, client, "user disabled");
    }
    if (Passwords.isOutdated(user.passwordHash())) {
      accounts.rehash(user.id(), user.passwordHash(), Passwords.hash(password));
    } else {
      if (remembered.size() >= MAX_REMEMBERED) {
        remembered.clear();
      }
      remembered.put(key, Boolean.TRUE);
    }
    return Optional.of(Principal.basic(user.id(), user.username(), user.role()));
  }

  private Optional<Principal> failed(String username, String how, String client, String why) {
    audit.record(
        username,
        "login.failure",
        AuditTargets.user(username),
        null,
        null,
        how + " from " + client + ": " + why);
    return Optional.empty();
  }

  private String decoy() {
    String hash = decoyHash;
    if (hash == null) {
      hash = Passwords.hash(Secrets.password());
      decoyHash = hash;
    }
    return hash;
  }

  private String digest(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(digestKey);
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
    }
  }
}
