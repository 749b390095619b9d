package io.cradle.cpe.dialplan;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a dial plan in the admin guide's grammar into {@link Rule}s; every refusal names the
 * position and the reason.
 */
final class DialPlanParser {

  private static final String DIGITS = "0123456789";
  private static final String LITERALS = "0123456789*#+ABCDabcd";

  private final String plan;
  private int pos;
  private int end;

  private DialPlanParser(String plan) {
    this.plan = plan;
  }

  static List<Rule> parse(String plan) {
    return new DialPlanParser(plan).rules();
  }

  private List<Rule> rules() {
    pos = 0;
    end = plan.length();
    skipSpaces();
    while (end > pos && Character.isWhitespace(plan.charAt(end - 1))) {
      end--;
    }
    // The braces are optional: "{ x+ }" and "x+" are the same plan.
    if (pos < end && plan.charAt(pos) == '{') {
      if (plan.charAt(end - 1) != '}' || end - 1 == pos) {
        throw error(end, "missing '}' closing the '{' at position " + pos);
      }
      pos++;
      end--;
    } else if (pos < end && plan.charAt(end - 1) == '}') {
      throw error(end - 1, "'}' without '{'");
    }
    List<Rule> rules = new ArrayList<>();
    while (true) {
      skipSeparators();
      if (pos >= end) {
        return rules;
      }
      rules.add(rule());
    }
  }

  private Rule rule() {
    int start = pos;
    boolean exclusion = false;
    if (plan.charAt(pos) == '^') {
      exclusion = true;
      pos++;
    }
    boolean waitFlag = false;
    List<Rule.Element> elements = new ArrayList<>();
    // Index in elements of an atom that '+' or '?' may still quantify, or -1.
    int quantifiable = -1;
    while (pos < end && !isSeparator(plan.charAt(pos))) {
      char c = plan.charAt(pos);
      int at = pos;
      if (c == 'T' || c == 't') {
        pos++;
        if (pos < end && !isSeparator(plan.charAt(pos))) {
          throw error(at, "the T flag must end a rule");
        }
        waitFlag = true;
      } else if (c == 'x' || c == 'X') {
        elements.add(new Rule.Atom(DIGITS, 1, 1));
        quantifiable = elements.size() - 1;
        pos++;
      } else if (c == '+' && quantifiable >= 0) {
        quantify(elements, quantifiable, 1, Rule.UNBOUNDED);
        quantifiable = -1;
        pos++;
      } else if (c == '?') {
        if (quantifiable < 0) {
          throw error(at, "'?' must follow a digit, x or [set]");
        }
        quantify(elements, quantifiable, 0, 1);
        quantifiable = -1;
        pos++;
      } else if (LITERALS.indexOf(c) >= 0) {
        // A '+' that quantifies nothing (at the start, after '.', '>' or another '+') is the
        // + sign itself, as in "+x+".
        elements.add(new Rule.Atom(String.valueOf(Character.toUpperCase(c)), 1, 1));
        quantifiable = c == '+' ? -1 : elements.size() - 1;
        pos++;
      } else if (c == '.') {
        elements.add(new Rule.Atom(Rule.DIAL_CHARACTERS, 1, Rule.UNBOUNDED));
        quantifiable = -1;
        pos++;
      } else if (c == '[') {
        elements.add(new Rule.Atom(set(), 1, 1));
        quantifiable = elements.size() - 1;
      } else if (c == '<') {
        elements.add(replace());
        quantifiable = -1;
      } else if (c == '^') {
        throw error(at, "'^' (exclude) must start a rule");
      } else if (c == ']' || c == '>') {
        throw error(at, "'" + c + "' without its opening '" + (c == ']' ? '[' : '<') + "'");
      } else if (c == '{' || c == '}') {
        throw error(at, "'" + c + "' may only enclose the whole plan");
      } else if (c == '-') {
        throw error(at, "'-' only between two characters of a [range]");
      } else {
        throw error(at, "'" + c + "' is not part of the dial plan grammar");
      }
    }
    String source = plan.substring(start, pos);
    if (elements.isEmpty()) {
      throw error(start, "rule '" + source + "' matches nothing");
    }
    return new Rule(source, exclusion, waitFlag, elements);
  }

