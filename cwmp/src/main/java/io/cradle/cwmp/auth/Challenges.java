package io.cradle.cwmp.auth;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The client's answer to a 401: Digest when the server offers it, Basic when that is all it offers
 * — what a CPE does towards its ACS and its file servers alike.
 */
public final class Challenges {

  private Challenges() {}

  /**
   * The Authorization header answering {@code wwwAuthenticate} (every WWW-Authenticate value of the
   * 401) for a request of {@code method} to {@code url}; empty when no scheme we speak is offered.
   *
   * @throws IllegalArgumentException if the Digest challenge cannot be answered (unknown algorithm)
   */
  public static Optional<String> authorization(
      DigestClient digest,
      String method,
      URI url,
      String username,
      String password,
      List<String> wwwAuthenticate) {
    Optional<DigestChallenge> challenge =
        wwwAuthenticate.stream().map(DigestChallenge::parse).flatMap(Optional::stream).findFirst();
    if (challenge.isPresent()) {
      String target =
          url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
      if (url.getRawQuery() != null) {
        target += "?" + url.getRawQuery();
      }
      return Optional.of(
          digest.authorize(method, target, username, password, challenge.get()).toHeader());
    }
    boolean basicOffered =
        wwwAuthenticate.stream()
            .anyMatch(v -> v.strip().toLowerCase(Locale.ROOT).startsWith("basic"));
    return basicOffered
        ? Optional.of(new BasicCredentials(username, password).toHeader())
        : Optional.empty();
  }
}
