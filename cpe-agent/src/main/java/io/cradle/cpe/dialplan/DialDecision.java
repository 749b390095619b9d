package io.cradle.cpe.dialplan;

import java.time.Duration;
import java.util.Objects;

/**
 * What the phone does with the digits dialed so far, as decided by a {@link DialPlan}. A value, not
 * an action: a {@link DialAfterTimeout} is scheduled by the caller on its own scheduler.
 */
public sealed interface DialDecision
    permits DialDecision.Dial,
        DialDecision.WaitForMore,
        DialDecision.DialAfterTimeout,
        DialDecision.Blocked,
        DialDecision.NoMatch {

  /** Dial {@code number} now; every replacement, addition and removal of the plan is applied. */
  record Dial(String number) implements DialDecision {
    public Dial {
      Objects.requireNonNull(number, "number");
    }
  }

  /** No rule matches yet, but one could with more digits: keep collecting. */
  record WaitForMore() implements DialDecision {}

  /**
   * The digits match, but the phone waits {@code after} before dialing {@code number}: the rule's T
   * flag (3 s), or the No Key Entry Timeout because a longer number could match too. A key pressed
   * before then cancels the wait.
   */
  record DialAfterTimeout(String number, Duration after) implements DialDecision {
    public DialAfterTimeout {
      Objects.requireNonNull(number, "number");
      Objects.requireNonNull(after, "after");
    }
  }

  /** An exclusion ({@code ^}) rule matches: the number must not be dialed. */
  record Blocked(String rule) implements DialDecision {
    public Blocked {
      Objects.requireNonNull(rule, "rule");
    }
  }

  /** No rule matches and none can with more digits. */
  record NoMatch() implements DialDecision {}
}
