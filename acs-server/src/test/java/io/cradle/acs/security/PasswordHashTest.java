package io.cradle.acs.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

  private final SecureRandom random = new SecureRandom();

  @Test
  void storedFormRoundTripsAndChecksThePassword() {
    PasswordHash hash = PasswordHash.of("correct horse", random);
    String stored = hash.format();

    assertTrue(stored.startsWith("pbkdf2-sha256$" + PasswordHash.ITERATIONS + "$"), stored);
    PasswordHash read = PasswordHash.parse(stored);
    assertTrue(read.matches("correct horse"));
    assertFalse(read.matches("correct horse "));
    assertFalse(read.matches(""));
  }

  @Test
  void eachHashHasItsOwnSalt() {
    assertNotEquals(
        PasswordHash.of("same", random).format(), PasswordHash.of("same", random).format());
  }

  @Test
  void aHashWithFewerIterationsStillVerifies() {
    // Stored hashes keep their own iteration count, so raising the default breaks nothing.
    PasswordHash old = PasswordHash.parse(cheapHashOf("pw"));
    assertTrue(old.matches("pw"));
    assertEquals(cheapHashOf("pw"), old.format());
  }

  @Test
  void foreignFormatsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("plain-text"));
    assertThrows(
        IllegalArgumentException.class, () -> PasswordHash.parse("bcrypt$10$c2FsdA==$aGFzaA=="));
    assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("pbkdf2-sha256$0$$"));
  }

  /** PBKDF2-HMAC-SHA256("pw", salt "salt-16-bytes!!!", 1000 iterations, 32 bytes). */
  private static String cheapHashOf(String password) {
    try {
      byte[] salt = "salt-16-bytes!!!".getBytes(StandardCharsets.US_ASCII);
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, 1000, 256);
      byte[] hash =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      Base64.Encoder b64 = Base64.getEncoder();
      return "pbkdf2-sha256$1000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
