package io.cradle.cwmp.auth;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Digest {@code WWW-Authenticate} challenge. {@code opaque}, {@code algorithm} and {@code qop}
 * are null when absent; {@code qop} holds the offered list as sent, e.g. {@code auth,auth-int}.
 */
public record DigestChallenge(
    String realm, String nonce, String opaque, String algorithm, String qop, boolean stale) {

  public DigestChallenge {
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(nonce, "nonce");
  }

  /**
   * Reads a {@code WWW-Authenticate} value; empty unless it is a well-formed Digest challenge with
   * a realm and a nonce.
   */
  public static Optional<DigestChallenge> parse(String wwwAuthenticate) {
    return AuthParams.parse(wwwAuthenticate, "Digest")
        .filter(p -> p.containsKey("realm") && p.containsKey("nonce"))
        .map(DigestChallenge::fromParams);
  }

  private static DigestChallenge fromParams(Map<String, String> p) {
    return new DigestChallenge(
        p.get("realm"),
        p.get("nonce"),
        p.get("opaque"),
        p.get("algorithm"),
        p.get("qop"),
        "true".equalsIgnoreCase(p.get("stale")));
  }

  /** Whether {@code qop=auth} is offered. */
  public boolean offersQopAuth() {
    return qop != null
        && Arrays.stream(qop.split(","))
            .anyMatch(option -> option.strip().equalsIgnoreCase("auth"));
  }

  /** The header value, e.g. {@code Digest realm="acs", qop="auth", nonce="…", algorithm=MD5}. */
  public String toHeader() {
    return new AuthParams.Writer()
        .quoted("realm", realm)
        .quoted("qop", qop)
        .quoted("nonce", nonce)
        .quoted("opaque", opaque)
        .token("algorithm", algorithm)
        .token("stale", stale ? "true" : null)
        .toHeader("Digest");
  }
}
