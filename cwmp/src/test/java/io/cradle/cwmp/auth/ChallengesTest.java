package io.cradle.cwmp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChallengesTest {

  private final DigestClient digest = new DigestClient(new SplittableRandom(1));
  private final URI url = URI.create("http://acs.example/cwmp?x=1");

  @Test
  void digestIsPreferredWhenBothAreOffered() {
    String answer =
        Challenges.authorization(
                digest,
                "POST",
                url,
                "cpe",
                "pw",
                List.of("Basic realm=\"a\"", "Digest realm=\"a\", nonce=\"n1\", qop=\"auth\""))
            .orElseThrow();
    assertTrue(answer.startsWith("Digest "), answer);
    assertTrue(answer.contains("uri=\"/cwmp?x=1\""), answer);
  }

  @Test
  void basicAnswersABasicOnlyChallenge() {
    String answer =
        Challenges.authorization(digest, "GET", url, "cpe", "pw", List.of("Basic realm=\"a\""))
            .orElseThrow();
    assertEquals(new BasicCredentials("cpe", "pw").toHeader(), answer);
  }

  @Test
  void anUnknownSchemeGetsNoAnswer() {
    assertTrue(
        Challenges.authorization(digest, "GET", url, "cpe", "pw", List.of("Bearer realm=\"a\""))
            .isEmpty());
  }
}
