package io.cradle.cwmp.param;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The lexical rules shared by {@link ParameterPath} and {@link ParameterPattern}. */
final class PathSyntax {

  static final int MAX_LENGTH = 256;

  /** Instance numbers are unsignedInt in the CWMP schemas; 0 is never assigned. */
  static final long MAX_INSTANCE = 0xFFFF_FFFFL;

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern INSTANCE = Pattern.compile("[1-9][0-9]{0,9}");

  // TR-069 Amd 4 Alias values: string(64), non-empty, starting with a letter; '.' and brackets
  // would make the path ambiguous.
  private static final Pattern ALIAS = Pattern.compile("\\[[A-Za-z][^.\\[\\]\\s]{0,63}]");

  private PathSyntax() {}

  /** The segments of a non-empty path, without the trailing '.' of an object path. */
  static List<String> split(String text) {
    String body = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    return Arrays.asList(body.split("\\.", -1));
  }

  static boolean isName(String segment) {
    return NAME.matcher(segment).matches();
  }

  static boolean isInstance(String segment) {
    return INSTANCE.matcher(segment).matches() && Long.parseLong(segment) <= MAX_INSTANCE;
  }

  static boolean isAlias(String segment) {
    return ALIAS.matcher(segment).matches();
  }

  /** Why {@code text} is not a valid concrete path, or empty when it is. */
  static Optional<String> problem(String text) {
    return problem(text, segment -> false);
  }

  /**
   * Why {@code text} is not a valid path, or empty when it is.
   *
   * @param placeholder further segments accepted wherever an instance number may stand
   */
  static Optional<String> problem(String text, Predicate<String> placeholder) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.length() > MAX_LENGTH) {
      return Optional.of("longer than " + MAX_LENGTH + " characters");
    }
    List<String> segments = split(text);
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      if (segment.isEmpty()) {
        return Optional.of(
            i == 0 ? "starts with '.'" : "has an empty segment (\"..\") after segment " + i);
      }
      if (isName(segment)) {
        continue;
      }
      if (i == 0) {
        return Optional.of("must start with an object name, not '" + segment + "'");
      }
      if (isInstance(segment) || isAlias(segment) || placeholder.test(segment)) {
        continue;
      }
      return Optional.of(
          segment.chars().allMatch(c -> c >= '0' && c <= '9')
              ? "'"
                  + segment
                  + "' is not an instance number (1 to "
                  + MAX_INSTANCE
                  + ", no leading zeros)"
              : "'"
                  + segment
                  + "' is neither a name ([A-Za-z_][A-Za-z0-9_-]*), an instance number nor an"
                  + " [alias]");
    }
    String last = segments.get(segments.size() - 1);
    if (!text.endsWith(".") && !isName(last)) {
      return Optional.of("'" + last + "' names an object instance, so the path must end with '.'");
    }
    return Optional.empty();
  }
}
