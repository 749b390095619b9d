package io.cradle.cpe.dialplan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cradle.cpe.dialplan.DialDecision.Blocked;
import io.cradle.cpe.dialplan.DialDecision.Dial;
import io.cradle.cpe.dialplan.DialDecision.DialAfterTimeout;
import io.cradle.cpe.dialplan.DialDecision.NoMatch;
import io.cradle.cpe.dialplan.DialDecision.WaitForMore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The keypad flow: keys one at a time, # as dial key, filter characters, prefix, bypass. */
class DialerTest {

  private static final Duration NO_KEY = Duration.ofSeconds(4);

  private static Dialer dialer(String plan) {
    return new Dialer(Dialer.Settings.defaults(DialPlan.parse(plan)));
  }

  @Test
  void each_key_gets_a_decision() {
    Dialer d = dialer("{[369]11 1617xxxxxxx}");
    assertEquals(new WaitForMore(), d.press('9'));
    assertEquals(new WaitForMore(), d.press('1'));
    assertEquals(new Dial("911"), d.press('1'));
    assertEquals("911", d.digits());
    d.clear();
    assertEquals("", d.digits());
    assertEquals(new NoMatch(), d.pressAll("42"));
  }

  @Test
  void open_number_waits_the_no_key_entry_timeout_then_dials() {
    Dialer d = dialer("{x+}");
    assertEquals(new DialAfterTimeout("55", NO_KEY), d.pressAll("55"));
    assertEquals(new Dial("55"), d.timeoutExpired());
  }

