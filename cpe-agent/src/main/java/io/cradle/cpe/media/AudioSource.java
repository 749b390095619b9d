package io.cradle.cpe.media;

/**
 * What a phone plays into a call: 8 kHz 16-bit mono samples, one frame at a time. Called on the
 * media engine's pacer thread; it must not block.
 */
@FunctionalInterface
public interface AudioSource {

  /** Fills {@code frame} with the next samples. */
  void read(short[] frame);

  /** Digital silence. */
  static AudioSource silence() {
    return frame -> java.util.Arrays.fill(frame, (short) 0);
  }
}
