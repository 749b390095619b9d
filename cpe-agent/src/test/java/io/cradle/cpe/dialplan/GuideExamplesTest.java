package io.cradle.cpe.dialplan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cradle.cpe.dialplan.DialDecision.Blocked;
import io.cradle.cpe.dialplan.DialDecision.Dial;
import io.cradle.cpe.dialplan.DialDecision.DialAfterTimeout;
import io.cradle.cpe.dialplan.DialDecision.NoMatch;
import io.cradle.cpe.dialplan.DialDecision.WaitForMore;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every example of the admin guide's "Dial Plan" help, with the result the guide states. */
class GuideExamplesTest {

  private static final Duration NO_KEY = DialPlan.DEFAULT_NO_KEY_ENTRY_TIMEOUT;

  // Example 1: "Allow 311, 611, 911, and any 10-digit numbers of leading digits 1617".
  // 1617xxxxxxx has 11 characters: the guide counts the digits after the leading 1.
  @Test
  void example1_n11_and_1617_numbers() {
    DialPlan plan = DialPlan.parse("{[369]11 1617xxxxxxx}");
    assertEquals(new Dial("311"), plan.evaluate("311"));
    assertEquals(new Dial("611"), plan.evaluate("611"));
    assertEquals(new Dial("911"), plan.evaluate("911"));
    assertEquals(new Dial("16175551234"), plan.evaluate("16175551234"));
    assertEquals(new WaitForMore(), plan.evaluate("1617555"));
    assertEquals(new NoMatch(), plan.evaluate("411"));
    assertEquals(new NoMatch(), plan.evaluate("16185551234"));
    assertEquals(new NoMatch(), plan.evaluate("161755512345"));
  }

  // Example 2: "Block any number with leading digits 1900 and add prefix 1617 for any dialed
  // 7-digit numbers".
  @Test
  void example2_block_1900_and_add_1617_to_seven_digits() {
    DialPlan plan = DialPlan.parse("{^1900x+ <=1617>xxxxxxx}");
    assertEquals(new Dial("16175551234"), plan.evaluate("5551234"));
    assertEquals(new Blocked("^1900x+"), plan.evaluate("19005551234"));
    assertEquals(new Blocked("^1900x+"), plan.complete("19005551234"));
    // Blocked as soon as the number starts 1900 and one more digit: every longer one is too.
    assertEquals(new Blocked("^1900x+"), plan.evaluate("19005"));
    assertEquals(new Blocked("^1900x+"), plan.complete("1900555"));
    assertEquals(new WaitForMore(), plan.evaluate("1900"));
    assertEquals(new NoMatch(), plan.evaluate("55512345"));
  }

  // Example 3: "Allow any length of number with leading digit 2 and 10 digit-numbers of leading
  // digit 1 and leading exchange number between 2 and 9; If leading digit is 2, replace leading
  // digit 2 with 011 before dialing."
  @Test
  void example3_replace_leading_2_with_011() {
    DialPlan plan = DialPlan.parse("{1xxx[2-9]xxxxxx <2=011>x+}");
    assertEquals(new Dial("16172345678"), plan.evaluate("16172345678"));
    assertEquals(new NoMatch(), plan.evaluate("16171345678"));
    assertEquals(new Dial("011345"), plan.complete("2345"));
    assertEquals(new DialAfterTimeout("011345", NO_KEY), plan.evaluate("2345"));
    assertEquals(new Dial("01133123456789"), plan.complete("233123456789"));
    assertEquals(new NoMatch(), plan.evaluate("3456"));
    // "2" alone: x+ needs one digit after the replaced 2.
    assertEquals(new WaitForMore(), plan.evaluate("2"));
    assertEquals(new NoMatch(), plan.complete("2"));
  }

  /**
   * Example 4, verbatim. The guide's first line says "{123<611=456>} - dial 123611 will be become
   * 123611", which contradicts rule h ("<2=011> - replace digit 2 with 011") and its own two other
   * replace lines; we follow the rule, so 123611 becomes 123456.
   */
  @ParameterizedTest(name = "{0}: dial {1} → {2}")
  @CsvSource({
    // Replace
    "{123<611=456>}, 123611, 123456",
    "{<611=456>789}, 611789, 456789",
    "{123<456=0>789}, 123456789, 1230789",
    // Add
    "{<=1>x+}, 3000, 13000",
    "{<=611>555}, 555, 611555",
    "{123<=907>456}, 123456, 123907456",
    // Remove
    "{<611=>555}, 611555, 555",
    "{123<907=>456}, 123907456, 123456",
    "{123<555=>}, 123555, 123",
  })
  void example4_replace_add_remove(String plan, String dialed, String dialedOut) {
    assertEquals(new Dial(dialedOut), DialPlan.parse(plan).complete(dialed));
    DialDecision typing = DialPlan.parse(plan).evaluate(dialed);
    String number =
        typing instanceof Dial ? ((Dial) typing).number() : ((DialAfterTimeout) typing).number();
    assertEquals(dialedOut, number);
  }

