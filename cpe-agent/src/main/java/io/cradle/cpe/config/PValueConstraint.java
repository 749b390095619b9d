package io.cradle.cpe.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What values a P-value accepts; {@link #check} explains a rejection in words. */
public sealed interface PValueConstraint {

  /** Returns why {@code value} is not allowed, or empty when it is. */
  Optional<String> check(String value);

  /** Parses the catalog notation: {@code text:30}, {@code int:1..64800}, {@code enum:0|1|2}, … */
  static PValueConstraint parse(String spec) {
    int colon = spec.indexOf(':');
    String kind = colon < 0 ? spec : spec.substring(0, colon);
    String arg = colon < 0 ? "" : spec.substring(colon + 1);
    return switch (kind) {
      case "text" -> new Text(Integer.parseInt(arg));
      case "int" -> {
        int dots = arg.indexOf("..", 1); // from 1: the minimum may be negative
        if (dots < 0) {
          throw new IllegalArgumentException("int range needs min..max: " + spec);
        }
        yield new IntRange(
            Long.parseLong(arg.substring(0, dots)), Long.parseLong(arg.substring(dots + 2)));
      }
      case "enum" -> new OneOf(List.of(arg.split("\\|")));
      case "bool" -> new OneOf(List.of("0", "1"));
      case "host" -> new Host();
      case "url" -> new Url();
      default -> throw new IllegalArgumentException("unknown constraint: " + spec);
    };
  }

  /** Free text up to a maximum length; also what unknown P-values get (unbounded). */
  record Text(int maxLength) implements PValueConstraint {
    @Override
    public Optional<String> check(String value) {
      return value.length() <= maxLength
          ? Optional.empty()
          : Optional.of("longer than " + maxLength + " characters");
    }
  }

  /** A decimal integer within an inclusive range. */
  record IntRange(long min, long max) implements PValueConstraint {
    @Override
    public Optional<String> check(String value) {
      long n;
      try {
        n = Long.parseLong(value);
      } catch (NumberFormatException e) {
        return Optional.of("not an integer");
      }
      return n >= min && n <= max
          ? Optional.empty()
          : Optional.of("outside the range " + min + ".." + max);
    }
  }

  /** One of a fixed list of values (booleans are {@code 0|1}). */
  record OneOf(List<String> allowed) implements PValueConstraint {
    public OneOf {
      allowed = List.copyOf(allowed);
    }

    @Override
    public Optional<String> check(String value) {
      return allowed.contains(value)
          ? Optional.empty()
          : Optional.of("not one of " + String.join(", ", allowed));
    }
  }

  /**
   * A host name or IP with optional port and path ({@code fm.grandstream.com/gs}), or empty. The
   * phone's web UI is this lenient too, so only whitespace and obvious junk are refused.
   */
  record Host() implements PValueConstraint {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._\\-\\[\\]:/%~]*");

    @Override
    public Optional<String> check(String value) {
      if (value.length() > 255) {
        return Optional.of("longer than 255 characters");
      }
      return HOST.matcher(value).matches()
          ? Optional.empty()
          : Optional.of("not a host[:port][/path]");
    }
  }

  /** An absolute http(s) URL, or empty. */
  record Url() implements PValueConstraint {
    @Override
    public Optional<String> check(String value) {
      if (value.isEmpty()) {
        return Optional.empty();
      }
      try {
        URI uri = new URI(value);
        String scheme = uri.getScheme();
        if (uri.getHost() != null && ("http".equals(scheme) || "https".equals(scheme))) {
          return Optional.empty();
        }
      } catch (URISyntaxException e) {
        // falls through to the same answer as a URL with the wrong scheme
      }
      return Optional.of("not an http(s) URL");
    }
  }
}
