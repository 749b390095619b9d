package io.cradle.cpe.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps config-file v2 aliases ({@code account.1.sip.server.1.address}) to P-values, read from
 * {@code aliases.csv}. Only unambiguous values translate: numbers, and Yes/No for 0/1 settings;
 * other words ({@code HTTPS}, {@code UserIsPhone}) stay untranslated rather than guessed.
 */
public final class ConfigAliases {

  private static final String RESOURCE = "aliases.csv";
  private static final List<String> BOOLEAN = List.of("0", "1");
  private static final Map<String, String> BOOLEAN_WORDS =
      Map.of("Yes", "1", "No", "0", "Enabled", "1", "Disabled", "0");

  private final PValueCatalog catalog;
  private final Map<String, String> numbers;

  private ConfigAliases(PValueCatalog catalog, Map<String, String> numbers) {
    this.catalog = catalog;
    this.numbers = Map.copyOf(numbers);
  }

  /** The alias table shipped with the agent; every target must be in {@code catalog}. */
  public static ConfigAliases wp820(PValueCatalog catalog) {
    Map<String, String> numbers = new HashMap<>();
    try (InputStream in = ConfigAliases.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int lineNo = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(";", -1);
        if (f.length != 2 || catalog.find(f[1]).isEmpty() || numbers.put(f[0], f[1]) != null) {
          throw new IllegalStateException(
              RESOURCE + ":" + lineNo + ": expected a new alias;number with a catalogued number");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ConfigAliases(catalog, numbers);
  }

  /** The P-value number for {@code alias}, if known. */
  public Optional<String> number(String alias) {
    return Optional.ofNullable(numbers.get(alias));
  }

  /**
   * The P-value number and value an alias item stands for, or empty when the alias is unknown or
   * its value is a word this table cannot translate.
   */
  Optional<Map.Entry<String, String>> translate(String alias, String value) {
    String number = numbers.get(alias);
    if (number == null) {
      return Optional.empty();
    }
    PValueConstraint c = catalog.find(number).orElseThrow().constraint();
    boolean isBoolean = c instanceof PValueConstraint.OneOf o && o.allowed().equals(BOOLEAN);
    if (isBoolean && BOOLEAN_WORDS.containsKey(value)) {
      return Optional.of(Map.entry(number, BOOLEAN_WORDS.get(value)));
    }
    boolean numeric = c instanceof PValueConstraint.OneOf || c instanceof PValueConstraint.IntRange;
    if (numeric && !value.matches("-?[0-9]+")) {
      return Optional.empty();
    }
    return Optional.of(Map.entry(number, value));
  }
}
