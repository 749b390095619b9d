package io.cradle.cpe.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A RIFF/WAVE file of 16-bit PCM mono samples — what a phone plays into a call or records from one.
 * Other formats are refused with the reason.
 *
 * @param sampleRate samples per second (phone audio is 8000)
 * @param samples the samples
 */
public record WavFile(int sampleRate, short[] samples) {

  /** Reads a file. */
  public static WavFile read(Path path) throws IOException {
    try {
      return parse(Files.readAllBytes(path));
    } catch (IllegalArgumentException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
  }

  /** Writes the file (atomically enough for tests: whole content at once). */
  public void write(Path path) throws IOException {
    Files.write(path, toBytes());
  }

  /** The file's bytes: a 44-byte header then the samples little-endian. */
  public byte[] toBytes() {
    int dataBytes = samples.length * 2;
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
    b.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2);
    b.putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
    for (short s : samples) {
      b.putShort(s);
    }
    return b.array();
  }

  /** Parses a file's bytes; skips chunks other than {@code fmt } and {@code data}. */
  public static WavFile parse(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || !tag(b, 0, "RIFF") || !tag(b, 8, "WAVE")) {
      throw new IllegalArgumentException("not a RIFF/WAVE file");
    }
    int pos = 12;
    int rate = -1;
    while (pos + 8 <= bytes.length) {
      int size = b.getInt(pos + 4);
      if (size < 0 || pos + 8L + size > bytes.length) {
        throw new IllegalArgumentException("chunk at byte " + pos + " runs past the end");
      }
      if (tag(b, pos, "fmt ")) {
        if (size < 16) {
          throw new IllegalArgumentException("fmt chunk of " + size + " bytes");
        }
        int format = b.getShort(pos + 8) & 0xFFFF;
        int channels = b.getShort(pos + 10);
        int bits = b.getShort(pos + 22);
        if (format != 1 || channels != 1 || bits != 16) {
          throw new IllegalArgumentException(
              "format "
                  + format
                  + ", "
                  + channels
                  + " channel(s), "
                  + bits
                  + " bits: only PCM (1) 16-bit mono is supported");
        }
        rate = b.getInt(pos + 12);
      } else if (tag(b, pos, "data")) {
        if (rate < 0) {
          throw new IllegalArgumentException("data chunk before fmt chunk");
        }
        short[] samples = new short[size / 2];
        for (int i = 0; i < samples.length; i++) {
          samples[i] = b.getShort(pos + 8 + 2 * i);
        }
        return new WavFile(rate, samples);
      }
      pos += 8 + size + (size & 1);
    }
    throw new IllegalArgumentException("no data chunk");
  }

  /** Plays the samples once then silence, or in a loop. Refuses a rate other than 8 kHz. */
  public AudioSource source(boolean loop) {
    if (sampleRate != ToneGenerator.SAMPLE_RATE) {
      throw new IllegalArgumentException("WAV at " + sampleRate + " Hz; phone audio is 8000 Hz");
    }
    return new AudioSource() {
      private int pos;

      @Override
      public void read(short[] frame) {
        for (int i = 0; i < frame.length; i++) {
          if (pos >= samples.length && loop && samples.length > 0) {
            pos = 0;
          }
          frame[i] = pos < samples.length ? samples[pos++] : 0;
        }
      }
    };
  }

  private static boolean tag(ByteBuffer b, int pos, String tag) {
    for (int i = 0; i < 4; i++) {
      if (b.get(pos + i) != tag.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
