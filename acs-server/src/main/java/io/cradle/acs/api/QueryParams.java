package io.cradle.acs.api;

/** Strict reading of query parameters: a typo gets a 400 that names it, not a silent default. */
public final class QueryParams {

  private QueryParams() {}

  static Boolean bool(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default ->
          throw ApiException.badRequest(name + " must be true or false, was '" + value + "'");
    };
  }

  public static int integer(String name, String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a whole number, was '" + value + "'");
    }
  }
}
