package io.cradle.cpe.time;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

  private static final String MAC = "000B82A1B2C3";

  private static long[] draw(RandomGenerator random) {
    return random.longs(16).toArray();
  }

  @Test
  void sameSeedPhoneAndModelGiveTheSameSequence() {
    long[] first = draw(RandomStreams.of(42).forPhone(MAC).stream("battery"));
    long[] second = draw(RandomStreams.of(42).forPhone(MAC).stream("battery"));

    assertArrayEquals(first, second);
  }

  @Test
  void differentSeedPhoneOrModelGiveDifferentSequences() {
    long[] base = draw(RandomStreams.of(42).forPhone(MAC).stream("battery"));

    assertFalse(Arrays.equals(base, draw(RandomStreams.of(43).forPhone(MAC).stream("battery"))));
    assertFalse(
        Arrays.equals(base, draw(RandomStreams.of(42).forPhone("000B82A1B2C4").stream("battery"))));
    assertFalse(Arrays.equals(base, draw(RandomStreams.of(42).forPhone(MAC).stream("wifi"))));
  }

  @Test
  void identityAndModelDoNotRunTogether() {
    long[] split = draw(RandomStreams.of(42).forPhone("ab").stream("c"));

    assertFalse(Arrays.equals(split, draw(RandomStreams.of(42).forPhone("a").stream("bc"))));
  }

  @Test
  void otherPhonesDoNotChangeAnExistingPhonesStreams() {
    RandomStreams run = RandomStreams.of(7);
    long[] alone = draw(run.forPhone(MAC).stream("wifi"));

    RandomStreams fleet = RandomStreams.of(7);
    for (int i = 0; i < 1000; i++) {
      draw(fleet.forPhone(String.format("000B82%06X", i)).stream("wifi"));
    }
    RandomGenerator inFleet = fleet.forPhone(MAC).stream("wifi");
    draw(fleet.forPhone("000B82FFFFFF").stream("wifi"));

    assertArrayEquals(alone, draw(inFleet));
  }
}
