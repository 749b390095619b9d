package io.cradle.cwmp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DigestClientTest {

  private static final DigestChallenge CHALLENGE =
      new DigestChallenge("acs", "nonce-1", "opaque-1", "MD5", "auth,auth-int", false);

  private static DigestClient client(long seed) {
    return new DigestClient(new SplittableRandom(seed));
  }

  @Test
  void answersWithQopAuthAndEchoesChallengeFields() {
    DigestResponse r = client(1).authorize("POST", "/acs", "cpe", "secret", CHALLENGE);
    assertEquals("cpe", r.username());
    assertEquals("acs", r.realm());
    assertEquals("nonce-1", r.nonce());
    assertEquals("/acs", r.uri());
    assertEquals("MD5", r.algorithm());
    assertEquals("auth", r.qop());
    assertEquals("00000001", r.nc());
    assertEquals("opaque-1", r.opaque());
    assertEquals(32, r.cnonce().length());
    assertEquals(
        DigestHash.response(
            DigestHash.ha1("cpe", "acs", "secret"),
            "POST",
            "/acs",
            "nonce-1",
            "auth",
            "00000001",
            r.cnonce()),
        r.response());
  }

  @Test
  void cnonceComesFromTheInjectedGenerator() {
    String first = client(42).authorize("POST", "/", "u", "p", CHALLENGE).cnonce();
    assertEquals(first, client(42).authorize("POST", "/", "u", "p", CHALLENGE).cnonce());
    assertNotEquals(first, client(43).authorize("POST", "/", "u", "p", CHALLENGE).cnonce());
  }

  @Test
  void countsRequestsPerNonce() {
    DigestClient client = client(1);
    assertEquals("00000001", client.authorize("POST", "/", "u", "p", CHALLENGE).nc());
    assertEquals("00000002", client.authorize("POST", "/", "u", "p", CHALLENGE).nc());
    DigestChallenge other = new DigestChallenge("acs", "nonce-2", null, null, "auth", false);
    assertEquals("00000001", client.authorize("POST", "/", "u", "p", other).nc());
    assertEquals("00000003", client.authorize("POST", "/", "u", "p", CHALLENGE).nc());
  }

  @Test
  void answersRfc2069ChallengeWithoutQop() {
    DigestChallenge old = new DigestChallenge("acs", "n", null, null, null, false);
    DigestResponse r = client(1).authorize("GET", "/cr", "u", "p", old);
    assertNull(r.qop());
    assertNull(r.nc());
    assertNull(r.cnonce());
    assertNull(r.algorithm());
    assertEquals(
        DigestHash.response(DigestHash.ha1("u", "acs", "p"), "GET", "/cr", "n", null, null, null),
        r.response());
  }

  @Test
  void refusesWhatItCannotAnswer() {
    DigestClient client = client(1);
    DigestChallenge sha = new DigestChallenge("acs", "n", null, "SHA-256", "auth", false);
    DigestChallenge authInt = new DigestChallenge("acs", "n", null, "MD5", "auth-int", false);
    assertThrows(IllegalArgumentException.class, () -> client.authorize("GET", "/", "u", "p", sha));
    assertThrows(
        IllegalArgumentException.class, () -> client.authorize("GET", "/", "u", "p", authInt));
  }
}
