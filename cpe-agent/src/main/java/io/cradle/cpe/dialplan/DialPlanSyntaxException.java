package io.cradle.cpe.dialplan;

/** A dial plan that does not follow the admin guide's grammar: where, and why. */
public final class DialPlanSyntaxException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String plan;
  private final int position;
  private final String reason;

  DialPlanSyntaxException(String plan, int position, String reason) {
    super(message(plan, position, reason));
    this.plan = plan;
    this.position = position;
    this.reason = reason;
  }

  private static String message(String plan, int position, String reason) {
    return "dial plan: "
        + reason
        + " at position "
        + position
        + "\n  "
        + plan
        + "\n  "
        + " ".repeat(position)
        + "^";
  }

  /** The dial plan as given. */
  public String plan() {
    return plan;
  }

  /** The 0-based offset in {@link #plan()} of the offending character (its length if missing). */
  public int position() {
    return position;
  }

  /** Why the plan is refused, without the position, e.g. {@code "unclosed '['"}. */
  public String reason() {
    return reason;
  }
}
