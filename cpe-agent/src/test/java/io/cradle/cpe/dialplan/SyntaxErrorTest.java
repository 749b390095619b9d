package io.cradle.cpe.dialplan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A broken plan is refused with the position of the fault and the reason. */
class SyntaxErrorTest {

  @ParameterizedTest(name = "{0} → position {1}: {2}")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '"',
      value = {
        "{1x[2-9}; 3; unclosed '['",
        "{1x[]}; 3; empty set '[]'",
        "{[5-3]}; 2; range 5-3 runs backwards",
        "{[1-*]}; 2; a range joins two digits or two letters A-D",
        "{[1-]}; 3; range without an end",
        "{[x]}; 2; 'x' cannot be in a [set]: only digits, *, #, + and A-D",
        "{<2=011}; 1; unclosed '<'",
        "{<2011>}; 6; '<…>' needs '=': <replace=with>, <=add> or <remove=>",
        "{<2=0=1>}; 5; a second '=' in '<…>'",
        "{<x=1>}; 2; 'x' in '<…>': only digits, *, #, + and A-D are replaced",
        "{<=>1}; 1; '<=>' replaces nothing with nothing",
        "{?1}; 1; '?' must follow a digit, x or [set]",
        "{x+?}; 3; '?' must follow a digit, x or [set]",
        "{1x^2}; 3; '^' (exclude) must start a rule",
        "{1T2}; 2; the T flag must end a rule",
        "{1-2}; 2; '-' only between two characters of a [range]",
        "{1E2}; 2; 'E' is not part of the dial plan grammar",
        "{x+ 12] }; 6; ']' without its opening '['",
        "{ x+ ; 4; missing '}' closing the '{' at position 0",
        "x+ }; 3; '}' without '{'",
        "{x+ {1}}; 4; '{' may only enclose the whole plan",
        "{x+ ^ 1}; 4; rule '^' matches nothing",
        "{T}; 1; rule 'T' matches nothing",
      })
  void refused(String plan, int position, String reason) {
    DialPlanSyntaxException e =
        assertThrows(DialPlanSyntaxException.class, () -> DialPlan.parse(plan));
    assertEquals(reason, e.reason());
    assertEquals(position, e.position());
    assertEquals(plan, e.plan());
  }

  @Test
  void message_points_at_the_fault() {
    DialPlanSyntaxException e =
        assertThrows(DialPlanSyntaxException.class, () -> DialPlan.parse("{1x[2-9}"));
    assertEquals("dial plan: unclosed '[' at position 3\n  {1x[2-9}\n     ^", e.getMessage());
    assertTrue(e instanceof IllegalArgumentException);
  }
}
