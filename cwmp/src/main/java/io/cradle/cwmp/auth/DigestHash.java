package io.cradle.cwmp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The MD5 digest computations of RFC 7616 / RFC 2617. Strings are hashed as UTF-8, which equals the
 * historic ISO-8859-1 for the ASCII credentials CPEs use.
 */
public final class DigestHash {

  private DigestHash() {}

  /**
   * {@code MD5(username:realm:password)}: what a server may store instead of the password, and pass
   * to {@link DigestServer#verifyHa1}.
   */
  public static String ha1(String username, String realm, String password) {
    return md5Hex(username + ":" + realm + ":" + password);
  }

  /**
   * The {@code response} value for a request: with {@code qop=auth} when {@code qop} is non-null,
   * else the RFC 2069 form {@code MD5(HA1:nonce:HA2)}.
   */
  static String response(
      String ha1, String method, String uri, String nonce, String qop, String nc, String cnonce) {
    String ha2 = md5Hex(method + ":" + uri);
    return qop == null
        ? md5Hex(ha1 + ":" + nonce + ":" + ha2)
        : md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }

  private static String md5Hex(String text) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide MD5", e);
    }
  }
}