  private static void quantify(List<Rule.Element> elements, int index, int min, int max) {
    Rule.Atom a = (Rule.Atom) elements.get(index);
    elements.set(index, new Rule.Atom(a.accepted(), min, max));
  }

  /** {@code [147]}, {@code [3-5]}, {@code [2-9*#]}: the characters of the set, upper-cased. */
  private String set() {
    int open = pos++;
    StringBuilder chars = new StringBuilder();
    while (true) {
      if (pos >= end || isSeparator(plan.charAt(pos))) {
        throw error(open, "unclosed '['");
      }
      char c = plan.charAt(pos);
      if (c == ']') {
        pos++;
        if (chars.length() == 0) {
          throw error(open, "empty set '[]'");
        }
        return chars.toString();
      }
      if (LITERALS.indexOf(c) < 0) {
        throw error(pos, "'" + c + "' cannot be in a [set]: only digits, *, #, + and A-D");
      }
      char from = Character.toUpperCase(c);
      if (pos + 2 < end && plan.charAt(pos + 1) == '-' && plan.charAt(pos + 2) != ']') {
        char to = Character.toUpperCase(plan.charAt(pos + 2));
        if (!rangeEnd(from) || !rangeEnd(to) || Character.isDigit(from) != Character.isDigit(to)) {
          throw error(pos, "a range joins two digits or two letters A-D");
        }
        if (to < from) {
          throw error(pos, "range " + from + "-" + to + " runs backwards");
        }
        for (char r = from; r <= to; r++) {
          chars.append(r);
        }
        pos += 3;
      } else if (pos + 1 < end && plan.charAt(pos + 1) == '-') {
        throw error(pos + 1, "range without an end");
      } else {
        chars.append(from);
        pos++;
      }
    }
  }

  private static boolean rangeEnd(char c) {
    return Character.isDigit(c) || (c >= 'A' && c <= 'D');
  }

  /** {@code <from=to>}, {@code <=to>} (add), {@code <from=>} (remove): literals only. */
  private Rule.Replace replace() {
    int open = pos++;
    StringBuilder from = new StringBuilder();
    StringBuilder to = new StringBuilder();
    StringBuilder side = from;
    while (true) {
      if (pos >= end || isSeparator(plan.charAt(pos))) {
        throw error(open, "unclosed '<'");
      }
      char c = plan.charAt(pos);
      if (c == '>') {
        pos++;
        if (side == from) {
          throw error(pos - 1, "'<…>' needs '=': <replace=with>, <=add> or <remove=>");
        }
        if (from.length() == 0 && to.length() == 0) {
          throw error(open, "'<=>' replaces nothing with nothing");
        }
        return new Rule.Replace(from.toString(), to.toString());
      }
      if (c == '=') {
        if (side == to) {
          throw error(pos, "a second '=' in '<…>'");
        }
        side = to;
      } else if (LITERALS.indexOf(c) >= 0) {
        side.append(Character.toUpperCase(c));
      } else {
        throw error(pos, "'" + c + "' in '<…>': only digits, *, #, + and A-D are replaced");
      }
      pos++;
    }
  }

  private void skipSpaces() {
    while (pos < plan.length() && Character.isWhitespace(plan.charAt(pos))) {
      pos++;
    }
  }

  private void skipSeparators() {
    while (pos < end && isSeparator(plan.charAt(pos))) {
      pos++;
    }
  }

  // Rules are separated by blanks (the guide's examples) or '|' (the P-value templates).
  private static boolean isSeparator(char c) {
    return c == '|' || Character.isWhitespace(c);
  }

  private DialPlanSyntaxException error(int position, String reason) {
    return new DialPlanSyntaxException(plan, position, reason);
  }
}
