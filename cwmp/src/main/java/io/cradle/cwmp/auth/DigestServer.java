package io.cradle.cwmp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Challenges and verifies Digest credentials (MD5, {@code qop=auth} or RFC 2069 without qop): the
 * ACS checking its CPEs, and the CPE checking Connection Requests.
 *
 * <p>Replayed nonce counts are not detected: that needs per-nonce state shared by all nodes, which
 * self-validating nonces exist to avoid. A captured request can therefore be replayed until its
 * nonce goes stale, so keep the nonce lifetime short; TLS is the real defence.
 */
public final class DigestServer {

  private static final Pattern NONCE_COUNT = Pattern.compile("[0-9A-Fa-f]{8}");

  private final String realm;
  private final NonceIssuer nonces;

  public DigestServer(String realm, NonceIssuer nonces) {
    this.realm = Objects.requireNonNull(realm, "realm");
    this.nonces = Objects.requireNonNull(nonces, "nonces");
  }

  public String realm() {
    return realm;
  }

  /** A challenge with a fresh nonce; {@code stale} after a {@link Verification.Outcome#STALE}. */
  public DigestChallenge challenge(boolean stale) {
    return new DigestChallenge(realm, nonces.issue(), null, "MD5", "auth", stale);
  }

  /**
   * Checks an {@code Authorization} header against the user's password.
   *
   * @param method the request method, e.g. {@code POST}
   * @param requestTarget the request target from the request line, e.g. {@code /acs}
   * @param authorization the header value, or null when absent
   * @param passwordOf the password of a user, empty for unknown users
   */
  public Verification verify(
      String method,
      String requestTarget,
      String authorization,
      Function<String, Optional<String>> passwordOf) {
    return check(
        method,
        requestTarget,
        authorization,
        user -> passwordOf.apply(user).map(password -> DigestHash.ha1(user, realm, password)));
  }

  /**
   * Like {@link #verify}, for servers that store {@link DigestHash#ha1} (for this realm) instead of
   * passwords.
   */
  public Verification verifyHa1(
      String method,
      String requestTarget,
      String authorization,
      Function<String, Optional<String>> ha1Of) {
    return check(method, requestTarget, authorization, ha1Of);
  }

  private Verification check(
      String method,
      String requestTarget,
      String authorization,
      Function<String, Optional<String>> ha1Of) {
    Optional<DigestResponse> parsed = DigestResponse.parse(authorization);
    if (parsed.isEmpty()) {
      return Verification.malformed(null, "no readable Digest Authorization header");
    }
    DigestResponse r = parsed.get();
    String user = r.username();
    if (r.algorithm() != null && !r.algorithm().equalsIgnoreCase("MD5")) {
      return Verification.malformed(user, "unsupported algorithm " + r.algorithm());
    }
    if (r.qop() != null && !r.qop().equalsIgnoreCase("auth")) {
      return Verification.malformed(user, "unsupported qop " + r.qop());
    }
    if (r.qop() != null && (r.cnonce() == null || !isNonceCount(r.nc()))) {
      return Verification.malformed(user, "qop=auth needs cnonce and an 8-digit hex nc");
    }
    if (!path(r.uri()).equals(path(requestTarget))) {
      return Verification.malformed(
          user, "uri " + r.uri() + " does not match request target " + requestTarget);
    }
    if (!r.realm().equals(realm)) {
      return Verification.badCredentials(user, "wrong realm " + r.realm());
    }
    NonceIssuer.Validity nonce = nonces.check(r.nonce());
    if (nonce == NonceIssuer.Validity.FORGED) {
      return Verification.badCredentials(user, "nonce was not issued by this server");
    }
    Optional<String> ha1 = ha1Of.apply(user);
    if (ha1.isEmpty()) {
      return Verification.badCredentials(user, "unknown user");
    }
    String expected =
        DigestHash.response(ha1.get(), method, r.uri(), r.nonce(), r.qop(), r.nc(), r.cnonce());
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        r.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      return Verification.badCredentials(user, "wrong password");
    }
    return nonce == NonceIssuer.Validity.STALE ? Verification.stale(user) : Verification.ok(user);
  }

  private static boolean isNonceCount(String nc) {
    return nc != null && NONCE_COUNT.matcher(nc).matches();
  }

  /**
   * The path of a request target or digest uri, so that {@code http://acs:7547/acs?x=1} (the
   * absolute form some clients put in {@code uri}) and {@code /acs} compare equal.
   */
  static String path(String target) {
    String path = target == null ? "" : target.strip();
    int scheme = path.indexOf("://");
    if (!path.startsWith("/") && scheme >= 0) {
      int slash = path.indexOf('/', scheme + 3);
      path = slash < 0 ? "" : path.substring(slash);
    }
    path = path.split("[?#]", 2)[0];
    return path.isEmpty() ? "/" : path;
  }
}
