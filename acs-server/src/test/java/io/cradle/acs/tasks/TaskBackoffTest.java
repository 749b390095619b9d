package io.cradle.acs.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retry schedule of faulted tasks. */
class TaskBackoffTest {

  @Test
  void doublesFromThirtySecondsUpToAnHour() {
    assertEquals(Duration.ofSeconds(30), TaskQueue.backoff(1));
    assertEquals(Duration.ofSeconds(60), TaskQueue.backoff(2));
    assertEquals(Duration.ofSeconds(240), TaskQueue.backoff(4));
    assertEquals(Duration.ofHours(1), TaskQueue.backoff(9));
    assertEquals(Duration.ofHours(1), TaskQueue.backoff(1000));
  }
}
