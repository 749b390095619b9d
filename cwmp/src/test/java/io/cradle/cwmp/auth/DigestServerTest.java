package io.cradle.cwmp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cwmp.auth.Verification.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DigestServerTest {

  private static final byte[] SECRET =
      "a shared secret of the ACS nodes".getBytes(StandardCharsets.UTF_8);
  private static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Function<String, Optional<String>> PASSWORDS =
      user -> Optional.ofNullable(Map.of("cpe-1", "s3cret").get(user));

  private final DigestClient client = new DigestClient(new SplittableRandom(7));

  private static DigestServer serverAt(Instant now, byte[] secret) {
    return new DigestServer(
        "Cradle", new NonceIssuer(secret, LIFETIME, Clock.fixed(now, ZoneOffset.UTC)));
  }

  private static final DigestServer SERVER = serverAt(T0, SECRET);

  private String answer(DigestChallenge challenge, String uri, String password) {
    return client.authorize("POST", uri, "cpe-1", password, challenge).toHeader();
  }

  private static void assertBadCredentials(Verification v, String because) {
    assertEquals(Outcome.BAD_CREDENTIALS, v.outcome());
    assertTrue(v.reason().contains(because), v.reason());
  }

  @Test
  void clientAnswerToServerChallengeIsAccepted() {
    String header = answer(SERVER.challenge(false), "/acs", "s3cret");
    Verification v = SERVER.verify("POST", "/acs", header, PASSWORDS);
    assertEquals(Verification.ok("cpe-1"), v);
    assertTrue(v.isOk());
  }

  @Test
  void nonceCountsAfterTheFirstAreAccepted() {
    DigestChallenge challenge = SERVER.challenge(false);
    answer(challenge, "/acs", "s3cret");
    String second = answer(challenge, "/acs", "s3cret");
    assertTrue(second.contains("nc=00000002"));
    assertEquals(Outcome.OK, SERVER.verify("POST", "/acs", second, PASSWORDS).outcome());
  }

  @Test
  void anotherNodeWithTheSameSecretAcceptsTheNonce() {
    String header = answer(SERVER.challenge(false), "/acs", "s3cret");
    DigestServer otherNode = serverAt(T0.plusSeconds(10), SECRET.clone());
    assertEquals(Outcome.OK, otherNode.verify("POST", "/acs", header, PASSWORDS).outcome());
  }

  @Test
  void wrongPasswordIsBadCredentials() {
    String header = answer(SERVER.challenge(false), "/acs", "guess");
    Verification v = SERVER.verify("POST", "/acs", header, PASSWORDS);
    assertBadCredentials(v, "wrong password");
    assertEquals("cpe-1", v.username());
  }

  @Test
  void unknownUserIsBadCredentials() {
    String header =
        client.authorize("POST", "/acs", "intruder", "s3cret", SERVER.challenge(false)).toHeader();
    assertBadCredentials(SERVER.verify("POST", "/acs", header, PASSWORDS), "unknown user");
  }

  @Test
  void signedForAnotherMethodIsBadCredentials() {
    String header =
        client.authorize("GET", "/acs", "cpe-1", "s3cret", SERVER.challenge(false)).toHeader();
    assertBadCredentials(SERVER.verify("POST", "/acs", header, PASSWORDS), "wrong password");
  }

  @Test
  void expiredNonceWithRightPasswordIsStale() {
    String header = answer(SERVER.challenge(false), "/acs", "s3cret");
    DigestServer later = serverAt(T0.plus(LIFETIME).plusMillis(1), SECRET);
    assertEquals(Verification.stale("cpe-1"), later.verify("POST", "/acs", header, PASSWORDS));
  }

  @Test
  void expiredNonceWithWrongPasswordIsBadCredentials() {
    String header = answer(SERVER.challenge(false), "/acs", "guess");
    DigestServer later = serverAt(T0.plus(LIFETIME).plusMillis(1), SECRET);
    assertBadCredentials(later.verify("POST", "/acs", header, PASSWORDS), "wrong password");
  }

  @Test
  void tamperedNonceIsRejectedEvenWhenSignedCorrectly() {
    DigestChallenge real = SERVER.challenge(false);
    String nonce = real.nonce();
    for (int at : new int[] {0, 10, nonce.length() - 1}) {
      char swapped = nonce.charAt(at) == 'A' ? 'B' : 'A';
      String tampered = nonce.substring(0, at) + swapped + nonce.substring(at + 1);
      DigestChallenge forged =
          new DigestChallenge(real.realm(), tampered, null, "MD5", "auth", false);
      Verification v = SERVER.verify("POST", "/acs", answer(forged, "/acs", "s3cret"), PASSWORDS);
      assertBadCredentials(v, "nonce");
    }
  }

  @Test
  void nonceFromAnotherSecretIsRejected() {
    DigestServer stranger =
        serverAt(T0, "some other secret, not the ACS".getBytes(StandardCharsets.UTF_8));
    String header = answer(stranger.challenge(false), "/acs", "s3cret");
    assertBadCredentials(SERVER.verify("POST", "/acs", header, PASSWORDS), "nonce");
  }

  @Test
  void wrongRealmIsRejected() {
    DigestChallenge real = SERVER.challenge(false);
    DigestChallenge otherRealm =
        new DigestChallenge("Elsewhere", real.nonce(), null, "MD5", "auth", false);
    String header = answer(otherRealm, "/acs", "s3cret");
    assertBadCredentials(SERVER.verify("POST", "/acs", header, PASSWORDS), "realm");
  }

  @Test
  void wrongUriIsRejected() {
    String header = answer(SERVER.challenge(false), "/other", "s3cret");
    Verification v = SERVER.verify("POST", "/acs", header, PASSWORDS);
    assertEquals(Outcome.MALFORMED, v.outcome());
    assertTrue(v.reason().contains("/other"), v.reason());
  }

  @Test
  void absoluteUriFormAndQueryAreTolerated() {
    String header = answer(SERVER.challenge(false), "http://acs.example:7547/acs", "s3cret");
    assertEquals(Outcome.OK, SERVER.verify("POST", "/acs?session=1", header, PASSWORDS).outcome());
    String root =
        client
            .authorize("GET", "http://10.0.0.1:7547", "cpe-1", "s3cret", SERVER.challenge(false))
            .toHeader();
    assertEquals(Outcome.OK, SERVER.verify("GET", "/", root, PASSWORDS).outcome());
  }

  @Test
  void rfc2069ResponseWithoutQopIsAccepted() {
    DigestChallenge real = SERVER.challenge(false);
    DigestChallenge noQop =
        new DigestChallenge(real.realm(), real.nonce(), null, null, null, false);
    String header = answer(noQop, "/acs", "s3cret");
    assertEquals(Outcome.OK, SERVER.verify("POST", "/acs", header, PASSWORDS).outcome());
  }

  @Test
  void precomputedHa1IsAccepted() {
    String ha1 = DigestHash.ha1("cpe-1", "Cradle", "s3cret");
    String header = answer(SERVER.challenge(false), "/acs", "s3cret");
    assertEquals(
        Outcome.OK, SERVER.verifyHa1("POST", "/acs", header, user -> Optional.of(ha1)).outcome());
    assertEquals(
        Outcome.BAD_CREDENTIALS,
        SERVER
            .verifyHa1(
                "POST", "/acs", header, user -> Optional.of(DigestHash.ha1("cpe-1", "Cradle", "x")))
            .outcome());
  }

  @Test
  void unreadableOrUnsupportedHeadersAreMalformed() {
    DigestResponse good =
        client.authorize("POST", "/acs", "cpe-1", "s3cret", SERVER.challenge(false));
    String noNc =
        new DigestResponse(
                good.username(),
                good.realm(),
                good.nonce(),
                good.uri(),
                good.response(),
                good.algorithm(),
                good.cnonce(),
                null,
                good.qop(),
                null)
            .toHeader();
    String sha =
        new DigestResponse(
                good.username(),
                good.realm(),
                good.nonce(),
                good.uri(),
                good.response(),
                "SHA-256",
                good.cnonce(),
                good.nc(),
                good.qop(),
                null)
            .toHeader();
    String authInt =
        new DigestResponse(
                good.username(),
                good.realm(),
                good.nonce(),
                good.uri(),
                good.response(),
                good.algorithm(),
                good.cnonce(),
                good.nc(),
                "auth-int",
                null)
            .toHeader();
    for (String header :
        new String[] {null, "", "Basic Y3BlLTE6czNjcmV0", "Digest username=", noNc, sha, authInt}) {
      assertEquals(
          Outcome.MALFORMED,
          SERVER.verify("POST", "/acs", header, PASSWORDS).outcome(),
          String.valueOf(header));
    }
  }

  @Test
  void challengesCarryFreshNoncesAndStaleFlag() {
    DigestChallenge first = SERVER.challenge(false);
    DigestChallenge stale = SERVER.challenge(true);
    assertNotEquals(first.nonce(), stale.nonce());
    assertEquals(
        "Digest realm=\"Cradle\", qop=\"auth\", nonce=\""
            + stale.nonce()
            + "\", algorithm=MD5, stale=true",
        stale.toHeader());
  }

  @Test
  void pathOfRequestTargets() {
    assertEquals("/acs", DigestServer.path("http://acs.example:7547/acs?x=1#f"));
    assertEquals("/", DigestServer.path("http://acs.example:7547"));
    assertEquals("/", DigestServer.path(""));
    assertEquals("/cr/abc", DigestServer.path("/cr/abc"));
  }
}
