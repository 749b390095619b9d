package io.cradle.acs.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * User passwords: bcrypt with cost 12 for new hashes (Spring Security's {@code BCrypt}); the PBKDF2
 * form a V1 ACS stored for its admin still verifies, and is replaced at the next login.
 */
public final class Passwords {

  /** bcrypt's work factor: 2^12 rounds, about a quarter of a second on one core. */
  static final int COST = 12;

  /** bcrypt reads only the first 72 bytes; longer passwords are refused rather than cut. */
  public static final int MAX_BYTES = 72;

  public static final int MIN_LENGTH = 10;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  /** Slow by design: never on an event-loop thread. */
  public static String hash(String password) {
    return BCrypt.hashpw(password, BCrypt.gensalt(COST, RANDOM));
  }

  /** Whether {@code password} matches the stored hash; false for any hash it cannot read. */
  public static boolean matches(String password, String stored) {
    if (password == null || stored == null) {
      return false;
    }
    try {
      if (stored.startsWith("$2")) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES
            && BCrypt.checkpw(password, stored);
      }
      return PasswordHash.parse(stored).matches(password);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether a hash should be replaced by a fresh bcrypt one once its password is known. */
  public static boolean isOutdated(String stored) {
    return !stored.startsWith("$2a$" + COST + "$") && !stored.startsWith("$2b$" + COST + "$");
  }

  /** Why {@code password} cannot be used, or null if it can. */
  public static String weakness(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return "a password needs at least " + MIN_LENGTH + " characters";
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "a password can be at most " + MAX_BYTES + " bytes (bcrypt reads no more)";
    }
    return null;
  }
}
