package io.cradle.cpe.time;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The random streams of a run: one independent stream per (phone, model), derived from a master
 * seed, so the same seed replays the same run and adding a phone leaves every other phone's streams
 * unchanged.
 *
 * <p>Each stream's seed is the SHA-256 of (master seed, phone identity, model name), which fills
 * the whole 256-bit seed of an {@code L64X128MixRandom}; a cryptographic hash keeps streams of
 * nearby identities (consecutive MACs) uncorrelated. Identities are compared as exact strings: use
 * one spelling of a MAC throughout.
 */
public record RandomStreams(long masterSeed) {

  // Named, not the platform default, so a JDK upgrade cannot change a recorded run's numbers.
  private static final RandomGeneratorFactory<RandomGenerator> ALGORITHM =
      RandomGeneratorFactory.of("L64X128MixRandom");

  /** The streams of a run seeded with {@code masterSeed}. */
  public static RandomStreams of(long masterSeed) {
    return new RandomStreams(masterSeed);
  }

  /** The streams of one phone, identified for example by its MAC. */
  public PhoneStreams forPhone(String identity) {
    return new PhoneStreams(this, Objects.requireNonNull(identity, "identity"));
  }

  /** The random streams of one phone: one per model, so models do not perturb each other. */
  public record PhoneStreams(RandomStreams run, String identity) {

    /** A fresh generator for {@code model}; each call restarts the same sequence. */
    public RandomGenerator stream(String model) {
      return ALGORITHM.create(seed(run.masterSeed(), identity, Objects.requireNonNull(model)));
    }
  }

  private static byte[] seed(long masterSeed, String identity, String model) {
    byte[] phone = identity.getBytes(StandardCharsets.UTF_8);
    byte[] name = model.getBytes(StandardCharsets.UTF_8);
    // Length prefixes keep ("ab", "c") and ("a", "bc") apart.
    ByteBuffer input =
        ByteBuffer.allocate(Long.BYTES + 2 * Integer.BYTES + phone.length + name.length);
    input.putLong(masterSeed).putInt(phone.length).put(phone).putInt(name.length).put(name);
    return sha256().digest(input.array());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