  @Test
  void example4_fixed_numbers_dial_at_once_and_open_ones_wait() {
    assertEquals(new Dial("456789"), DialPlan.parse("{<611=456>789}").evaluate("611789"));
    assertEquals(new Dial("123"), DialPlan.parse("{123<555=>}").evaluate("123555"));
    assertEquals(
        new DialAfterTimeout("13000", NO_KEY), DialPlan.parse("{<=1>x+}").evaluate("3000"));
    // The literal text is what must be dialed: 456789 is not 611789.
    assertEquals(new NoMatch(), DialPlan.parse("{<611=456>789}").evaluate("456789"));
  }

  @Test
  void default_outgoing_plan() {
    DialPlan plan = DialPlan.parse(DialPlan.DEFAULT);
    assertEquals(
        java.util.List.of("x+", "+x+", "*x+", "*xx*x+", "x+*x+*x+*x+", "x+*x+*x+*x+#x+"),
        plan.rules());
    assertEquals(new DialAfterTimeout("5551234", NO_KEY), plan.evaluate("5551234"));
    assertEquals(new Dial("+16175669300"), plan.complete("+16175669300"));
    assertEquals(new Dial("*123"), plan.complete("*123"));
    assertEquals(new Dial("*72*5551234"), plan.complete("*72*5551234"));
    assertEquals(new Dial("1*2*3*4"), plan.complete("1*2*3*4"));
    assertEquals(new Dial("1*2*3*4#5"), plan.complete("1*2*3*4#5"));
    assertEquals(new WaitForMore(), plan.evaluate("*"));
    assertEquals(new NoMatch(), plan.complete("#5"));
  }

  // "Example of a simple dial plan used in a Home/Office in the US" and its explanation.
  @Test
  void us_home_office_plan() {
    DialPlan plan =
        DialPlan.parse(
            "{ ^1900x. <=1617>[2-9]xxxxxx 1[2-9]xx[2-9]xxxxxx 011[2-9]x. [3469]11 +x+ }");
    // ^1900x. – prevents dialing any number started with 1900
    assertEquals(new Blocked("^1900x."), plan.complete("19005551234"));
    // <=1617>[2-9]xxxxxx – 7 digits get the 1617 area code
    assertEquals(new Dial("16175669300"), plan.evaluate("5669300"));
    assertEquals(new NoMatch(), plan.complete("1669300"));
    // 1[2-9]xx[2-9]xxxxxx – any US/Canada number with 11 digits
    assertEquals(new Dial("12125551234"), plan.evaluate("12125551234"));
    // 011[2-9]x. – international calls starting with 011
    assertEquals(new DialAfterTimeout("01144207946", NO_KEY), plan.evaluate("01144207946"));
    assertEquals(new Dial("0114420794600"), plan.complete("0114420794600"));
    assertEquals(new NoMatch(), plan.complete("0114"));
    // [3469]11 – 311, 411, 611 and 911; a 7-digit local number may start with them, so the
    // phone waits the No Key Entry Timeout before dialing (Send or # dials at once).
    assertEquals(new DialAfterTimeout("911", NO_KEY), plan.evaluate("911"));
    assertEquals(new Dial("411"), plan.complete("411"));
    assertEquals(new NoMatch(), plan.complete("511"));
    // +x+ – any digits after a leading + sign, e.g. +16175669300
    assertEquals(new Dial("+16175669300"), plan.complete("+16175669300"));
  }

  // "In this case * should be predefined inside dial plan feature ... { *x+ }".
  @Test
  void star_codes() {
    DialPlan plan = DialPlan.parse("{ *x+ }");
    assertEquals(new DialAfterTimeout("*123", NO_KEY), plan.evaluate("*123"));
    assertEquals(new Dial("*123"), plan.complete("*123"));
    assertEquals(new NoMatch(), plan.complete("123"));
  }
}
