package io.cradle.fleet.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cradle.cpe.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BindingsTest {

  private final VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-11-26T08:00:00Z"));
  private final Bindings bindings = new Bindings(time.clock());

  @Test
  void aBindingLastsAsLongAsGranted() {
    bindings.bind("1000", "sip:1000@127.0.0.1:5062;cradle=a", Duration.ofSeconds(60));
    time.runFor(Duration.ofSeconds(59));
    assertEquals(Optional.of("sip:1000@127.0.0.1:5062;cradle=a"), bindings.target("1000"));
    assertEquals(1, bindings.count());
    time.runFor(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), bindings.target("1000"));
    assertEquals(0, bindings.count());
  }

  @Test
  void callsGoToTheContactRegisteredLastAndARefreshMovesItLast() {
    bindings.bind("1000", "sip:old", Duration.ofSeconds(600));
    bindings.bind("1000", "sip:new", Duration.ofSeconds(600));
    assertEquals(Optional.of("sip:new"), bindings.target("1000"));
    bindings.bind("1000", "sip:old", Duration.ofSeconds(600));
    assertEquals(Optional.of("sip:old"), bindings.target("1000"));
    assertEquals(2, bindings.of("1000").size());
  }

  @Test
  void expiresZeroRemovesOneContactAndClearRemovesAll() {
    bindings.bind("1000", "sip:a", Duration.ofSeconds(600));
    bindings.bind("1000", "sip:b", Duration.ofSeconds(600));
    bindings.bind("1000", "sip:b", Duration.ZERO);
    assertEquals(Optional.of("sip:a"), bindings.target("1000"));
    bindings.clear("1000");
    assertEquals(0, bindings.count());
    assertEquals(Optional.empty(), bindings.target("1000"));
  }
}
