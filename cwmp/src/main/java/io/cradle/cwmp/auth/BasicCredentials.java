package io.cradle.cwmp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * HTTP Basic credentials (RFC 7617), which TR-069 allows only over TLS. The user name cannot
 * contain ':'; the password can, since only the first ':' separates them.
 */
public record BasicCredentials(String username, String password) {

  // Padded or unpadded base64; checked up front because the decoder throws on anything else.
  private static final Pattern BASE64 =
      Pattern.compile(
          "(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?");

  public BasicCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a Basic user name cannot contain ':'");
    }
  }

  /** Reads an {@code Authorization} value; empty unless it is well-formed Basic. */
  public static Optional<BasicCredentials> parse(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String[] parts = authorization.strip().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
      return Optional.empty();
    }
    String token = parts[1].strip();
    if (!BASE64.matcher(token).matches()) {
      return Optional.empty();
    }
    String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    return Optional.of(
        new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
  }

  /** The header value, {@code Basic base64(username:password)}. */
  public String toHeader() {
    byte[] pair = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair);
  }

  /** Compares with the expected credentials in constant time, so timing reveals nothing. */
  public boolean matches(String expectedUsername, String expectedPassword) {
    return equalBytes(username, expectedUsername) & equalBytes(password, expectedPassword);
  }

  private static boolean equalBytes(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "BasicCredentials[username=" + username + ", password=***]";
  }
}
