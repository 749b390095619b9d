package io.cradle.acs.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

  private static ByteRange part(String header, long size) {
    return assertInstanceOf(ByteRange.Part.class, ByteRange.of(header, size)).range();
  }

  @Test
  void closedOpenAndSuffixRanges() {
    assertEquals(new ByteRange(10, 19), part("bytes=10-19", 100));
    assertEquals(new ByteRange(90, 99), part("bytes=90-", 100));
    assertEquals(new ByteRange(95, 99), part("bytes=-5", 100));
    assertEquals("bytes 10-19/100", part("bytes=10-19", 100).contentRange(100));
    assertEquals(10, part("bytes=10-19", 100).length());
  }

  @Test
  void rangesPastTheEndAreCutToTheFile() {
    assertEquals(new ByteRange(90, 99), part("bytes=90-500", 100));
    assertEquals(new ByteRange(0, 99), part("bytes=-500", 100));
  }

  @Test
  void aStartBeyondTheEndCannotBeSatisfied() {
    assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.of("bytes=100-", 100));
    assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.of("bytes=-0", 100));
    assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.of("bytes=0-", 0));
  }

  @Test
  void whatCannotBeReadIsIgnoredAndTheWholeFileSent() {
    for (String header :
        new String[] {
          null,
          "",
          "bytes=",
          "bytes=-",
          "items=0-1",
          "bytes=5-1",
          "bytes=0-1,5-6",
          "bytes=99999999999999999999-"
        }) {
      assertInstanceOf(ByteRange.Whole.class, ByteRange.of(header, 100), String.valueOf(header));
    }
  }
}
