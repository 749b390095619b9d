package io.cradle.cwmp.param;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The CWMP parameter data types, with their xsd names and value validation. */
public enum ParameterType {
  STRING("string"),
  INT("int"),
  UNSIGNED_INT("unsignedInt"),
  LONG("long"),
  UNSIGNED_LONG("unsignedLong"),
  BOOLEAN("boolean"),
  DATE_TIME("dateTime"),
  BASE64("base64"),
  HEX_BINARY("hexBinary");

  private static final BigInteger MAX_UNSIGNED_LONG =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/\\s]*={0,2}\\s*");
  private static final Pattern HEX_TEXT = Pattern.compile("([0-9A-Fa-f]{2})*");

  private final String xsdName;

  ParameterType(String xsdName) {
    this.xsdName = xsdName;
  }

  /** The local name of the xsd type, e.g. {@code unsignedInt}; sent as {@code xsd:unsignedInt}. */
  public String xsdName() {
    return xsdName;
  }

  /**
   * The type named by an {@code xsi:type} value with any prefix ({@code xsd:int}, {@code int},
   * {@code soap:base64}); unknown or missing types read as string, as GenieACS does.
   */
  public static ParameterType fromXsiType(String xsiType) {
    if (xsiType == null || xsiType.isBlank()) {
      return STRING;
    }
    String local = xsiType.substring(xsiType.indexOf(':') + 1).trim();
    for (ParameterType t : values()) {
      if (t.xsdName.equalsIgnoreCase(local)) {
        return t;
      }
    }
    return "base64Binary".equalsIgnoreCase(local) ? BASE64 : STRING;
  }

  /**
   * Checks that {@code value} is a valid lexical value of this type.
   *
   * @return empty when valid, otherwise a reason a user can act on
   */
  public Optional<String> validate(String value) {
    if (value == null) {
      return Optional.of("value is missing");
    }
    String v = value.trim();
    return switch (this) {
      case STRING -> Optional.empty();
      case INT ->
          range(v, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE));
      case UNSIGNED_INT -> range(v, BigInteger.ZERO, BigInteger.valueOf(0xFFFF_FFFFL));
      case LONG -> range(v, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE));
      case UNSIGNED_LONG -> range(v, BigInteger.ZERO, MAX_UNSIGNED_LONG);
      case BOOLEAN ->
          parseBoolean(v).isPresent()
              ? Optional.empty()
              : Optional.of("'" + value + "' is not a boolean (0, 1, true or false)");
      case DATE_TIME ->
          DateTimes.parse(v).isPresent()
              ? Optional.empty()
              : Optional.of("'" + value + "' is not an ISO 8601 dateTime");
      case BASE64 ->
          BASE64_TEXT.matcher(v).matches() ? Optional.empty() : Optional.of("value is not base64");
      case HEX_BINARY ->
          HEX_TEXT.matcher(v).matches()
              ? Optional.empty()
              : Optional.of("value is not hexBinary (an even number of hex digits)");
    };
  }

  /** Reads a CWMP boolean; {@code 0/1/true/false} in any case. */
  public static Optional<Boolean> parseBoolean(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "1", "true" -> Optional.of(true);
      case "0", "false" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  private Optional<String> range(String v, BigInteger min, BigInteger max) {
    try {
      BigInteger n = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
      if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
        return Optional.of(v + " is out of range for " + xsdName + " [" + min + ", " + max + "]");
      }
      return Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.of("'" + v + "' is not an integer (" + xsdName + ")");
    }
  }
}
