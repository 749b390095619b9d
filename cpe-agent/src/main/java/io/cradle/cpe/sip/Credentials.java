package io.cradle.cpe.sip;

import io.cradle.cwmp.auth.DigestChallenge;
import io.cradle.cwmp.auth.DigestClient;
import java.util.Optional;

/**
 * The answer to a 401/407 digest challenge (MD5, qop=auth) with an account's credentials: the
 * header value, and whether it goes as {@code Proxy-Authorization}.
 */
record Credentials(String header, boolean proxy) {

  /**
   * Answers {@code response}'s challenge for {@code method} to {@code uri}; empty if it is no
   * challenge, or one this phone cannot answer.
   */
  static Optional<Credentials> answer(
      SipPort.SipResponse response,
      String method,
      String uri,
      SipSettings settings,
      DigestClient digest) {
    boolean proxy = response.status() == 407;
    if (!proxy && response.status() != 401) {
      return Optional.empty();
    }
    Optional<DigestChallenge> challenge =
        DigestChallenge.parse(proxy ? response.proxyAuthenticate() : response.wwwAuthenticate());
    if (challenge.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Credentials(
              digest
                  .authorize(method, uri, settings.authId(), settings.password(), challenge.get())
                  .toHeader(),
              proxy));
    } catch (IllegalArgumentException unsupported) {
      return Optional.empty();
    }
  }
}
