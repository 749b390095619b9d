package io.cradle.cpe.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioTest {

  @Test
  void goertzelFindsTheToneAndNotOthers() {
    short[] tone = ToneGenerator.sine(1000).samples(8000);
    assertTrue(Goertzel.relativePower(tone, 1000) > 0.95);
    assertTrue(Goertzel.relativePower(tone, 2000) < 0.01);
    assertTrue(Goertzel.relativePower(tone, 950) < 0.01);
  }

  @Test
  void everyDtmfDigitIsDetectedInOneBlock() {
    for (char d : "0123456789*#ABCD".toCharArray()) {
      short[] block = ToneGenerator.dtmf(d).samples(Goertzel.DTMF_BLOCK);
      assertEquals(d, Goertzel.detectDtmf(block, 0, block.length), "digit " + d);
    }
    short[] sine = ToneGenerator.sine(1000).samples(Goertzel.DTMF_BLOCK);
    assertEquals(0, Goertzel.detectDtmf(sine, 0, sine.length));
    assertEquals(0, Goertzel.detectDtmf(new short[205], 0, 205));
  }

  @Test
  void dtmfDetectorReportsEachDigitOnceFromAudio() {
    List<Character> heard = new ArrayList<>();
    DtmfDetector detector = new DtmfDetector(heard::add);
    short[] frame = new short[160];
    for (char d : "159#".toCharArray()) {
      ToneGenerator tone = ToneGenerator.dtmf(d);
      for (int i = 0; i < 5; i++) {
        tone.read(frame);
        detector.write(frame, frame.length);
      }
      for (int i = 0; i < 4; i++) {
        detector.write(new short[160], 160);
      }
    }
    assertEquals(List.of('1', '5', '9', '#'), heard);
  }

  @Test
  void wavWriteThenReadIsIdentical(@TempDir Path dir) throws IOException {
    short[] samples = ToneGenerator.dtmf('5').samples(1234);
    samples[0] = Short.MIN_VALUE;
    samples[1] = Short.MAX_VALUE;
    Path file = dir.resolve("t.wav");
    new WavFile(8000, samples).write(file);
    assertEquals(44 + 2 * 1234, Files.size(file));
    WavFile back = WavFile.read(file);
    assertEquals(8000, back.sampleRate());
    assertArrayEquals(samples, back.samples());
    short[] played = new short[1300];
    back.source(false).read(played);
    assertEquals(samples[1233], played[1233]);
    assertEquals(0, played[1299]);
  }

  @Test
  void unsupportedWavIsRefusedWithTheReason(@TempDir Path dir) throws IOException {
    byte[] bytes = new WavFile(8000, new short[4]).toBytes();
    bytes[22] = 2; // stereo
    Path file = dir.resolve("stereo.wav");
    Files.write(file, bytes);
    IOException e = assertThrows(IOException.class, () -> WavFile.read(file));
    assertTrue(e.getMessage().contains("2 channel(s)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WavFile.parse(new byte[] {1, 2, 3}));
    assertThrows(
        IllegalArgumentException.class, () -> new WavFile(16000, new short[1]).source(true));
  }
}
