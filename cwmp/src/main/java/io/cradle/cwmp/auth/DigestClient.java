package io.cradle.cwmp.auth;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Answers Digest challenges: the CPE towards its ACS, and the ACS towards a CPE's Connection
 * Request URL. Counts requests per nonce so a nonce can be reused without a new 401 round trip.
 * Thread-safe when its random generator is.
 */
public final class DigestClient {

  // A client talks to few servers at a time; beyond that, forgetting a count only means the
  // server sees nc=00000001 again.
  private static final int REMEMBERED_NONCES = 64;

  private final RandomGenerator random;
  private final Map<String, Integer> requestCounts =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > REMEMBERED_NONCES;
        }
      };

  /**
   * @param random source of client nonces; a {@link java.security.SecureRandom} in production, a
   *     seeded generator in tests
   */
  public DigestClient(RandomGenerator random) {
    this.random = random;
  }

  /**
   * The credentials for one request. Uses {@code qop=auth} when offered, else the RFC 2069 form.
   *
   * @param uri the request target as sent on the request line, e.g. {@code /acs}
   * @throws IllegalArgumentException if the challenge asks for something other than MD5, or offers
   *     only qop values other than {@code auth}
   */
  public DigestResponse authorize(
      String method, String uri, String username, String password, DigestChallenge challenge) {
    String algorithm = challenge.algorithm();
    if (algorithm != null && !algorithm.equalsIgnoreCase("MD5")) {
      throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
    }
    if (challenge.qop() != null && !challenge.offersQopAuth()) {
      throw new IllegalArgumentException("unsupported qop " + challenge.qop());
    }
    String ha1 = DigestHash.ha1(username, challenge.realm(), password);
    String qop = challenge.qop() == null ? null : "auth";
    String nc = qop == null ? null : String.format("%08x", nextCount(challenge.nonce()));
    String cnonce = qop == null ? null : newCnonce();
    String response = DigestHash.response(ha1, method, uri, challenge.nonce(), qop, nc, cnonce);
    return new DigestResponse(
        username,
        challenge.realm(),
        challenge.nonce(),
        uri,
        response,
        algorithm,
        cnonce,
        nc,
        qop,
        challenge.opaque());
  }

  private synchronized int nextCount(String nonce) {
    return requestCounts.merge(nonce, 1, Integer::sum);
  }

  private String newCnonce() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
