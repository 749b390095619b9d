package io.cradle.cwmp.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues Digest nonces that verify themselves: {@code base64url(time ‖ random ‖ HMAC)}. No nonce
 * table is kept, so any ACS node sharing the secret can check a nonce another node issued, and a
 * restart forgets nothing.
 */
public final class NonceIssuer {

  /** What {@link #check} found. */
  public enum Validity {
    VALID,
    /** Issued by us but older than the lifetime: the client should retry with a fresh nonce. */
    STALE,
    /** Not issued with our secret, or altered. */
    FORGED
  }

  private static final int TIME_BYTES = Long.BYTES;
  private static final int RANDOM_BYTES = 8;
  private static final int MAC_BYTES = 16;
  private static final int MIN_SECRET_BYTES = 16;
  private static final Pattern NONCE_TEXT = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;
  private final Duration lifetime;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param secret at least 16 bytes, shared by all nodes that must accept each other's nonces
   * @param lifetime how long a nonce stays valid; after that it is {@link Validity#STALE}
   */
  public NonceIssuer(byte[] secret, Duration lifetime, Clock clock) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("nonce secret needs at least 16 bytes");
    }
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("nonce lifetime must be positive");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.lifetime = lifetime;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A new nonce, unique per call. */
  public String issue() {
    byte[] randomPart = new byte[RANDOM_BYTES];
    random.nextBytes(randomPart);
    byte[] payload =
        ByteBuffer.allocate(TIME_BYTES + RANDOM_BYTES)
            .putLong(clock.millis())
            .put(randomPart)
            .array();
    return ENCODER.encodeToString(
        ByteBuffer.allocate(payload.length + MAC_BYTES).put(payload).put(mac(payload)).array());
  }

  /** Whether {@code nonce} is one of ours and still fresh. */
  public Validity check(String nonce) {
    if (nonce == null || !NONCE_TEXT.matcher(nonce).matches()) {
      return Validity.FORGED;
    }
    byte[] bytes = Base64.getUrlDecoder().decode(nonce);
    // The last character carries two unused bits; without this check four spellings would decode
    // to the same nonce.
    if (!ENCODER.encodeToString(bytes).equals(nonce)) {
      return Validity.FORGED;
    }
    byte[] payload = Arrays.copyOf(bytes, TIME_BYTES + RANDOM_BYTES);
    byte[] mac = Arrays.copyOfRange(bytes, payload.length, bytes.length);
    if (!MessageDigest.isEqual(mac, mac(payload))) {
      return Validity.FORGED;
    }
    long issuedAt = ByteBuffer.wrap(payload).getLong();
    return clock.millis() - issuedAt > lifetime.toMillis() ? Validity.STALE : Validity.VALID;
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(key);
      return Arrays.copyOf(hmac.doFinal(payload), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
    }
  }
}
