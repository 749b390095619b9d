package io.cradle.cpe.ptt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.ptt.PttArbiter.Decision;
import io.cradle.cpe.ptt.PttArbiter.PhoneState;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The arbitration table. Settings: PTT, group paging and multicast paging on (listen addresses for
 * priorities 1-10), all channels available and subscribed, the notes' default, priority and
 * emergency channels (PTT 1/24/25, groups 26/49/50), then the row's tweaks: {@code busy} PTT accept
 * while busy, {@code gbusy} the same for groups, {@code prio} Paging Priority Active, {@code
 * barge=N}, {@code pttoff}, {@code mcoff}, {@code unsub=N} channel N not subscribed, {@code
 * unavail=N} not available, {@code noaddr=N} no listen address of priority N. Talks: {@code P5} PTT
 * channel 5, {@code G30} group 30, {@code M3} multicast page of priority 3. State: {@code idle},
 * {@code dnd}, {@code call}, {@code rx:<talk>} playing, {@code tx:<talk>} transmitting, joined by
 * {@code +}.
 */
class PttArbiterTest {

  @ParameterizedTest(name = "[{0}] {1} <- {2} = {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // not listening
        "pttoff          | idle          | P5  | IGNORE",
        "pttoff          | idle          | P25 | IGNORE",
        "unsub=5         | idle          | P5  | IGNORE",
        "unavail=5       | idle          | P5  | IGNORE",
        "unsub=25        | idle          | P25 | IGNORE",
        "mcoff           | idle          | M1  | IGNORE",
        "noaddr=4        | idle          | M4  | IGNORE",
        "unsub=30        | idle          | G30 | IGNORE",
        // idle
        "-               | idle          | P5  | PLAY",
        "-               | idle          | P24 | PLAY",
        "-               | idle          | P25 | PLAY",
        "-               | idle          | G26 | PLAY",
        "-               | idle          | M10 | PLAY",
        // DND: only emergency channel/group
        "-               | dnd           | P5  | IGNORE",
        "-               | dnd           | P24 | IGNORE",
        "-               | dnd           | P25 | PLAY",
        "-               | dnd           | G49 | IGNORE",
        "-               | dnd           | G50 | PLAY",
        "prio;barge=10   | dnd           | M1  | IGNORE",
        "busy            | dnd+call      | P5  | IGNORE",
        "-               | dnd+call      | P25 | BARGE",
        // active SIP call
        "-               | call          | P5  | IGNORE",
        "-               | call          | P24 | IGNORE",
        "-               | call          | P25 | BARGE",
        "-               | call          | G50 | BARGE",
        "busy            | call          | P5  | BARGE",
        "busy            | call          | P24 | BARGE",
        "busy            | call          | G30 | IGNORE",
        "gbusy           | call          | G30 | BARGE",
        "-               | call          | M1  | IGNORE",
        "barge=3         | call          | M1  | IGNORE",
        "prio            | call          | M1  | IGNORE",
        "prio;barge=3    | call          | M1  | BARGE",
        "prio;barge=3    | call          | M2  | BARGE",
        "prio;barge=3    | call          | M3  | IGNORE",
        "prio;barge=3    | call          | M7  | IGNORE",
        "prio;barge=10   | call          | M9  | BARGE",
        "prio;barge=1    | call          | M1  | IGNORE",
        // playing a PTT: priority channel beats normal, emergency beats all
        "-               | rx:P5         | P6  | IGNORE",
        "-               | rx:P5         | P5  | IGNORE",
        "busy            | rx:P5         | P6  | PREEMPT",
        "busy            | rx:P5         | P5  | PREEMPT",
        "-               | rx:P5         | P24 | PREEMPT",
        "-               | rx:P5         | P25 | PREEMPT",
        "-               | rx:P24        | P5  | IGNORE",
        "busy            | rx:P24        | P5  | IGNORE",
        "-               | rx:P24        | P25 | PREEMPT",
        "-               | rx:P25        | P24 | IGNORE",
        "-               | rx:P25        | P25 | IGNORE",
        "busy            | rx:P25        | P25 | PREEMPT",
        "-               | rx:P25        | G50 | IGNORE",
        "gbusy           | rx:P25        | G50 | PREEMPT",
        "-               | rx:G26        | P24 | PREEMPT",
        "-               | rx:G49        | P24 | IGNORE",
        "-               | rx:P5         | M1  | IGNORE",
        "prio            | rx:P5         | M1  | IGNORE",
        "-               | rx:M1         | P5  | IGNORE",
        "-               | rx:M10        | P25 | PREEMPT",
        "-               | call+rx:P5    | P24 | PREEMPT",
        "-               | call+rx:P5    | P6  | IGNORE",
        // playing a multicast page: Paging Priority Active
        "-               | rx:M5         | M1  | IGNORE",
        "prio            | rx:M5         | M1  | PREEMPT",
        "prio            | rx:M5         | M5  | IGNORE",
        "prio            | rx:M5         | M6  | IGNORE",
        // transmitting: half duplex
        "-               | tx:P1         | P5  | IGNORE",
        "busy            | tx:P1         | P1  | IGNORE",
        "-               | tx:P1         | P24 | PREEMPT",
        "-               | tx:P1         | P25 | PREEMPT",
        "-               | tx:P24        | P24 | IGNORE",
        "-               | tx:P24        | P25 | PREEMPT",
        "-               | tx:P25        | P25 | IGNORE",
        "-               | tx:G26        | G50 | PREEMPT",
        "prio            | tx:P1         | M1  | IGNORE",
        "-               | dnd+tx:P1     | P25 | PREEMPT",
        // the channel numbers are settings, not constants
        "emerg=7         | dnd           | P7  | PLAY",
        "emerg=7         | dnd           | P25 | IGNORE",
        "emerg=7         | call          | P7  | BARGE",
      })
  void table(String settings, String state, String incoming, Decision expected) {
    PValueStore store = store(settings);
    PttArbiter arbiter = new PttArbiter(PttSettings.read(store), PagingSettings.read(store));
    assertEquals(expected, arbiter.decide(talk(incoming), state(state)));
  }

  static PValueStore store(String tweaks) {
    Map<String, String> m = new HashMap<>();
    m.put(PttSettings.PTT_ENABLE, "1");
    m.put(PttSettings.GROUP_ENABLE, "1");
    m.put(PagingSettings.MULTICAST_ENABLE, "1");
    for (int p = 1; p <= 10; p++) {
      m.put(PagingSettings.addressPValue(p), "239.1.2." + p + ":6" + (p + 100));
    }
    String ptt = "1".repeat(25);
    String group = "1".repeat(25);
    String available = "1".repeat(25);
    for (String t : tweaks.split(";")) {
      String[] kv = t.trim().split("=");
      switch (kv[0]) {
        case "-":
          break;
        case "busy":
          m.put(PttSettings.PTT_ACCEPT_WHILE_BUSY, "1");
          break;
        case "gbusy":
          m.put(PttSettings.GROUP_ACCEPT_WHILE_BUSY, "1");
          break;
        case "prio":
          m.put(PagingSettings.PRIORITY_ACTIVE, "1");
          break;
        case "barge":
          m.put(PagingSettings.BARGE, kv[1]);
          break;
        case "pttoff":
          m.put(PttSettings.PTT_ENABLE, "0");
          break;
        case "mcoff":
          m.put(PagingSettings.MULTICAST_ENABLE, "0");
          break;
        case "emerg":
          m.put(PttSettings.PTT_EMERGENCY_CHANNEL, kv[1]);
          break;
        case "noaddr":
          m.put(PagingSettings.addressPValue(Integer.parseInt(kv[1])), "");
          break;
        case "unsub":
          int ch = Integer.parseInt(kv[1]);
          if (ch > 25) {
            group = clear(group, ch - 26);
          } else {
            ptt = clear(ptt, ch - 1);
          }
          break;
        case "unavail":
          available = clear(available, Integer.parseInt(kv[1]) - 1);
          break;
        default:
          throw new IllegalArgumentException(t);
      }
    }
    m.put(PttSettings.PTT_SUBSCRIBE, ptt);
    m.put(PttSettings.GROUP_ACCEPT, group);
    m.put(PttSettings.PTT_AVAILABLE, available);
    PValueStore store = new PValueStore(PValueCatalog.wp820());
    store.setAll(m);
    return store;
  }

  private static String clear(String bitmap, int index) {
    return bitmap.substring(0, index) + "0" + bitmap.substring(index + 1);
  }

  static Talk talk(String s) {
    int n = Integer.parseInt(s.substring(1));
    switch (s.charAt(0)) {
      case 'P':
        return Talk.ptt(n);
      case 'G':
        return Talk.group(n);
      case 'M':
        return Talk.multicast(n);
      default:
        throw new IllegalArgumentException(s);
    }
  }

  static PhoneState state(String s) {
    boolean dnd = false;
    boolean call = false;
    Talk rx = null;
    Talk tx = null;
    for (String part : s.split("\\+")) {
      if (part.equals("dnd")) {
        dnd = true;
      } else if (part.equals("call")) {
        call = true;
      } else if (part.startsWith("rx:")) {
        rx = talk(part.substring(3));
      } else if (part.startsWith("tx:")) {
        tx = talk(part.substring(3));
      } else if (!part.equals("idle")) {
        throw new IllegalArgumentException(s);
      }
    }
    return new PhoneState(dnd, call, rx, tx);
  }
}
