package io.cradle.cpe.dialplan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cradle.cpe.dialplan.DialDecision.Blocked;
import io.cradle.cpe.dialplan.DialDecision.Dial;
import io.cradle.cpe.dialplan.DialDecision.DialAfterTimeout;
import io.cradle.cpe.dialplan.DialDecision.NoMatch;
import io.cradle.cpe.dialplan.DialDecision.WaitForMore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each item of the guide's grammar list on its own. */
class GrammarTest {

  private static final Duration NO_KEY = DialPlan.DEFAULT_NO_KEY_ENTRY_TIMEOUT;

  private static DialDecision eval(String plan, String dialed) {
    return DialPlan.parse(plan).evaluate(dialed);
  }

  @Test
  void x_is_any_digit() {
    assertEquals(new Dial("7"), eval("{x}", "7"));
    assertEquals(new NoMatch(), eval("{x}", "*"));
    assertEquals(new NoMatch(), eval("{x}", "A"));
    assertEquals(new Dial("42"), eval("{XX}", "42"));
  }

  @Test
  void xx_is_exactly_two_digits() {
    assertEquals(new WaitForMore(), eval("{xx}", "4"));
    assertEquals(new Dial("42"), eval("{xx}", "42"));
    assertEquals(new NoMatch(), eval("{xx}", "421"));
  }

  @Test
  void xx_plus_is_at_least_two_digits() {
    assertEquals(new WaitForMore(), eval("{xx+}", "4"));
    assertEquals(new DialAfterTimeout("42", NO_KEY), eval("{xx+}", "42"));
    assertEquals(new DialAfterTimeout("4210", NO_KEY), eval("{xx+}", "4210"));
    assertEquals(new NoMatch(), DialPlan.parse("{xx+}").complete("4"));
  }

  @Test
  void xx_question_is_one_or_two_digits() {
    assertEquals(new DialAfterTimeout("4", NO_KEY), eval("{xx?}", "4"));
    assertEquals(new Dial("42"), eval("{xx?}", "42"));
    assertEquals(new NoMatch(), eval("{xx?}", "421"));
    assertEquals(new Dial("4"), DialPlan.parse("{xx?}").complete("4"));
    assertEquals(new DialAfterTimeout("1", NO_KEY), eval("{12?}", "1"));
    assertEquals(new Dial("1"), DialPlan.parse("{12?}").complete("1"));
    assertEquals(new Dial("12"), eval("{12?}", "12"));
    assertEquals(new NoMatch(), eval("{12?}", "13"));
  }

  @Test
  void dot_is_one_or_more_of_any_character() {
    assertEquals(new WaitForMore(), eval("{9.}", "9"));
    assertEquals(new DialAfterTimeout("9*", NO_KEY), eval("{9.}", "9*"));
    assertEquals(new Dial("9*#+AB0"), DialPlan.parse("{9.}").complete("9*#+ab0"));
    assertEquals(new Dial("85"), DialPlan.parse("{.5}").complete("85"));
    assertEquals(new NoMatch(), DialPlan.parse("{.5}").complete("5"));
  }

  @Test
  void caret_excludes_and_beats_an_allowing_rule() {
    DialPlan plan = DialPlan.parse("{ x+ ^976xxxx }");
    assertEquals(new Blocked("^976xxxx"), plan.evaluate("9761234"));
    assertEquals(new Blocked("^976xxxx"), plan.complete("9761234"));
    assertEquals(new DialAfterTimeout("97612", NO_KEY), plan.evaluate("97612"));
    assertEquals(new Dial("97612345"), plan.complete("97612345"));
    // An exclusion alone allows nothing.
    assertEquals(new NoMatch(), DialPlan.parse("{^1900x+}").complete("5551234"));
  }

  @Test
  void ranges_and_sets() {
    assertEquals(new Dial("4"), eval("{[3-5]}", "4"));
    assertEquals(new NoMatch(), eval("{[3-5]}", "6"));
    assertEquals(new Dial("7"), eval("{[147]}", "7"));
    assertEquals(new NoMatch(), eval("{[147]}", "2"));
    assertEquals(new Dial("#"), eval("{[1-3*#]}", "#"));
    assertEquals(new Dial("9"), eval("{[13-57-9]}", "9"));
    assertEquals(new NoMatch(), eval("{[13-57-9]}", "6"));
    assertEquals(new DialAfterTimeout("3", NO_KEY), eval("{[3-5]+}", "3"));
    assertEquals(new WaitForMore(), eval("{[3-5]?1}", "3"));
    assertEquals(new Dial("31"), eval("{[3-5]?1}", "31"));
    assertEquals(new Dial("1"), eval("{[3-5]?1}", "1"));
  }

