package io.cradle.cwmp.auth;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields of a Digest {@code Authorization} header. {@code algorithm}, {@code cnonce}, {@code
 * nc}, {@code qop} and {@code opaque} are null when absent (RFC 2069 clients send none of the first
 * four).
 */
public record DigestResponse(
    String username,
    String realm,
    String nonce,
    String uri,
    String response,
    String algorithm,
    String cnonce,
    String nc,
    String qop,
    String opaque) {

  public DigestResponse {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(response, "response");
  }

  /**
   * Reads an {@code Authorization} value; empty unless it is a well-formed Digest header with
   * username, realm, nonce, uri and response.
   */
  public static Optional<DigestResponse> parse(String authorization) {
    return AuthParams.parse(authorization, "Digest")
        .filter(
            p ->
                p.containsKey("username")
                    && p.containsKey("realm")
                    && p.containsKey("nonce")
                    && p.containsKey("uri")
                    && p.containsKey("response"))
        .map(DigestResponse::fromParams);
  }

  private static DigestResponse fromParams(Map<String, String> p) {
    return new DigestResponse(
        p.get("username"),
        p.get("realm"),
        p.get("nonce"),
        p.get("uri"),
        p.get("response"),
        p.get("algorithm"),
        p.get("cnonce"),
        p.get("nc"),
        p.get("qop"),
        p.get("opaque"));
  }

  /**
   * The header value, with {@code algorithm}, {@code qop} and {@code nc} unquoted as RFC 7616 asks.
   */
  public String toHeader() {
    return new AuthParams.Writer()
        .quoted("username", username)
        .quoted("realm", realm)
        .quoted("nonce", nonce)
        .quoted("uri", uri)
        .token("algorithm", algorithm)
        .quoted("response", response)
        .token("qop", qop)
        .token("nc", nc)
        .quoted("cnonce", cnonce)
        .quoted("opaque", opaque)
        .toHeader("Digest");
  }
}
