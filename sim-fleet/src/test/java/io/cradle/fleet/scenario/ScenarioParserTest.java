package io.cradle.fleet.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.wifi.Band;
import io.cradle.cpe.wifi.Position;
import io.cradle.cpe.wifi.Security;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {

  private static final String GOOD =
      """
      # a warehouse night shift
      duration 8h
      speed 60
      floor width=120 height=60
      ap ssid=wh bssid=00:11:22:33:44:01 band=5 channel=36 x=15 y=15 power=17
      ap ssid=wh bssid=00:11:22:33:44:02 band=2.4 channel=6 x=110 y=30 key=secret123
      area name=aisles x=0 y=0 w=100 h=60
      area name=dock x=100 y=0 w=20 h=60   # trailing comment
      pattern name=picker areas=aisles,dock walk=0.6 run=0.05 idle=0.35 speed-walk=1.4 speed-run=3.5

      phones count=40 pattern=picker battery=0.5..1.0 safe=on
      phones count=2 pattern=picker
      charge phones=0..9 at=4h for=30m
      event at=45m phone=3 kind=man-down
      event at=2h10m phone=41 kind=panic
      """;

  @Test
  void readsAGoodFile() {
    Scenario s = ScenarioParser.parse(GOOD, "shift.scenario");
    assertEquals(Duration.ofHours(8), s.duration().orElseThrow());
    assertEquals(60.0, s.speed().getAsDouble());
    assertEquals(120.0, s.floorWidth());
    assertEquals(2, s.accessPoints().size());
    assertEquals(Band.GHZ_5, s.accessPoints().get(0).band());
    assertEquals(Position.of(15, 15), s.accessPoints().get(0).position());
    assertEquals(Security.OPEN, s.accessPoints().get(0).security());
    assertEquals(Security.WPA_PSK, s.accessPoints().get(1).security());
    assertEquals(17.0, s.accessPoints().get(1).txPowerDbm(), "17 dBm unless given");
    assertEquals(List.of("aisles", "dock"), s.areas().stream().map(Scenario.Area::name).toList());
    Scenario.Pattern picker = s.patterns().get(0);
    assertEquals(s.areas(), picker.areas());
    assertEquals(3.5, picker.runSpeed());
    assertEquals(Duration.ofMinutes(1), picker.meanPause(), "default pause");
    assertEquals(42, s.phoneCount());
    Scenario.PhoneGroup first = s.groupOf(0);
    assertEquals(0.5, first.batteryLow());
    assertEquals(1.0, first.batteryHigh());
    assertTrue(first.safe());
    assertEquals("wh", first.ssid());
    Scenario.PhoneGroup second = s.groupOf(40);
    assertEquals(1.0, second.batteryLow());
    assertTrue(!second.safe(), "safe is off unless on");
    assertEquals(
        List.of(new Scenario.Charge(0, 9, Duration.ofHours(4), Duration.ofMinutes(30))),
        s.charges());
    assertEquals(
        List.of(
            new Scenario.ScriptedEvent(
                Duration.ofMinutes(45), 3, Scenario.EventKind.MAN_DOWN, 0, Duration.ZERO),
            new Scenario.ScriptedEvent(
                Duration.ofMinutes(130), 41, Scenario.EventKind.PANIC, 0, Duration.ZERO)),
        s.events());
  }

  @Test
  void pttTalksAndPagesAreEventsWithAChannelOrPriorityAndALength() {
    Scenario s =
        ScenarioParser.parse(
            GOOD
                + "event at=1h phone=5 kind=ptt channel=25 for=8s\n"
                + "event at=2h phone=6 kind=page priority=3 for=20s\n"
                + "event at=3h phone=7 kind=page priority=1 for=5s\n",
            "ptt.scenario");
    assertEquals(
        new Scenario.ScriptedEvent(
            Duration.ofHours(1), 5, Scenario.EventKind.PTT, 25, Duration.ofSeconds(8)),
        s.events().get(2));
    assertEquals(
        new Scenario.ScriptedEvent(
            Duration.ofHours(2), 6, Scenario.EventKind.PAGE, 3, Duration.ofSeconds(20)),
        s.events().get(3));
    assertTrue(s.usesPtt());
    assertEquals(List.of(1, 3), s.pagingPriorities());
    assertTrue(!ScenarioParser.parse(GOOD, "plain").usesPtt());
  }

  @Test
  void callsAreALoadLineOrScriptedEventsToAnotherPhone() {
    Scenario s =
        ScenarioParser.parse(
            GOOD
                + "calls per-phone-hour=2 duration=45s answer-after=3s\n"
                + "event at=1h phone=5 kind=call to=9 for=2m\n",
            "calls.scenario");
    assertEquals(
        new Scenario.CallLoad(2, Duration.ofSeconds(45), Duration.ofSeconds(3)),
        s.calls().orElseThrow());
    assertEquals(
        new Scenario.ScriptedEvent(
            Duration.ofHours(1), 5, Scenario.EventKind.CALL, 0, Duration.ofMinutes(2), 9),
        s.events().get(2));
    assertTrue(s.placesCalls());
    assertEquals(-1, s.events().get(0).callee(), "a man-down calls no one");

    Scenario scriptedOnly =
        ScenarioParser.parse(GOOD + "event at=1h phone=5 kind=call to=9 for=2m\n", "one");
    assertTrue(scriptedOnly.placesCalls());
    assertEquals(Scenario.DEFAULT_ANSWER_AFTER, scriptedOnly.answerAfter());
    assertTrue(!ScenarioParser.parse(GOOD, "plain").placesCalls());
  }

  @Test
  void callMistakesNameTheirLine() {
    error(6, "missing per-phone-hour=", base() + "calls duration=45s\n");
    error(
        6,
        "per-phone-hour 0 is not within (0, 3600]",
        base() + "calls per-phone-hour=0 duration=1m\n");
    error(6, "duration 'long' is not a time", base() + "calls per-phone-hour=1 duration=long\n");
    error(
        7,
        "a second 'calls' line",
        base() + "calls per-phone-hour=1 duration=1m\ncalls per-phone-hour=2 duration=1m\n");
    error(6, "missing to=", base() + "event at=1m phone=0 kind=call for=30s\n");
    error(6, "cannot call itself", base() + "event at=1m phone=1 kind=call to=1 for=30s\n");
    error(6, "phone 7 does not exist", base() + "event at=1m phone=0 kind=call to=7 for=30s\n");
    error(6, "only a call goes to another phone", base() + "event at=1m phone=0 kind=panic to=1\n");
    error(
        6,
        "a call goes to a phone",
        base() + "event at=1m phone=0 kind=call to=1 channel=2 for=1m\n");
  }

  @Test
  void theShippedExampleReads() {
    Scenario s = ScenarioParser.read(Path.of("scenarios/warehouse-shift.scenario"));
    assertEquals(40, s.phoneCount());
    assertEquals(Duration.ofHours(8), s.duration().orElseThrow());
  }

  @Test
  void timesTakeUnitsInAnyCombination() {
    Scenario s =
        ScenarioParser.parse(
            base()
                + "event at=1h30m15s phone=0 kind=panic\n"
                + "event at=90 phone=0 kind=panic\nevent at=1.5h phone=0 kind=panic\n",
            "t");
    assertEquals(Duration.ofSeconds(5415), s.events().get(0).at());
    assertEquals(Duration.ofSeconds(90), s.events().get(1).at());
    assertEquals(Duration.ofMinutes(90), s.events().get(2).at());
  }

  @Test
  void eachKindOfMistakeNamesItsLine() {
    // base() has 5 lines: the mistake is on line 6 unless said otherwise.
    error(6, "unknown directive 'walls'", base() + "walls x=1\n");
    error(6, "unknown key 'colour' for area", base() + "area name=x x=0 y=0 w=1 h=1 colour=red\n");
    error(6, "missing h=", base() + "area name=x x=0 y=0 w=1\n");
    error(6, "'x' is not key=value", base() + "area name=y x\n");
    error(6, "w 'wide' is not a number", base() + "area name=y x=0 y=0 w=wide h=1\n");
    error(6, "does not fit on the floor", base() + "area name=y x=90 y=0 w=20 h=1\n");
    error(6, "area 'a' is defined twice", base() + "area name=a x=0 y=0 w=1 h=1\n");
    error(6, "x is given twice", base() + "area name=y x=0 x=1 y=0 w=1 h=1\n");
    error(6, "area 'yard' is not defined", base() + "pattern name=q areas=yard\n");
    error(6, "walk, run and idle are all 0", base() + "pattern name=q areas=a walk=0 idle=0\n");
    error(6, "pattern 'q' is not defined", base() + "phones count=1 pattern=q\n");
    error(6, "no ap has ssid 'guest'", base() + "phones count=1 pattern=p ssid=guest\n");
    error(
        6,
        "battery range 0.9..0.1 goes down",
        base() + "phones count=1 pattern=p battery=0.9..0.1\n");
    error(
        6,
        "battery 1.5 is not a state of charge",
        base() + "phones count=1 pattern=p battery=1.5\n");
    error(6, "safe 'yes' is not on or off", base() + "phones count=1 pattern=p safe=yes\n");
    error(
        6,
        "channel 36 is not in the 2.4GHz band",
        base() + "ap ssid=wh bssid=00:11:22:33:44:09 band=2.4 channel=36 x=1 y=1\n");
    error(
        6,
        "band '6' is not 2.4 or 5",
        base() + "ap ssid=wh bssid=00:11:22:33:44:09 band=6 channel=36 x=1 y=1\n");
    error(
        6,
        "bssid 00:11:22:33:44:01 is already used",
        base() + "ap ssid=wh bssid=00:11:22:33:44:01 band=5 channel=36 x=1 y=1\n");
    error(
        6,
        "is off the floor",
        base() + "ap ssid=wh bssid=00:11:22:33:44:09 band=5 channel=36 x=101 y=1\n");
    error(6, "at 'soon' is not a time", base() + "event at=soon phone=0 kind=panic\n");
    error(
        6,
        "kind 'fire' is not man-down, panic, ptt, page or call",
        base() + "event at=1m phone=0 kind=fire\n");
    error(6, "missing channel=", base() + "event at=1m phone=0 kind=ptt for=5s\n");
    error(6, "missing for=", base() + "event at=1m phone=0 kind=ptt channel=3\n");
    error(
        6,
        "channel 51 is not within 1..50",
        base() + "event at=1m phone=0 kind=ptt channel=51 for=5s\n");
    error(
        6,
        "priority 0 is not within 1..10",
        base() + "event at=1m phone=0 kind=page priority=0 for=5s\n");
    error(
        6,
        "channel= does not apply here",
        base() + "event at=1m phone=0 kind=page channel=3 priority=1 for=5s\n");
    error(
        6,
        "for= does not apply here: panic takes no duration",
        base() + "event at=1m phone=0 kind=panic for=5s\n");
    error(
        6,
        "phone 7 does not exist: the phones are 0..1",
        base() + "event at=1m phone=7 kind=panic\n");
    error(7, "phone 2 does not exist", base() + "# fine\ncharge phones=0..2 at=1h for=10m\n");
    error(6, "'speed' takes one value", base() + "speed 60 fast\n");
    error(6, "speed 0 is not a positive factor", base() + "speed 0\n");
    error(
        1, "'ap' before 'floor'", "ap ssid=wh bssid=00:11:22:33:44:09 band=5 channel=36 x=1 y=1\n");
    error(
        0,
        "no 'phones' line",
        "floor width=10 height=10\nap ssid=w bssid=00:11:22:33:44:09 band=5 channel=36 x=1 y=1\n");
    error(0, "no 'floor' line", "");
  }

  @Test
  void aMissingFileIsAnErrorToo() {
    ScenarioException e =
        assertThrows(
            ScenarioException.class, () -> ScenarioParser.read(Path.of("no/such.scenario")));
    assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
  }

  /** Five good lines: a 100 x 50 floor, AP wh, area a, pattern p, two phones. */
  private static String base() {
    return """
        floor width=100 height=50
        ap ssid=wh bssid=00:11:22:33:44:01 band=5 channel=36 x=10 y=10
        area name=a x=0 y=0 w=100 h=50
        pattern name=p areas=a
        phones count=2 pattern=p
        """;
  }

  private static void error(int line, String reason, String text) {
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> ScenarioParser.parse(text, "bad.scenario"));
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(
        e.reason().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
    assertTrue(e.getMessage().startsWith("bad.scenario:" + line + ": "), e.getMessage());
  }
}