  @Test
  void no_key_entry_timeout_comes_from_settings() {
    Dialer d =
        new Dialer(
            Dialer.Settings.defaults(DialPlan.parse("{x+}"))
                .withNoKeyEntryTimeout(Duration.ofSeconds(7)));
    assertEquals(new DialAfterTimeout("5", Duration.ofSeconds(7)), d.press('5'));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Dialer.Settings.defaults(DialPlan.parse("{x+}"))
                .withNoKeyEntryTimeout(Duration.ofSeconds(16)));
  }

  @Test
  void hash_dials_at_once_when_it_is_the_dial_key() {
    Dialer d = dialer("{x+ x+#x+}");
    assertEquals(new DialAfterTimeout("5551234", NO_KEY), d.pressAll("5551234"));
    assertEquals(new Dial("5551234"), d.press('#'));
    assertEquals("5551234", d.digits());
  }

  @Test
  void hash_is_dialed_when_it_is_not_the_dial_key() {
    Dialer d =
        new Dialer(Dialer.Settings.defaults(DialPlan.parse("{x+ x+#x+}")).withHashIsDialKey(false));
    d.pressAll("555");
    assertEquals(new WaitForMore(), d.press('#'));
    assertEquals(new DialAfterTimeout("555#1", NO_KEY), d.press('1'));
    assertEquals(new Dial("555#1"), d.send());
  }

  @Test
  void hash_or_send_on_an_incomplete_number_dials_nothing() {
    Dialer d = dialer("{1617xxxxxxx}");
    assertEquals(new WaitForMore(), d.pressAll("1617"));
    assertEquals(new NoMatch(), d.press('#'));
    assertEquals(new NoMatch(), dialer("{x+}").send());
  }

  @Test
  void hash_dials_a_blocked_number_not() {
    Dialer d = dialer("{^1900x+ x+}");
    assertEquals(new Blocked("^1900x+"), d.pressAll("19005"));
    assertEquals(new Blocked("^1900x+"), d.press('#'));
  }

  @Test
  void t_flag_wait_then_dial() {
    Dialer d = dialer("{1XXT}");
    assertEquals(new DialAfterTimeout("123", Duration.ofSeconds(3)), d.pressAll("123"));
    assertEquals(new Dial("123"), d.timeoutExpired());
  }

  // "if set to "[()-]", when dial (0571)-8800-8888, the character "()-" will be filtered and dial
  // 057188008888 directly."
  @Test
  void filter_characters_are_removed_before_matching() {
    Dialer d = dialer("{0571xxxxxxxx}");
    assertEquals(new Dial("057188008888"), d.pressAll("(0571)-8800-8888"));
    assertEquals("057188008888", d.digits());
    assertEquals(new Dial("057188008888"), dialer("{0571xxxxxxxx}").dial("(0571)-8800-8888"));
  }

  @Test
  void filter_characters_without_brackets_and_none() {
    Dialer.Settings s = Dialer.Settings.defaults(DialPlan.parse("{x+}"));
    assertEquals(new Dial("1234"), new Dialer(s.withFilterCharacters(". ")).dial("1.2 3.4"));
    assertEquals(new NoMatch(), new Dialer(s.withFilterCharacters("")).dial("12-34"));
    assertThrows(
        IllegalArgumentException.class, () -> new Dialer(s.withFilterCharacters("")).press('-'));
  }

  @Test
  void prefix_goes_in_front_of_the_planned_number() {
    Dialer d =
        new Dialer(
            Dialer.Settings.defaults(DialPlan.parse("{<=1617>xxxxxxx 911}")).withPrefix("9"));
    assertEquals(new Dial("916175551234"), d.pressAll("5551234"));
    d.clear();
    assertEquals(new DialAfterTimeout("9911", NO_KEY), d.pressAll("911"));
    assertEquals(new Dial("9911"), d.press('#'));
    // The plan matches what was typed, not the prefix: "9" + 5551234 is still 7 digits.
    assertEquals(new Dial("916175551234"), d.dial("555-1234"));
  }

  @Test
  void bypass_dials_what_was_typed() {
    Dialer d =
        new Dialer(
            Dialer.Settings.defaults(DialPlan.parse("{911}")).withBypass(true).withPrefix("0"));
    assertEquals(new WaitForMore(), d.pressAll(""));
    assertEquals(new DialAfterTimeout("0555", NO_KEY), d.pressAll("555"));
    assertEquals(new Dial("0555"), d.timeoutExpired());
    assertEquals(new Dial("0555"), d.press('#'));
    assertEquals(new Dial("0123*9"), d.dial("(123)*9"));
  }

  @Test
  void letters_and_plus_from_the_keypad() {
    Dialer d = dialer("{+x+ *[a-d]x}");
    assertEquals(new Dial("*B5"), d.pressAll("*b5"));
    d.clear();
    assertEquals(new DialAfterTimeout("+4930", NO_KEY), d.pressAll("+4930"));
  }

  @Test
  void a_key_that_is_not_a_key_is_refused() {
    assertThrows(IllegalArgumentException.class, () -> dialer("{x+}").press('E'));
  }

  @Test
  void settings_from_pvalues_with_the_wp820_template_numbers() {
    Map<String, String> p =
        Map.of("P459", "{<=1617>xxxxxxx}", "P491", "6", "P66", "8", "P72", "0", "P290", " ");
    Dialer.Settings s = Dialer.Settings.fromPValues(n -> Optional.ofNullable(p.get(n)));
    assertEquals("{<=1617>xxxxxxx}", s.plan().source());
    assertEquals(Duration.ofSeconds(6), s.noKeyEntryTimeout());
    assertEquals("8", s.prefix());
    assertEquals(false, s.hashIsDialKey());
    assertEquals(new Dial("816175551234"), new Dialer(s).pressAll("555-1234"));
  }

  @Test
  void settings_from_pvalues_defaults_and_errors() {
    Dialer.Settings s = Dialer.Settings.fromPValues(n -> Optional.empty());
    assertEquals(DialPlan.DEFAULT, s.plan().source());
    assertEquals(NO_KEY, s.noKeyEntryTimeout());
    assertEquals(true, s.hashIsDialKey());
    assertEquals("", s.prefix());
    Map<String, String> both = Map.of("P290", "{x+}", "P459", "{1x}");
    assertEquals(
        "{x+}", Dialer.Settings.fromPValues(n -> Optional.ofNullable(both.get(n))).plan().source());
    Map<String, String> p = Map.of("P290", "{x+}", "P459", "{1x}", "P85", "20");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Dialer.Settings.fromPValues(n -> Optional.ofNullable(p.get(n))));
    assertEquals("P85/P491: No Key Entry Timeout must be 1-15 s, not 20 s", e.getMessage());
    assertThrows(
        DialPlanSyntaxException.class,
        () -> Dialer.Settings.fromPValues(n -> Optional.ofNullable(Map.of("P290", "{x[}").get(n))));
  }
}
