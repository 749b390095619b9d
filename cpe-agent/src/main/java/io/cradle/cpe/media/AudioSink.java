package io.cradle.cpe.media;

/**
 * What a phone "hears": the decoded 8 kHz 16-bit mono samples played out of the jitter buffer, one
 * frame at a time. Called on the media engine's pacer thread; it must not block.
 */
@FunctionalInterface
public interface AudioSink {

  /** Takes {@code length} samples of {@code frame}; the array is reused after the call. */
  void write(short[] frame, int length);

  /** Writes to each of {@code sinks} in turn (e.g. a recorder and a DTMF detector). */
  static AudioSink tee(AudioSink... sinks) {
    AudioSink[] copy = sinks.clone();
    return (frame, length) -> {
      for (AudioSink s : copy) {
        s.write(frame, length);
      }
    };
  }
}
