package io.cradle.acs.templates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The WP820 P-values the ACS knows (a copy of the simulated phone's catalog, {@code pvalues.csv}),
 * to check a template's values the way the phone will: a phone refuses a whole config file for one
 * bad value (fault 9018), so the operator hears about it when saving the template, not after a
 * Download failed on every phone. P-numbers not in the catalog are free text, as on the phone.
 */
public final class PValueCatalog {

  /** How P-numbers are written: {@code P1} … {@code P999999}, no leading zero. */
  public static final Pattern NUMBER = Pattern.compile("P[1-9][0-9]{0,5}");

  /** Orders P-numbers numerically (P2 before P10), as files and diffs list them. */
  public static final Comparator<String> BY_NUMBER =
      Comparator.comparingLong((String p) -> Long.parseLong(p.substring(1)));

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._\\-\\[\\]:/%~]*");

  /** One known P-value: its catalog name (e.g. {@code account1.sipServer}) and constraint. */
  public record Entry(String number, String name, String constraint, String description) {}

  private static final PValueCatalog WP820 = load("pvalues.csv");

  private final Map<String, Entry> entries;

  private PValueCatalog(Map<String, Entry> entries) {
    this.entries = entries;
  }

  public static PValueCatalog wp820() {
    return WP820;
  }

  public Optional<Entry> entry(String number) {
    return Optional.ofNullable(entries.get(number));
  }

  /** The catalog name, or empty for an unknown P-number. */
  public String nameOf(String number) {
    Entry e = entries.get(number);
    return e == null ? "" : e.name();
  }

  /** Passwords are never shown back (previews, audit): P1359, account passwords, P2, … */
  public boolean isSecret(String number) {
    return number.equals("P1") || nameOf(number).toLowerCase(Locale.ROOT).contains("password");
  }

  /** Why the phone would refuse {@code value} for {@code number}; empty if it accepts it. */
  public Optional<String> check(String number, String value) {
    if (!NUMBER.matcher(number).matches()) {
      return Optional.of("'" + number + "' is not a P-value number (P followed by digits)");
    }
    Entry e = entries.get(number);
    return e == null ? Optional.empty() : checkConstraint(e.constraint(), value);
  }

  static Optional<String> checkConstraint(String constraint, String value) {
    int colon = constraint.indexOf(':');
    String kind = colon < 0 ? constraint : constraint.substring(0, colon);
    String arg = colon < 0 ? "" : constraint.substring(colon + 1);
    switch (kind) {
      case "text":
        return value.length() <= Integer.parseInt(arg)
            ? Optional.empty()
            : Optional.of("longer than " + arg + " characters");
      case "int":
        int dots = arg.indexOf("..", 1);
        long min = Long.parseLong(arg.substring(0, dots));
        long max = Long.parseLong(arg.substring(dots + 2));
        try {
          long n = Long.parseLong(value);
          return n >= min && n <= max
              ? Optional.empty()
              : Optional.of("outside the range " + min + ".." + max);
        } catch (NumberFormatException ex) {
          return Optional.of("not an integer");
        }
      case "enum":
        return oneOf(List.of(arg.split("\\|")), value);
      case "bool":
        return oneOf(List.of("0", "1"), value);
      case "host":
        if (value.length() > 255) {
          return Optional.of("longer than 255 characters");
        }
        return HOST.matcher(value).matches()
            ? Optional.empty()
            : Optional.of("not a host[:port][/path]");
      case "url":
        return value.isEmpty() || isHttpUrl(value)
            ? Optional.empty()
            : Optional.of("not an http(s) URL");
      default:
        throw new IllegalStateException("unknown constraint " + constraint);
    }
  }

  private static Optional<String> oneOf(List<String> allowed, String value) {
    return allowed.contains(value)
        ? Optional.empty()
        : Optional.of("not one of " + String.join(", ", allowed));
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      return uri.getHost() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static PValueCatalog load(String resource) {
    try (InputStream in = PValueCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      Map<String, Entry> entries = new LinkedHashMap<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(";", -1);
        entries.put(f[0], new Entry(f[0], f[1], f[2], f[4]));
      }
      return new PValueCatalog(Map.copyOf(entries));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
