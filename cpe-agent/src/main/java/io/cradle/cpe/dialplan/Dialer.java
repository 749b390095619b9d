package io.cradle.cpe.dialplan;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The keypad's dial page: keys arrive one at a time and each press returns the {@link DialDecision}
 * for the digits so far. Clock-free: a {@link DialDecision.DialAfterTimeout} (and, for the No Key
 * Entry Timeout, a {@link DialDecision.WaitForMore}) is scheduled by the caller, who calls {@link
 * #timeoutExpired()} unless another key came first. One per dialing attempt, on the phone's
 * scheduler; not thread-safe.
 */
public final class Dialer {

  /**
   * The account settings the dial page reads. P-values (admin guide names): dial plan P290 (WP820
   * template P459 for account 1, see the notes' account swap), Dial Plan Prefix P66, Use # as Dial
   * Key P72, No Key Entry Timeout P85 (WP820 template P491; 1-15 s, default 4), Filter Characters
   * (default {@code [()-]}; no P-value in our sources), Disable Dial Plan "Dial Page" (bypass).
   *
   * @param plan the account's dial plan
   * @param hashIsDialKey "Use # as Dial Key": {@code #} dials the digits so far, like Send
   * @param filterCharacters "Filter Characters", e.g. {@code [()-]}: removed from what is dialed
   * @param prefix "Dial Plan Prefix": put in front of every number dialed ("" for none)
   * @param bypass "Disable Dial Plan" for the dial page: the digits are dialed as typed
   * @param noKeyEntryTimeout "No Key Entry Timeout"
   */
  public record Settings(
      DialPlan plan,
      boolean hashIsDialKey,
      String filterCharacters,
      String prefix,
      boolean bypass,
      Duration noKeyEntryTimeout) {

    public Settings {
      Objects.requireNonNull(plan, "plan");
      Objects.requireNonNull(filterCharacters, "filterCharacters");
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(noKeyEntryTimeout, "noKeyEntryTimeout");
      if (noKeyEntryTimeout.compareTo(Duration.ofSeconds(1)) < 0
          || noKeyEntryTimeout.compareTo(Duration.ofSeconds(15)) > 0) {
        throw new IllegalArgumentException(
            "No Key Entry Timeout must be 1-15 s, not " + noKeyEntryTimeout.toSeconds() + " s");
      }
    }

    /**
     * {@code plan} with the other settings at their defaults: # as dial key on, filter {@code
     * [()-]}, no prefix, plan not bypassed, No Key Entry Timeout 4 s.
     */
    public static Settings defaults(DialPlan plan) {
      return new Settings(plan, true, "[()-]", "", false, DialPlan.DEFAULT_NO_KEY_ENTRY_TIMEOUT);
    }

    /**
     * Account 1's settings from its P-values, e.g. {@code PValueStore::get}. The WP820 template
     * swaps account numbers for some features (notes §6.1), so both are read: the dial plan from
     * P290, else P459; the No Key Entry Timeout from P85, else P491. Dial Plan Prefix P66, Use # as
     * Dial Key P72 ({@code 0} = no). Filter Characters and Disable Dial Plan have no P-value in our
     * sources: defaults ({@code [()-]}, not bypassed). An unset or blank value means the default
     * (the guide's default plan, 4 s, no prefix, # dials).
     *
     * @throws DialPlanSyntaxException if the dial plan is broken
     * @throws IllegalArgumentException naming the P-value if the timeout is not 1-15 s
     */
    public static Settings fromPValues(Function<String, Optional<String>> pvalue) {
      String plan = first(pvalue, "P290", "P459").orElse(DialPlan.DEFAULT);
      Duration timeout = DialPlan.DEFAULT_NO_KEY_ENTRY_TIMEOUT;
      Optional<String> seconds = first(pvalue, "P85", "P491");
      if (seconds.isPresent()) {
        try {
          timeout = Duration.ofSeconds(Long.parseLong(seconds.get().trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "No Key Entry Timeout (P85/P491): '"
                  + seconds.get()
                  + "' is not a number of seconds");
        }
      }
      boolean hash = !first(pvalue, "P72").map(v -> v.trim().equals("0")).orElse(false);
      String prefix = first(pvalue, "P66").map(String::trim).orElse("");
      try {
        return new Settings(DialPlan.parse(plan), hash, "[()-]", prefix, false, timeout);
      } catch (DialPlanSyntaxException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("P85/P491: " + e.getMessage(), e);
      }
    }

    private static Optional<String> first(
        Function<String, Optional<String>> pvalue, String... numbers) {
      for (String n : numbers) {
        Optional<String> v = pvalue.apply(n).filter(s -> !s.isBlank());
        if (v.isPresent()) {
          return v;
        }
      }
      return Optional.empty();
    }

    public Settings withHashIsDialKey(boolean on) {
      return new Settings(plan, on, filterCharacters, prefix, bypass, noKeyEntryTimeout);
    }

    public Settings withFilterCharacters(String chars) {
      return new Settings(plan, hashIsDialKey, chars, prefix, bypass, noKeyEntryTimeout);
    }

    public Settings withPrefix(String p) {
      return new Settings(plan, hashIsDialKey, filterCharacters, p, bypass, noKeyEntryTimeout);
    }

    public Settings withBypass(boolean on) {
      return new Settings(plan, hashIsDialKey, filterCharacters, prefix, on, noKeyEntryTimeout);
    }

    public Settings withNoKeyEntryTimeout(Duration t) {
      return new Settings(plan, hashIsDialKey, filterCharacters, prefix, bypass, t);
    }

    /**
     * The characters to filter: the guide writes the setting as a set, {@code [()-]}, so enclosing
     * brackets are not themselves filtered.
     */
    String filtered() {
      String f = filterCharacters;
      if (f.length() >= 2 && f.charAt(0) == '[' && f.charAt(f.length() - 1) == ']') {
        return f.substring(1, f.length() - 1);
      }
      return f;
    }
  }

  private final Settings settings;
  private final String filtered;
  private final StringBuilder digits = new StringBuilder();

  public Dialer(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.filtered = settings.filtered();
  }

  /**
   * One key: {@code 0-9 * # + A-D} (either case). {@code #} with "Use # as Dial Key" dials at once
   * (as {@link #send()}); a filter character is dropped and changes nothing.
   *
   * @throws IllegalArgumentException for a key that is neither dialable nor filtered
   */
  public DialDecision press(char key) {
    if (key == '#' && settings.hashIsDialKey()) {
      return send();
    }
    if (filtered.indexOf(key) < 0) {
      char k = Character.toUpperCase(key);
      if (Rule.DIAL_CHARACTERS.indexOf(k) < 0) {
        throw new IllegalArgumentException("'" + key + "' is not a keypad key");
      }
      digits.append(k);
    }
    return current();
  }

  /** Several keys in order; the decision after the last one. */
  public DialDecision pressAll(String keys) {
    DialDecision decision = current();
    for (int i = 0; i < keys.length(); i++) {
      decision = press(keys.charAt(i));
      if (decision instanceof DialDecision.Dial || decision instanceof DialDecision.Blocked) {
        return decision;
      }
    }
    return decision;
  }

  /** The Send key: dial what was typed if the plan allows it (NoMatch if nothing was typed). */
  public DialDecision send() {
    return finish(digits.toString());
  }

  /** The wait of the last decision ran out with no key pressed: as {@link #send()}. */
  public DialDecision timeoutExpired() {
    return send();
  }

  /**
   * A whole number at once (from contacts or call history): filtered, then decided as if sent.
   * Characters that are neither dialable nor filtered make it a {@link DialDecision.NoMatch}.
   */
  public DialDecision dial(String number) {
    return finish(filter(number).toUpperCase(Locale.ROOT));
  }

  /** The digits kept so far (filter characters removed, letters upper-cased, no prefix). */
  public String digits() {
    return digits.toString();
  }

  /** Starts over (on-hook, or the Delete-all key). */
  public void clear() {
    digits.setLength(0);
  }

  private DialDecision current() {
    String d = digits.toString();
    if (settings.bypass()) {
      return d.isEmpty()
          ? new DialDecision.WaitForMore()
          : new DialDecision.DialAfterTimeout(settings.prefix() + d, settings.noKeyEntryTimeout());
    }
    return withPrefix(settings.plan().evaluate(d, settings.noKeyEntryTimeout()));
  }

  private DialDecision finish(String d) {
    if (d.isEmpty()) {
      return new DialDecision.NoMatch();
    }
    if (settings.bypass()) {
      return new DialDecision.Dial(settings.prefix() + d);
    }
    return withPrefix(settings.plan().complete(d));
  }

  private String filter(String number) {
    StringBuilder out = new StringBuilder(number.length());
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (filtered.indexOf(c) < 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  // The prefix goes in front of the number the plan made: the plan matches what the user typed.
  private DialDecision withPrefix(DialDecision decision) {
    if (settings.prefix().isEmpty()) {
      return decision;
    }
    if (decision instanceof DialDecision.Dial) {
      return new DialDecision.Dial(settings.prefix() + ((DialDecision.Dial) decision).number());
    }
    if (decision instanceof DialDecision.DialAfterTimeout) {
      DialDecision.DialAfterTimeout t = (DialDecision.DialAfterTimeout) decision;
      return new DialDecision.DialAfterTimeout(settings.prefix() + t.number(), t.after());
    }
    return decision;
  }
}
