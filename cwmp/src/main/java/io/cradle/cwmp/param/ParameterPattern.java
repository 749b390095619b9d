package io.cradle.cwmp.param;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parameter path in which {@code {i}} or {@code *} stands for any instance, the way data models
 * name their parameters: {@code Device.Services.VoiceService.{i}.VoiceProfile.{i}.Line.{i}.Enable}.
 *
 * <p>A placeholder matches an instance number or an {@code [alias]}, since both address one
 * instance; it never matches a name, so a pattern and a path match only segment for segment.
 */
public final class ParameterPattern {

  private final String text;
  private final List<String> segments;

  private ParameterPattern(String text) {
    this.text = text;
    this.segments = text.isEmpty() ? List.of() : PathSyntax.split(text);
  }

  /**
   * Parses a pattern: a valid path in which any instance number may be a placeholder.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static ParameterPattern parse(String pattern) {
    Objects.requireNonNull(pattern, "parameter pattern");
    Optional<String> problem = PathSyntax.problem(pattern, ParameterPattern::isPlaceholder);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(
          "invalid parameter pattern '" + pattern + "': " + problem.get());
    }
    return new ParameterPattern(pattern);
  }

  /** Whether {@code path} has the same shape, with an instance wherever this has a placeholder. */
  public boolean matches(ParameterPath path) {
    List<String> actual = path.segments();
    if (path.isObject() != isObject() || actual.size() != segments.size()) {
      return false;
    }
    for (int i = 0; i < segments.size(); i++) {
      String expected = segments.get(i);
      boolean fits =
          isPlaceholder(expected)
              ? PathSyntax.isInstance(actual.get(i)) || PathSyntax.isAlias(actual.get(i))
              : expected.equals(actual.get(i));
      if (!fits) {
        return false;
      }
    }
    return true;
  }

  private boolean isObject() {
    return text.isEmpty() || text.endsWith(".");
  }

  private static boolean isPlaceholder(String segment) {
    return segment.equals("{i}") || segment.equals("*");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterPattern other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
