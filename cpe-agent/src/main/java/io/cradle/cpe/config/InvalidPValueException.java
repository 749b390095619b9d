package io.cradle.cpe.config;

/** A value refused by the store; names the P-value so TR-069 faults and logs can point at it. */
public final class InvalidPValueException extends IllegalArgumentException {

  private final String number;
  private final String reason;

  InvalidPValueException(String label, String number, String value, String reason) {
    super(label + ": value \"" + value + "\" refused: " + reason);
    this.number = number;
    this.reason = reason;
  }

  /** The P-value number, e.g. {@code P32}. */
  public String number() {
    return number;
  }

  /** Why the value was refused, e.g. {@code outside the range 1..64800}. */
  public String reason() {
    return reason;
  }
}
