package io.cradle.cpe.config;

import java.util.Optional;

/**
 * One P-value the phone understands: its number ({@code P47}), a readable name ({@code
 * account1.sipServer}), what it accepts, its factory default and a short description.
 */
public record PValueDef(
    String number,
    String name,
    PValueConstraint constraint,
    String defaultValue,
    String description) {

  /** Returns why {@code value} is refused, or empty when it is accepted. */
  public Optional<String> check(String value) {
    return constraint.check(value);
  }

  /** {@code P47 (account1.sipServer)}: how errors name this P-value. */
  public String label() {
    return number + " (" + name + ")";
  }
}
