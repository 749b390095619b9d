package io.cradle.cwmp.param;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A TR-069 parameter name or partial path, e.g. {@code Device.LAN.IPAddress}, {@code Device.LAN.}
 * or {@code ""} for the whole tree.
 *
 * <p>Paths are dot-separated and case-sensitive; object (partial) paths end with '.'. A segment is
 * a name ({@code [A-Za-z_][A-Za-z0-9_-]*}), an instance number (1 to 4294967295, no leading zero)
 * or an alias ({@code [cpe-1]}, CWMP 1.4 alias-based addressing). Instances and aliases never start
 * a path and never end a parameter name. At most 256 characters ({@code Name} string(256)).
 *
 * <p>{@link #parse} and {@link #tryParse} enforce these rules. Receivers of CPE data use {@link
 * #lenient} instead: real CPEs break them (a Thomson SpeedTouch 780 reports {@code
 * .ExternalIPAddress}), and dropping such a parameter, or failing the session over it, helps
 * nobody. A lenient path keeps its text verbatim so it can be stored and echoed back to the CPE
 * unchanged; {@link #isValid()} tells it apart.
 */
public final class ParameterPath {

  /** The empty path: the whole tree, as in GetParameterNames with ParameterPath "". */
  public static final ParameterPath ROOT = new ParameterPath("", List.of(), true);

  private final String text;
  private final List<String> segments;
  private final boolean valid;

  private ParameterPath(String text, List<String> segments, boolean valid) {
    this.text = text;
    this.segments = segments;
    this.valid = valid;
  }

  /**
   * Parses a path that must follow the rules.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static ParameterPath parse(String text) {
    Objects.requireNonNull(text, "parameter path");
    Optional<String> problem = PathSyntax.problem(text);
    if (problem.isPresent()) {
      throw new IllegalArgumentException("invalid parameter path '" + text + "': " + problem.get());
    }
    return create(text, true);
  }

  /** Parses a path that must follow the rules; empty when it does not (or is null). */
  public static Optional<ParameterPath> tryParse(String text) {
    if (text == null || PathSyntax.problem(text).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(create(text, true));
  }

  /**
   * Accepts any name a CPE sends, after trimming surrounding whitespace; never throws for non-null
   * text. The result is {@linkplain #isValid() valid} exactly when {@link #tryParse} would accept
   * the trimmed text.
   */
  public static ParameterPath lenient(String text) {
    String trimmed = Objects.requireNonNull(text, "parameter path").strip();
    return create(trimmed, PathSyntax.problem(trimmed).isEmpty());
  }

  private static ParameterPath create(String text, boolean valid) {
    return text.isEmpty() ? ROOT : new ParameterPath(text, PathSyntax.split(text), valid);
  }

  /** Whether this path follows the rules; false only for paths made by {@link #lenient}. */
  public boolean isValid() {
    return valid;
  }

  /** Whether this names an object (ends with '.') or is the root. */
  public boolean isObject() {
    return text.isEmpty() || text.endsWith(".");
  }

  public boolean isRoot() {
    return text.isEmpty();
  }

  /** The names, instance numbers and aliases, without dots; empty for the root. */
  public List<String> segments() {
    return segments;
  }

  /**
   * The last segment: {@code IPAddress} for {@code Device.LAN.IPAddress}, {@code 2} for {@code
   * Device.X.2.}.
   *
   * @throws IllegalStateException for the root
   */
  public String lastSegment() {
    if (isRoot()) {
      throw new IllegalStateException("the root path has no segments");
    }
    return segments.get(segments.size() - 1);
  }

  /**
   * The object that contains this one: {@code Device.LAN.} for both {@code Device.LAN.IPAddress}
   * and {@code Device.LAN.DHCP.}; the root for {@code Device.}.
   *
   * @throws IllegalStateException for the root
   */
  public ParameterPath parent() {
    if (isRoot()) {
      throw new IllegalStateException("the root path has no parent");
    }
    String body = isObject() ? text.substring(0, text.length() - 1) : text;
    String parent = body.substring(0, body.lastIndexOf('.') + 1);
    return create(parent, valid || PathSyntax.problem(parent).isEmpty());
  }

  /**
   * The path one segment below this object: {@code child("IPAddress")} for a parameter, {@code
   * child("LAN.")} or {@code child("3.")} for an object.
   *
   * @throws IllegalStateException if this is a parameter, which has no children
   * @throws IllegalArgumentException if {@code segment} is not one segment or breaks the rules
   */
  public ParameterPath child(String segment) {
    if (!isObject()) {
      throw new IllegalStateException(text + " is a parameter, not an object");
    }
    int dot = segment.indexOf('.');
    if (segment.isEmpty() || dot >= 0 && dot != segment.length() - 1) {
      throw new IllegalArgumentException("'" + segment + "' is not a single path segment");
    }
    return valid ? parse(text + segment) : lenient(text + segment);
  }

  /** The instance object {@code <this><instanceNumber>.}, e.g. after AddObject. */
  public ParameterPath child(long instanceNumber) {
    return child(instanceNumber + ".");
  }

  /**
   * Whether {@code other} is this path or lies below it. A parameter name is a prefix only of
   * itself: {@code Device.LAN.IPAddress} does not cover {@code Device.LAN.IPAddressMask}.
   */
  public boolean isPrefixOf(ParameterPath other) {
    return isObject() ? other.text.startsWith(text) : text.equals(other.text);
  }

  /** Whether this path is {@code prefix} or lies below it; see {@link #isPrefixOf}. */
  public boolean startsWith(ParameterPath prefix) {
    return prefix.isPrefixOf(this);
  }

  /**
   * Whether this is an object or parameter immediately inside {@code object}: what
   * GetParameterNames with NextLevel=true returns for it.
   */
  public boolean isDirectChildOf(ParameterPath object) {
    return !isRoot() && object.isObject() && parent().equals(object);
  }

  /** Whether any segment is a vendor extension ({@code X_GRANDSTREAM_…}, {@code X_001565_…}). */
  public boolean isVendorExtension() {
    return segments.stream().anyMatch(segment -> segment.startsWith("X_"));
  }

  /** The instance numbers in this path, outermost first: {@code [1, 2]} for {@code …1.Line.2.}. */
  public List<Long> instanceNumbers() {
    return segments.stream().filter(PathSyntax::isInstance).map(Long::valueOf).toList();
  }

  /**
   * Whether this path fits a data-model pattern such as {@code
   * Device.Services.VoiceService.{i}.VoiceProfile.{i}.Line.{i}.Enable}.
   *
   * @throws IllegalArgumentException if the pattern itself is invalid
   * @see ParameterPattern
   */
  public boolean matches(String pattern) {
    return ParameterPattern.parse(pattern).matches(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterPath other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The path as sent on the wire. */
  @Override
  public String toString() {
    return text;
  }
}
