package io.cradle.cpe.safe;

/**
 * A detector's sensitivity as the admin guide offers it: Disabled or Level 1 (least sensitive) to
 * Level 7 (most sensitive). Stored in the P-value as {@code 0} (Disabled) to {@code 7}.
 */
public enum Sensitivity {
  DISABLED,
  LEVEL1,
  LEVEL2,
  LEVEL3,
  LEVEL4,
  LEVEL5,
  LEVEL6,
  LEVEL7;

  /** 0 for Disabled, else 1 to 7. */
  public int level() {
    return ordinal();
  }

  public boolean enabled() {
    return this != DISABLED;
  }

  /** The sensitivity stored as {@code value} ("0" to "7"); anything else reads as Disabled. */
  public static Sensitivity fromPValue(String value) {
    if (value != null && value.length() == 1) {
      int level = value.charAt(0) - '0';
      if (level >= 0 && level <= 7) {
        return values()[level];
      }
    }
    return DISABLED;
  }

  /** Level {@code level}, 1 to 7. */
  public static Sensitivity level(int level) {
    if (level < 1 || level > 7) {
      throw new IllegalArgumentException("sensitivity level must be 1 to 7, was " + level);
    }
    return values()[level];
  }
}
