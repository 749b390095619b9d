package io.cradle.cwmp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cradle.cwmp.auth.NonceIssuer.Validity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NonceIssuerTest {

  private static final byte[] SECRET = new byte[32];
  private static final Duration LIFETIME = Duration.ofSeconds(30);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static NonceIssuer at(Instant now) {
    return new NonceIssuer(SECRET, LIFETIME, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void nonceIsValidUntilItsLifetimeEnds() {
    String nonce = at(T0).issue();
    assertEquals(Validity.VALID, at(T0).check(nonce));
    assertEquals(Validity.VALID, at(T0.plus(LIFETIME)).check(nonce));
    assertEquals(Validity.STALE, at(T0.plus(LIFETIME).plusMillis(1)).check(nonce));
  }

  @Test
  void noncesAreUniqueAndHeaderSafe() {
    NonceIssuer issuer = at(T0);
    String a = issuer.issue();
    assertNotEquals(a, issuer.issue());
    assertEquals(43, a.length());
    assertEquals(true, a.matches("[A-Za-z0-9_-]+"));
  }

  @Test
  void foreignOrGarbledNoncesAreForged() {
    byte[] otherSecret = new byte[32];
    otherSecret[0] = 1;
    String foreign = new NonceIssuer(otherSecret, LIFETIME, Clock.systemUTC()).issue();
    NonceIssuer issuer = at(T0);
    assertEquals(Validity.FORGED, issuer.check(foreign));
    assertEquals(Validity.FORGED, issuer.check(null));
    assertEquals(Validity.FORGED, issuer.check("XXXXXXXXXXXXXXXX"));
    assertEquals(Validity.FORGED, issuer.check(issuer.issue() + "A"));
    assertEquals(Validity.FORGED, issuer.check("+" + issuer.issue().substring(1)));
  }

  @Test
  void anotherSpellingOfTheSameBytesIsForged() {
    NonceIssuer issuer = at(T0);
    String nonce = issuer.issue();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(nonce.charAt(nonce.length() - 1));
    // The lowest bits of the last character fall outside the 32 decoded bytes.
    String respelled = nonce.substring(0, nonce.length() - 1) + alphabet.charAt(last ^ 1);
    assertEquals(Validity.VALID, issuer.check(nonce));
    assertEquals(Validity.FORGED, issuer.check(respelled));
  }

  @Test
  void rejectsWeakConfiguration() {
    Clock clock = Clock.systemUTC();
    assertThrows(
        IllegalArgumentException.class, () -> new NonceIssuer(new byte[15], LIFETIME, clock));
    assertThrows(
        IllegalArgumentException.class, () -> new NonceIssuer(SECRET, Duration.ZERO, clock));
  }
}
