package io.cradle.acs.templates;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure: which templates apply to a device (global &lt; model &lt; site &lt; device), their merged
 * P-values, and the variables in them resolved. A variable without a value is an error naming the
 * P-value and the variable; it is never rendered as an empty string.
 */
public final class Rendering {

  /** {@code ${name}}; names are letters, digits, '.', '_' and '-', starting with a letter. */
  static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

  /** A device's merged values, which template each came from, and what could not be resolved. */
  public record Rendered(
      SortedMap<String, String> pvalues, Map<String, String> sources, List<String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  private Rendering() {}

  /** The templates that apply to {@code device}, least specific first. */
  public static List<Template> chain(Collection<Template> templates, DeviceTarget device) {
    List<Template> chain = new ArrayList<>();
    for (Template t : templates) {
      if (applies(t, device)) {
        chain.add(t);
      }
    }
    chain.sort(Comparator.comparing(Template::scope));
    return chain;
  }

  public static boolean applies(Template t, DeviceTarget device) {
    switch (t.scope()) {
      case GLOBAL:
        return true;
      case MODEL:
        return t.match().equalsIgnoreCase(device.model());
      case SITE:
        return !device.site().isEmpty() && t.match().equals(device.site());
      default:
        return t.match().equalsIgnoreCase(device.mac());
    }
  }

  /** Merges {@code chain} and resolves its variables from {@code variables}. */
  public static Rendered render(List<Template> chain, Map<String, String> variables) {
    SortedMap<String, String> raw = new TreeMap<>(PValueCatalog.BY_NUMBER);
    Map<String, String> sources = new LinkedHashMap<>();
    for (Template t : chain) {
      raw.putAll(t.pvalues());
      t.pvalues().keySet().forEach(p -> sources.put(p, t.name()));
    }
    SortedMap<String, String> out = new TreeMap<>(PValueCatalog.BY_NUMBER);
    List<String> errors = new ArrayList<>();
    PValueCatalog catalog = PValueCatalog.wp820();
    raw.forEach(
        (number, value) -> {
          List<String> missing = new ArrayList<>();
          String resolved = substitute(value, variables, missing);
          if (!missing.isEmpty()) {
            errors.add(
                "%s%s (template %s): no value for %s"
                    .formatted(
                        number, named(number), sources.get(number), String.join(", ", missing)));
            return;
          }
          Optional<String> refused = catalog.check(number, resolved);
          if (refused.isPresent()) {
            errors.add(
                "%s%s (template %s): '%s' is %s"
                    .formatted(
                        number,
                        named(number),
                        sources.get(number),
                        catalog.isSecret(number) ? "(secret)" : resolved,
                        refused.get()));
            return;
          }
          out.put(number, resolved);
        });
    return new Rendered(out, sources, errors);
  }

  /**
   * What is wrong with a template's values before any device is known: P-numbers, variable syntax,
   * and the values without variables checked against the catalog. Empty if nothing.
   */
  public static List<String> check(Map<String, String> pvalues) {
    List<String> errors = new ArrayList<>();
    PValueCatalog catalog = PValueCatalog.wp820();
    pvalues.forEach(
        (number, value) -> {
          if (!PValueCatalog.NUMBER.matcher(number).matches()) {
            errors.add("'" + number + "' is not a P-value number (P followed by digits, e.g. P47)");
            return;
          }
          if (value == null) {
            errors.add(number + ": a value is required (use \"\" for empty)");
            return;
          }
          Matcher m = VARIABLE.matcher(value);
          boolean hasVariables = false;
          while (m.find()) {
            hasVariables = true;
            if (!VARIABLE_NAME.matcher(m.group(1)).matches()) {
              errors.add(number + ": '${" + m.group(1) + "}' is not a variable name");
            }
          }
          if (VARIABLE.matcher(value).replaceAll("").contains("${")) {
            errors.add(number + ": unclosed '${' in '" + value + "'");
          } else if (!hasVariables) {
            catalog
                .check(number, value)
                .ifPresent(
                    why ->
                        errors.add(
                            "%s%s: '%s' is %s"
                                .formatted(
                                    number,
                                    named(number),
                                    catalog.isSecret(number) ? "(secret)" : value,
                                    why)));
          }
        });
    return errors;
  }

  /** The variables a device has: built-ins, its SIP accounts, then its own (which win). */
  public static Map<String, String> variables(
      DeviceTarget device, Collection<SipAccount> accounts) {
    // Only non-empty values: a template that needs a device's name gets an error until it has one.
    Map<String, String> v = new LinkedHashMap<>();
    putIfSet(v, "device.mac", device.mac());
    putIfSet(v, "device.serial", device.serialNumber());
    putIfSet(v, "device.name", device.name());
    putIfSet(v, "device.site", device.site());
    putIfSet(v, "device.model", device.model());
    for (SipAccount a : accounts) {
      String prefix = "account" + a.line() + ".";
      putIfSet(v, prefix + "server", a.server());
      putIfSet(v, prefix + "userId", a.userId());
      putIfSet(v, prefix + "authId", a.authId().isEmpty() ? a.userId() : a.authId());
      putIfSet(v, prefix + "password", a.password());
      putIfSet(v, prefix + "displayName", a.displayName());
    }
    v.putAll(device.variables());
    return v;
  }

  private static String substitute(
      String value, Map<String, String> variables, List<String> missing) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = variables.get(m.group(1));
      if (v == null) {
        missing.add("${" + m.group(1) + "}");
        v = "";
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static void putIfSet(Map<String, String> v, String name, String value) {
    if (value != null && !value.isEmpty()) {
      v.put(name, value);
    }
  }

  private static String named(String number) {
    String name = PValueCatalog.wp820().nameOf(number);
    return name.isEmpty() ? "" : " " + name;
  }

  /** {@code wp820} → {@code WP820}: models are matched regardless of case but stored upper. */
  static String normalizeModel(String model) {
    return model.strip().toUpperCase(Locale.ROOT);
  }
}
