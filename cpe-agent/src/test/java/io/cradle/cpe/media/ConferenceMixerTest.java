package io.cradle.cpe.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The 3-way conference's local mixing, frame by frame, with tones told apart by Goertzel. */
class ConferenceMixerTest {

  static final int FRAME = 160;

  final WavRecorder host = new WavRecorder();
  final ConferenceMixer mixer = new ConferenceMixer(() -> ToneGenerator.sine(400), host);
  final ToneGenerator b = ToneGenerator.sine(1000);
  final ToneGenerator c = ToneGenerator.sine(600);
  final WavRecorder heardByB = new WavRecorder();
  final WavRecorder heardByC = new WavRecorder();

  /** One 20 ms tick of both legs: each far end speaks, then each leg sends. */
  void tick() {
    mixer.heardFrom(0).write(b.samples(FRAME), FRAME);
    mixer.heardFrom(1).write(c.samples(FRAME), FRAME);
    short[] toB = new short[FRAME];
    mixer.sentTo(0).read(toB);
    heardByB.write(toB, FRAME);
    short[] toC = new short[FRAME];
    mixer.sentTo(1).read(toC);
    heardByC.write(toC, FRAME);
  }

  @Test
  void eachFarEndHearsTheHostAndTheOtherButNotItself() {
    for (int i = 0; i < 50; i++) {
      tick();
    }
    short[] atB = heardByB.samples();
    assertTrue(Goertzel.relativePower(atB, 600) > 0.3, "C at B");
    assertTrue(Goertzel.relativePower(atB, 400) > 0.3, "the host at B");
    assertTrue(Goertzel.relativePower(atB, 1000) < 0.01, "B's own voice comes back");
    short[] atC = heardByC.samples();
    assertTrue(Goertzel.relativePower(atC, 1000) > 0.3, "B at C");
    assertTrue(Goertzel.relativePower(atC, 600) < 0.01, "C's own voice comes back");
    short[] atHost = host.samples();
    assertEquals(50 * FRAME, atHost.length, "the host hears one mixed stream, not two");
    assertTrue(Goertzel.relativePower(atHost, 1000) > 0.3);
    assertTrue(Goertzel.relativePower(atHost, 600) > 0.3);
  }

  @Test
  void aLegThatRunsAheadLosesOldAudioNotDelay() {
    ConferenceMixer quiet = new ConferenceMixer(AudioSource::silence, (frame, length) -> {});
    for (int i = 0; i < 100; i++) {
      quiet.heardFrom(1).write(c.samples(FRAME), FRAME); // 2 s from C, none sent to B meanwhile
    }
    short[] toB = new short[ConferenceMixer.QUEUE_SAMPLES + FRAME];
    quiet.sentTo(0).read(toB);
    int audible = 0;
    for (short s : toB) {
      audible += s != 0 ? 1 : 0;
    }
    assertTrue(audible <= ConferenceMixer.QUEUE_SAMPLES, "at most 100 ms queued: " + audible);
    assertTrue(audible > ConferenceMixer.QUEUE_SAMPLES / 2, "the latest audio kept: " + audible);
  }

  @Test
  void onlyTwoLegs() {
    assertThrows(IllegalArgumentException.class, () -> mixer.sentTo(2));
  }
}
