package io.cradle.cwmp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestHeadersTest {

  @Test
  void challengeHeaderHasTheUsualShape() {
    DigestChallenge challenge = new DigestChallenge("acs", "n0nce", "op", "MD5", "auth", false);
    assertEquals(
        "Digest realm=\"acs\", qop=\"auth\", nonce=\"n0nce\", opaque=\"op\", algorithm=MD5",
        challenge.toHeader());
    assertEquals(Optional.of(challenge), DigestChallenge.parse(challenge.toHeader()));
  }

  @Test
  void staleChallengeSaysSoAndLeavesOutAbsentFields() {
    DigestChallenge challenge = new DigestChallenge("acs", "n", null, null, null, true);
    assertEquals("Digest realm=\"acs\", nonce=\"n\", stale=true", challenge.toHeader());
    assertEquals(Optional.of(challenge), DigestChallenge.parse(challenge.toHeader()));
  }

  @Test
  void readsGenieAcsChallenge() {
    DigestChallenge challenge =
        DigestChallenge.parse("Digest realm=\"GenieACS\",qop=\"auth,auth-int\",nonce=\"a462\"")
            .orElseThrow();
    assertEquals("GenieACS", challenge.realm());
    assertEquals("a462", challenge.nonce());
    assertTrue(challenge.offersQopAuth());
    assertNull(challenge.algorithm());
    assertFalse(challenge.stale());
  }

  @Test
  void staleIsCaseInsensitive() {
    assertTrue(DigestChallenge.parse("Digest realm=r, nonce=n, stale=TRUE").orElseThrow().stale());
  }

  @Test
  void qopAuthIntAloneIsNotQopAuth() {
    assertFalse(
        DigestChallenge.parse("Digest realm=r, nonce=n, qop=\"auth-int\"")
            .orElseThrow()
            .offersQopAuth());
  }

  @Test
  void challengeNeedsRealmAndNonce() {
    assertEquals(Optional.empty(), DigestChallenge.parse("Digest realm=\"acs\""));
    assertEquals(Optional.empty(), DigestChallenge.parse("Digest nonce=\"n\""));
    assertEquals(Optional.empty(), DigestChallenge.parse("Basic realm=\"acs\""));
  }

  @Test
  void responseHeaderRoundTrips() {
    DigestResponse response =
        new DigestResponse(
            "cpe \"1\"", "acs", "n", "/acs", "abc", "MD5", "cn", "00000002", "auth", null);
    assertEquals(
        "Digest username=\"cpe \\\"1\\\"\", realm=\"acs\", nonce=\"n\", uri=\"/acs\","
            + " algorithm=MD5, response=\"abc\", qop=auth, nc=00000002, cnonce=\"cn\"",
        response.toHeader());
    assertEquals(Optional.of(response), DigestResponse.parse(response.toHeader()));
  }

  @Test
  void responseNeedsItsCoreFields() {
    assertEquals(
        Optional.empty(),
        DigestResponse.parse("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"/\""));
    assertEquals(Optional.empty(), DigestResponse.parse(null));
  }
}
