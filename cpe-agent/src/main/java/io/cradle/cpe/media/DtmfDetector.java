package io.cradle.cpe.media;

import java.util.function.Consumer;

/**
 * An {@link AudioSink} that hears in-audio DTMF: Goertzel on 205-sample blocks, a digit reported
 * once when seen in two blocks in a row after a block without it.
 */
public final class DtmfDetector implements AudioSink {

  private final Consumer<Character> onDigit;
  private final short[] block = new short[Goertzel.DTMF_BLOCK];
  private int filled;
  private char previous;
  private char reported;

  /** Reports each detected digit to {@code onDigit} (on the pacer thread). */
  public DtmfDetector(Consumer<Character> onDigit) {
    this.onDigit = onDigit;
  }

  @Override
  public void write(short[] frame, int length) {
    for (int i = 0; i < length; i++) {
      block[filled++] = frame[i];
      if (filled == block.length) {
        filled = 0;
        char d = Goertzel.detectDtmf(block, 0, block.length);
        if (d != 0 && d == previous && d != reported) {
          reported = d;
          onDigit.accept(d);
        } else if (d == 0) {
          reported = 0;
        }
        previous = d;
      }
    }
  }
}
