package io.cradle.cpe.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An {@link AudioSink} that keeps what the phone hears in memory (16 KB per second of call) so the
 * pacer thread never waits on a disk; {@link #save} writes it as a WAV file afterwards.
 */
public final class WavRecorder implements AudioSink {

  private short[] samples = new short[8000];
  private int count;

  @Override
  public synchronized void write(short[] frame, int length) {
    if (count + length > samples.length) {
      samples = Arrays.copyOf(samples, Math.max(samples.length * 2, count + length));
    }
    System.arraycopy(frame, 0, samples, count, length);
    count += length;
  }

  /** The samples so far. */
  public synchronized short[] samples() {
    return Arrays.copyOf(samples, count);
  }

  /** What was heard so far, as an 8 kHz WAV. */
  public WavFile toWav() {
    return new WavFile(ToneGenerator.SAMPLE_RATE, samples());
  }

  /** Writes what was heard so far to {@code path}. */
  public void save(Path path) throws IOException {
    toWav().write(path);
  }
}