  @Test
  void replacement_inside_and_at_the_end() {
    assertEquals(new Dial("0119"), DialPlan.parse("{<2=011>9}").complete("29"));
    assertEquals(new Dial("9011"), DialPlan.parse("{9<2=011>}").complete("92"));
    assertEquals(new Dial("15551234"), DialPlan.parse("{<=1>xxxxxxx}").complete("5551234"));
    assertEquals(new Dial("5551234"), DialPlan.parse("{<1=>xxxxxxx}").complete("15551234"));
    // Two replacements in one rule.
    assertEquals(new Dial("0*5"), DialPlan.parse("{<9=0><#=*>x}").complete("9#5"));
  }

  @Test
  void rules_are_separated_by_blanks_or_bars_and_braces_are_optional() {
    List<String> rules = List.of("x+", "+x+", "*x+");
    assertEquals(rules, DialPlan.parse("{ x+ | +x+ | *x+ }").rules());
    assertEquals(rules, DialPlan.parse("x+|+x+|*x+").rules());
    assertEquals(rules, DialPlan.parse("  {x+\t+x+\n*x+}  ").rules());
    assertEquals(List.of(), DialPlan.parse("{}").rules());
    assertEquals(new NoMatch(), DialPlan.parse("").evaluate("1"));
  }

  @Test
  void plus_sign_and_plus_repetition() {
    DialPlan plan = DialPlan.parse("{+x+}");
    assertEquals(new WaitForMore(), plan.evaluate("+"));
    assertEquals(new DialAfterTimeout("+1", NO_KEY), plan.evaluate("+1"));
    assertEquals(new NoMatch(), plan.evaluate("1"));
    // "1+" is one or more 1s; "x++" is digits then a + sign.
    assertEquals(new Dial("111"), DialPlan.parse("{1+}").complete("111"));
    assertEquals(new NoMatch(), DialPlan.parse("{1+}").complete("12"));
    assertEquals(new Dial("12+"), DialPlan.parse("{x++}").complete("12+"));
  }

  @Test
  void letters_a_to_d_in_either_case() {
    DialPlan plan = DialPlan.parse("{*aB[c-d]x}");
    assertEquals(new Dial("*ABC5"), plan.evaluate("*abc5"));
    assertEquals(new Dial("*ABD5"), plan.evaluate("*ABD5"));
    assertEquals(new NoMatch(), plan.evaluate("*AB55"));
    assertEquals(new Dial("A1"), DialPlan.parse("{.x}").complete("a1"));
  }

  // "E.g. with dial plan 1XXT, phone will wait for 3 seconds to let user dial more than just 3
  // digits if needed. Originally the phone will dial out immediately after dialing the third
  // digit."
  @Test
  void t_flag_waits_three_seconds() {
    assertEquals(new Dial("123"), eval("{1XX}", "123"));
    assertEquals(new DialAfterTimeout("123", Duration.ofSeconds(3)), eval("{1XXT}", "123"));
    assertEquals(new WaitForMore(), eval("{1XXT}", "12"));
    // The user dials more than 3 digits within the 3 s: a longer rule can take them.
    DialPlan plan = DialPlan.parse("{1XXT 1XXXXX}");
    assertEquals(new DialAfterTimeout("123", Duration.ofSeconds(3)), plan.evaluate("123"));
    assertEquals(new Dial("123456"), plan.evaluate("123456"));
    // The T flag's 3 s holds even when the No Key Entry Timeout is longer.
    assertEquals(
        new DialAfterTimeout("123", Duration.ofSeconds(3)),
        plan.evaluate("123", Duration.ofSeconds(10)));
    assertEquals(List.of("1XXT", "1XXXXX"), plan.rules());
  }

  @Test
  void no_key_entry_timeout_is_the_callers() {
    assertEquals(
        new DialAfterTimeout("55", Duration.ofSeconds(9)),
        DialPlan.parse("{x+}").evaluate("55", Duration.ofSeconds(9)));
  }

  @Test
  void first_matching_rule_gives_the_number() {
    DialPlan plan = DialPlan.parse("{<=9>xxx <=8>xxx}");
    assertEquals(new Dial("9123"), plan.evaluate("123"));
  }

  @Test
  void many_wildcards_stay_fast() {
    DialPlan plan = DialPlan.parse("{x+x+x+x+x+x+x+x+x+x+5 .......6}");
    String dialed = "1".repeat(DialPlan.MAX_DIALED_LENGTH - 1);
    assertEquals(new WaitForMore(), plan.evaluate(dialed));
    assertEquals(new DialAfterTimeout(dialed + "5", NO_KEY), plan.evaluate(dialed + "5"));
  }

  @Test
  void absurdly_long_input_matches_nothing() {
    String dialed = "1".repeat(DialPlan.MAX_DIALED_LENGTH + 1);
    assertEquals(new NoMatch(), DialPlan.parse("{x+}").evaluate(dialed));
    assertEquals(new NoMatch(), DialPlan.parse("{x+}").complete(dialed));
  }
}
