package io.cradle.cpe.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The WP820 P-values that have known meaning, read from {@code pvalues.csv}. P-values not listed
 * here are still valid: the phone keeps them verbatim as text.
 */
public final class PValueCatalog {

  private static final Pattern NUMBER = Pattern.compile("P[1-9][0-9]{0,5}");
  private static final String RESOURCE = "pvalues.csv";

  private final Map<String, PValueDef> byNumber;
  private final Map<String, PValueDef> byName;

  private PValueCatalog(Map<String, PValueDef> byNumber) {
    this.byNumber = Collections.unmodifiableMap(byNumber);
    Map<String, PValueDef> names = new LinkedHashMap<>();
    byNumber.values().forEach(d -> names.put(d.name(), d));
    this.byName = Collections.unmodifiableMap(names);
  }

  /** The catalog shipped with the agent: one immutable instance shared by every phone. */
  public static PValueCatalog wp820() {
    return Wp820.CATALOG;
  }

  /** Loaded on first use, once per JVM: a fleet of thousands shares it. */
  private static final class Wp820 {
    static final PValueCatalog CATALOG = load();
  }

  private static PValueCatalog load() {
    try (InputStream in = PValueCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(RESOURCE, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses {@code number;name;constraint;default;description} lines ({@code #} starts a comment).
   * Each default must satisfy its own constraint, so a typo in the table fails at startup.
   */
  static PValueCatalog parse(String source, InputStream in) throws IOException {
    Map<String, PValueDef> defs = new LinkedHashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    int lineNo = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(";", -1);
      String where = source + ":" + lineNo + ": ";
      if (f.length != 5 || !isPValueNumber(f[0])) {
        throw new IllegalStateException(where + "expected number;name;constraint;default;text");
      }
      PValueDef def;
      try {
        def = new PValueDef(f[0], f[1], PValueConstraint.parse(f[2]), f[3], f[4]);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(where + e.getMessage(), e);
      }
      def.check(def.defaultValue())
          .ifPresent(
              why -> {
                throw new IllegalStateException(where + "default of " + def.label() + " is " + why);
              });
      if (defs.put(def.number(), def) != null) {
        throw new IllegalStateException(where + "duplicate " + def.number());
      }
    }
    return new PValueCatalog(defs);
  }

  /** True for P-value numbers such as {@code P47}; no leading zeros, so each has one spelling. */
  public static boolean isPValueNumber(String s) {
    return NUMBER.matcher(s).matches();
  }

  /** The definition of {@code number} ({@code P47}), if the catalog knows it. */
  public Optional<PValueDef> find(String number) {
    return Optional.ofNullable(byNumber.get(number));
  }

  /** The definition with readable name {@code name} ({@code account1.sipServer}). */
  public Optional<PValueDef> findByName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Every known definition, in table order. */
  public Collection<PValueDef> all() {
    return byNumber.values();
  }
}
