package io.cradle.cpe.dialplan;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A parsed dial plan (admin guide "Dial Plan": P290 for account 1 — P459 in the WP820 template, see
 * the notes' account swap). Pure: {@link #evaluate} says what to do with the digits dialed so far,
 * {@link #complete} what to do when no more will come.
 *
 * <p>Grammar: rules in optional braces, separated by blanks or {@code |}; a rule is a sequence of
 * {@code 0-9 * # + A-D} literals, {@code x} (any digit), {@code [147]}/{@code [3-5]} sets, {@code
 * +} (one or more of the previous), {@code ?} (zero or one of the previous), {@code .} (one or more
 * of any character), {@code <from=to>} (replace; {@code <=to>} adds, {@code <from=>} removes);
 * {@code ^} before a rule excludes what it matches, {@code T} after it makes the phone wait 3 s. A
 * rule matches the whole dialed string.
 */
public final class DialPlan {

  /** The wait of a rule's T flag. */
  public static final Duration T_FLAG_WAIT = Duration.ofSeconds(3);

  /** The No Key Entry Timeout's default (P85; WP820 template P491): 4 s. */
  public static final Duration DEFAULT_NO_KEY_ENTRY_TIMEOUT = Duration.ofSeconds(4);

  /** The guide's default outgoing plan. */
  public static final String DEFAULT = "{ x+ +x+ *x+ *xx*x+ x+*x+*x+*x+ x+*x+*x+*x+#x+ }";

  /**
   * Longer dialed strings match no rule: no phone number is this long, and the matcher's walk
   * recurses once per character.
   */
  public static final int MAX_DIALED_LENGTH = 256;

  private final String source;
  private final List<Rule> rules;

  private DialPlan(String source, List<Rule> rules) {
    this.source = source;
    this.rules = rules;
  }

  /**
   * Parses a dial plan such as {@code {^1900x+ <=1617>xxxxxxx}}.
   *
   * @throws DialPlanSyntaxException with the position and the reason if it is broken
   */
  public static DialPlan parse(String plan) {
    Objects.requireNonNull(plan, "plan");
    return new DialPlan(plan, List.copyOf(DialPlanParser.parse(plan)));
  }

  /** The plan as given to {@link #parse}. */
  public String source() {
    return source;
  }

  /** The rules' texts in plan order, e.g. {@code ["^1900x+", "<=1617>xxxxxxx"]}. */
  public List<String> rules() {
    return rules.stream().map(Rule::source).toList();
  }

  /** {@link #evaluate(String, Duration)} with the default No Key Entry Timeout (4 s). */
  public DialDecision evaluate(String dialed) {
    return evaluate(dialed, DEFAULT_NO_KEY_ENTRY_TIMEOUT);
  }

  /**
   * What to do with {@code dialed}, the digits so far (letters in either case), while more may
   * come: {@link DialDecision.Blocked} if an exclusion rule matches it; {@link DialDecision.Dial}
   * if a rule matches it and no longer number could match any rule; {@link
   * DialDecision.DialAfterTimeout} if a rule matches it but it has the T flag (3 s) or a longer
   * number could match too ({@code noKeyEntryTimeout}); {@link DialDecision.WaitForMore} if no rule
   * matches yet but one could; else {@link DialDecision.NoMatch}. The first matching rule in plan
   * order gives the number.
   */
  public DialDecision evaluate(String dialed, Duration noKeyEntryTimeout) {
    Objects.requireNonNull(noKeyEntryTimeout, "noKeyEntryTimeout");
    String input = normalise(dialed);
    if (input.length() > MAX_DIALED_LENGTH) {
      return new DialDecision.NoMatch();
    }
    Rule excluding = excluding(input);
    if (excluding != null) {
      return new DialDecision.Blocked(excluding.source());
    }
    Rule first = null;
    String number = null;
    boolean longer = false;
    for (Rule rule : rules) {
      if (rule.exclusion()) {
        continue;
      }
      Rule.Match m = rule.match(input);
      if (m.full() && first == null) {
        first = rule;
        number = m.output();
      }
      longer |= m.longer();
    }
    if (first != null) {
      if (first.waitFlag()) {
        return new DialDecision.DialAfterTimeout(number, T_FLAG_WAIT);
      }
      return longer
          ? new DialDecision.DialAfterTimeout(number, noKeyEntryTimeout)
          : new DialDecision.Dial(number);
    }
    return longer ? new DialDecision.WaitForMore() : new DialDecision.NoMatch();
  }

  /**
   * What to do with {@code dialed} when no more digits will come (Send, # as dial key, a wait
   * expired, a number from the contacts): {@link DialDecision.Blocked}, {@link DialDecision.Dial}
   * with the first matching rule's number, or {@link DialDecision.NoMatch}.
   */
  public DialDecision complete(String dialed) {
    String input = normalise(dialed);
    if (input.length() > MAX_DIALED_LENGTH) {
      return new DialDecision.NoMatch();
    }
    Rule excluding = excluding(input);
    if (excluding != null) {
      return new DialDecision.Blocked(excluding.source());
    }
    for (Rule rule : rules) {
      if (!rule.exclusion()) {
        Rule.Match m = rule.match(input);
        if (m.full()) {
          return new DialDecision.Dial(m.output());
        }
      }
    }
    return new DialDecision.NoMatch();
  }

  private Rule excluding(String input) {
    for (Rule rule : rules) {
      if (rule.exclusion() && rule.match(input).full()) {
        return rule;
      }
    }
    return null;
  }

  private static String normalise(String dialed) {
    Objects.requireNonNull(dialed, "dialed");
    return dialed.toUpperCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return source;
  }
}
