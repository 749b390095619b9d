package io.cradle.cpe.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Config files encrypted like {@code openssl enc -aes-256-cbc -k <P1359>}: {@code Salted__}, an
 * 8-byte salt, then AES-256-CBC with key and IV from OpenSSL's EVP_BytesToKey (one iteration).
 */
public final class ConfigCrypto {

  /** The digest EVP_BytesToKey used: MD5 before OpenSSL 1.1, SHA-256 since. */
  public enum Digest {
    MD5("MD5"),
    SHA256("SHA-256");

    private final String jcaName;

    Digest(String jcaName) {
      this.jcaName = jcaName;
    }
  }

  private static final byte[] MAGIC = "Salted__".getBytes(StandardCharsets.US_ASCII);
  private static final int SALT = 8;
  private static final int KEY = 32;
  private static final int IV = 16;

  private ConfigCrypto() {}

  /** True when {@code data} starts with OpenSSL's {@code Salted__} header. */
  public static boolean isEncrypted(byte[] data) {
    return data.length >= MAGIC.length
        && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /**
   * Decrypts with {@code password}, trying MD5 (what phones expect) and then SHA-256 (what a modern
   * {@code openssl enc} makes without {@code -md md5}). A key is taken as right only if the padding
   * checks out and the result starts like XML, since a wrong key passes the padding check about one
   * time in 256.
   */
  public static byte[] decrypt(String source, byte[] data, String password)
      throws ConfigFileException {
    if (!isEncrypted(data) || data.length < MAGIC.length + SALT + IV) {
      throw new ConfigFileException(
          source, 0, "not an OpenSSL encrypted file (no Salted__ header)");
    }
    byte[] salt = Arrays.copyOfRange(data, MAGIC.length, MAGIC.length + SALT);
    for (Digest digest : Digest.values()) {
      try {
        byte[] plain =
            cipher(Cipher.DECRYPT_MODE, password, salt, digest)
                .doFinal(data, MAGIC.length + SALT, data.length - MAGIC.length - SALT);
        if (looksLikeXml(plain)) {
          return plain;
        }
      } catch (GeneralSecurityException e) {
        // bad padding: the wrong password or digest; try the next digest
      }
    }
    throw new ConfigFileException(
        source, 0, "cannot decrypt: wrong XML config password (P1359) or not aes-256-cbc");
  }

  /** Encrypts as {@code openssl enc -aes-256-cbc -md <digest>} would with this 8-byte salt. */
  public static byte[] encrypt(byte[] plain, String password, Digest digest, byte[] salt) {
    if (salt.length != SALT) {
      throw new IllegalArgumentException("salt must be " + SALT + " bytes");
    }
    try {
      byte[] body = cipher(Cipher.ENCRYPT_MODE, password, salt, digest).doFinal(plain);
      byte[] out = new byte[MAGIC.length + SALT + body.length];
      System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
      System.arraycopy(salt, 0, out, MAGIC.length, SALT);
      System.arraycopy(body, 0, out, MAGIC.length + SALT, body.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC unavailable", e);
    }
  }

  private static Cipher cipher(int mode, String password, byte[] salt, Digest digest)
      throws GeneralSecurityException {
    byte[] keyIv = bytesToKey(password.getBytes(StandardCharsets.UTF_8), salt, digest);
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(mode, new SecretKeySpec(keyIv, 0, KEY, "AES"), new IvParameterSpec(keyIv, KEY, IV));
    return c;
  }

  /** EVP_BytesToKey, count 1: D1 = H(pass+salt), Di = H(Di-1+pass+salt), until key+IV bytes. */
  static byte[] bytesToKey(byte[] password, byte[] salt, Digest digest)
      throws GeneralSecurityException {
    MessageDigest md = MessageDigest.getInstance(digest.jcaName);
    byte[] out = new byte[KEY + IV];
    byte[] block = new byte[0];
    for (int filled = 0; filled < out.length; filled += block.length) {
      md.update(block);
      md.update(password);
      md.update(salt);
      block = md.digest();
      System.arraycopy(block, 0, out, filled, Math.min(block.length, out.length - filled));
    }
    return out;
  }

  /** First non-blank byte is '<' (after an optional UTF-8 BOM). */
  private static boolean looksLikeXml(byte[] plain) {
    int i = 0;
    if (plain.length >= 3
        && (plain[0] & 0xff) == 0xef
        && (plain[1] & 0xff) == 0xbb
        && (plain[2] & 0xff) == 0xbf) {
      i = 3;
    }
    while (i < plain.length && Character.isWhitespace(plain[i])) {
      i++;
    }
    return i < plain.length && plain[i] == '<';
  }
}
