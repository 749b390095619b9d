package io.cradle.cpe.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitterBufferTest {

  private static final long MS = 1_000_000L;

  private static RtpPacket packet(int seq) {
    return RtpPacket.of(false, 0, seq, seq * 160L, 1, new byte[160]);
  }

  /** Polls every 20 ms from {@code from} to {@code to} ms; lost slots as −seq. */
  private static List<Long> playUntil(JitterBuffer jb, long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long t = from; t <= to; t += 20) {
      JitterBuffer.Playout p = jb.poll(t * MS);
      if (p != null) {
        out.add(p.lost() ? -p.sequence() : p.sequence());
      }
    }
    return out;
  }

  @Test
  void reordersAndCountsLoss() {
    JitterBuffer jb = new JitterBuffer(20, 40, 200);
    jb.offer(packet(1), 0);
    jb.offer(packet(3), 41 * MS);
    jb.offer(packet(2), 42 * MS);
    jb.offer(packet(5), 80 * MS); // 4 never comes
    jb.offer(packet(6), 100 * MS);
    assertEquals(List.of(1L, 2L, 3L, -4L, 5L, 6L), playUntil(jb, 0, 400));
    assertEquals(1, jb.lost());
    assertEquals(5, jb.received());
    assertEquals(0, jb.late());
  }

  @Test
  void delayAdaptsToTheSpreadWithinMinAndMax() {
    JitterBuffer jb = new JitterBuffer(20, 0, 60);
    jb.offer(packet(1), 0);
    assertEquals(0, jb.delayNanos());
    jb.offer(packet(2), 35 * MS); // 15 ms later than the fastest path
    assertEquals(15 * MS, jb.delayNanos());
    jb.offer(packet(3), 140 * MS); // 100 ms late: capped at the maximum
    assertEquals(60 * MS, jb.delayNanos());
  }

  @Test
  void latePacketsAndDuplicatesAreCountedAndDropped() {
    JitterBuffer jb = new JitterBuffer(20, 0, 100);
    jb.offer(packet(10), 0);
    assertEquals(JitterBuffer.Offer.DUPLICATE, jb.offer(packet(10), 1 * MS));
    jb.offer(packet(12), 40 * MS);
    assertEquals(List.of(10L, -11L, 12L), playUntil(jb, 0, 60));
    assertEquals(JitterBuffer.Offer.LATE, jb.offer(packet(11), 61 * MS));
    assertEquals(JitterBuffer.Offer.LATE, jb.offer(packet(9), 62 * MS));
    assertEquals(2, jb.late());
    assertEquals(1, jb.duplicates());
  }

  @Test
  void silenceFromTheFarEndIsNotLoss() {
    JitterBuffer jb = new JitterBuffer(20, 0, 100);
    jb.offer(packet(1), 0);
    assertEquals(List.of(1L), playUntil(jb, 0, 1000));
    assertNull(jb.poll(2000 * MS));
    assertEquals(0, jb.lost());
  }

  @Test
  void sequenceWrapsAround() {
    JitterBuffer jb = new JitterBuffer(20, 0, 100);
    jb.offer(packet(65534), 0);
    jb.offer(packet(65535), 20 * MS);
    jb.offer(packet(0), 40 * MS);
    List<Long> out = playUntil(jb, 0, 100);
    assertEquals(List.of(65534L, 65535L, 65536L), out);
    assertTrue(jb.lost() == 0);
  }
}
