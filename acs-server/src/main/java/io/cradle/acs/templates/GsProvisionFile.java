package io.cradle.acs.templates;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A phone's {@code cfg<mac>.xml}: {@code <gs_provision version="1">} with the P-values as elements,
 * and optionally encrypted as {@code openssl enc -aes-256-cbc -md md5 -k <P1359>} does (the {@code
 * Salted__} header, an 8-byte salt, key and IV from EVP_BytesToKey with MD5), which is what a WP820
 * decrypts with its XML config password.
 */
public final class GsProvisionFile {

  private static final byte[] MAGIC = "Salted__".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private GsProvisionFile() {}

  /** {@code fileMac}: 12 lower-case hex digits, so a file for one phone is refused by another. */
  public static byte[] xml(String fileMac, Map<String, String> pvalues) {
    StringBuilder out = new StringBuilder(64 + pvalues.size() * 32);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<gs_provision version=\"1\">\n");
    out.append("  <mac>").append(fileMac).append("</mac>\n");
    out.append("  <config version=\"1\">\n");
    pvalues.forEach(
        (number, value) ->
            out.append("    <")
                .append(number)
                .append('>')
                .append(escape(value))
                .append("</")
                .append(number)
                .append(">\n"));
    out.append("  </config>\n</gs_provision>\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Encrypted with a fresh random salt. */
  public static byte[] encrypt(byte[] plain, String password) {
    byte[] salt = new byte[8];
    RANDOM.nextBytes(salt);
    return encrypt(plain, password, salt);
  }

  static byte[] encrypt(byte[] plain, String password, byte[] salt) {
    try {
      byte[] keyIv = bytesToKey(password.getBytes(StandardCharsets.UTF_8), salt);
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(keyIv, 0, 32, "AES"),
          new IvParameterSpec(keyIv, 32, 16));
      byte[] body = c.doFinal(plain);
      byte[] out = new byte[MAGIC.length + salt.length + body.length];
      System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
      System.arraycopy(salt, 0, out, MAGIC.length, salt.length);
      System.arraycopy(body, 0, out, MAGIC.length + salt.length, body.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC unavailable", e);
    }
  }

  /** OpenSSL's EVP_BytesToKey, MD5, one iteration: D1 = H(pass+salt), Di = H(Di-1+pass+salt). */
  private static byte[] bytesToKey(byte[] password, byte[] salt) throws GeneralSecurityException {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    byte[] out = new byte[48];
    byte[] block = new byte[0];
    for (int filled = 0; filled < out.length; filled += block.length) {
      md5.update(block);
      md5.update(password);
      md5.update(salt);
      block = md5.digest();
      System.arraycopy(block, 0, out, filled, Math.min(block.length, out.length - filled));
    }
    return out;
  }

  /** Also CR, which an XML parser would fold into LF. */
  private static String escape(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '\r' -> sb.append("&#13;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
