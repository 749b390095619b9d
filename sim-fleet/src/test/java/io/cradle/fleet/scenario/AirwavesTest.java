package io.cradle.fleet.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cradle.cpe.ptt.PttTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Multicast in memory: a group reaches its members that are on the air, and only those. */
class AirwavesTest {

  @Test
  void aDatagramReachesTheGroupsMembersOnTheAirIncludingTheSender() {
    Airwaves air = new Airwaves();
    AtomicBoolean bOnAir = new AtomicBoolean(true);
    List<String> heard = new ArrayList<>();
    PttTransport a = air.join("g1", () -> true);
    PttTransport b = air.join("g1", bOnAir::get);
    PttTransport other = air.join("g2", () -> true);
    a.receiver((d, n) -> heard.add("a " + n));
    b.receiver((d, n) -> heard.add("b " + n));
    other.receiver((d, n) -> heard.add("other " + n));

    a.send(new byte[3]);
    assertEquals(List.of("a 3", "b 3"), heard, "looped back to the sender; not to g2");
    heard.clear();
    bOnAir.set(false);
    a.send(new byte[4]);
    b.send(new byte[5]);
    assertEquals(List.of("a 4"), heard, "out of coverage: neither hears nor sends");
    heard.clear();
    b.close();
    bOnAir.set(true);
    a.send(new byte[6]);
    assertEquals(List.of("a 6"), heard, "left the group");
  }
}
