package io.cradle.cpe.media;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The local mixing of a 3-way conference hosted by the phone (admin guide: "3-way audio
 * conference"): two call legs, each far end hears the host's microphone plus the other far end, and
 * the host's speaker hears both far ends. Each leg's stream keeps its own pacing; what one far end
 * said waits in a short queue until the other leg's next frame takes it.
 *
 * <p>Legs are numbered 0 and 1. Streams may run on different pacer threads: every method takes a
 * short lock and never blocks otherwise.
 */
public final class ConferenceMixer {

  /**
   * The most a queue holds, 100 ms at 8 kHz: when one leg's clock runs ahead, older audio is
   * dropped rather than the delay growing.
   */
  static final int QUEUE_SAMPLES = 800;

  private final AudioSource[] microphones;
  private final AudioSink speaker;

  /** What leg i's far end said, for the other far end. */
  private final SampleQueue[] forOtherLeg = {new SampleQueue(), new SampleQueue()};

  /** What leg 1's far end said, for the host's speaker (played on leg 0's clock). */
  private final SampleQueue forSpeaker = new SampleQueue();

  /**
   * @param microphone the host's microphone; each leg reads its own (a tone or file source keeps
   *     its own position)
   * @param speaker what the host hears: both far ends, mixed
   */
  public ConferenceMixer(Supplier<AudioSource> microphone, AudioSink speaker) {
    Objects.requireNonNull(microphone, "microphone");
    this.microphones = new AudioSource[] {microphone.get(), microphone.get()};
    this.speaker = Objects.requireNonNull(speaker, "speaker");
  }

  /** Where leg {@code leg}'s stream puts what its far end says. */
  public AudioSink heardFrom(int leg) {
    check(leg);
    return (frame, length) -> {
      synchronized (this) {
        forOtherLeg[leg].put(frame, length);
        if (leg == 1) {
          forSpeaker.put(frame, length);
          return;
        }
        short[] mix = java.util.Arrays.copyOf(frame, length);
        forSpeaker.addInto(mix);
        speaker.write(mix, length);
      }
    };
  }

  /** What leg {@code leg}'s stream sends: the host's microphone plus the other far end. */
  public AudioSource sentTo(int leg) {
    check(leg);
    return frame -> {
      microphones[leg].read(frame);
      synchronized (this) {
        forOtherLeg[1 - leg].addInto(frame);
      }
    };
  }

  private static void check(int leg) {
    if (leg != 0 && leg != 1) {
      throw new IllegalArgumentException("a 3-way conference has legs 0 and 1, not " + leg);
    }
  }

  /** A bounded FIFO of samples, oldest dropped when full. Guarded by the mixer. */
  private static final class SampleQueue {
    private final short[] ring = new short[QUEUE_SAMPLES];
    private int head;
    private int size;

    void put(short[] frame, int length) {
      for (int i = 0; i < length; i++) {
        ring[(head + size) % ring.length] = frame[i];
        if (size == ring.length) {
          head = (head + 1) % ring.length;
        } else {
          size++;
        }
      }
    }

    /** Adds the next samples into {@code frame}, saturating; silence where the queue runs dry. */
    void addInto(short[] frame) {
      int n = Math.min(frame.length, size);
      for (int i = 0; i < n; i++) {
        int sum = frame[i] + ring[head];
        frame[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum));
        head = (head + 1) % ring.length;
      }
      size -= n;
    }
  }
}
