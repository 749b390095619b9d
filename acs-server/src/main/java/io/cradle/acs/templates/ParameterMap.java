package io.cradle.acs.templates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which TR-069 parameters of a WP820 report which P-value, and how the value is written on each
 * side ({@code tr069-pvalues.csv}). Only these parameters can show drift: the rest of a template is
 * visible to the phone alone.
 */
public final class ParameterMap {

  /** One mapped parameter. {@code words} maps a TR-069 word to its P-value; empty if none. */
  public record Mapping(
      String parameter, String number, String translation, Map<String, String> words) {

    /** The reported TR-069 value as the P-value it stands for; empty if it cannot be read. */
    public Optional<String> toPValue(String reported) {
      if (reported == null) {
        return Optional.empty();
      }
      switch (translation) {
        case "boolean":
          String v = reported.strip();
          if (v.equals("1") || v.equalsIgnoreCase("true")) {
            return Optional.of("1");
          }
          if (v.equals("0") || v.equalsIgnoreCase("false")) {
            return Optional.of("0");
          }
          return Optional.empty();
        case "words":
          return Optional.ofNullable(words.get(reported));
        default:
          return Optional.of(reported);
      }
    }
  }

  private static final ParameterMap WP820 = load("tr069-pvalues.csv");

  private final Map<String, Mapping> byParameter;

  private ParameterMap(Map<String, Mapping> byParameter) {
    this.byParameter = byParameter;
  }

  public static ParameterMap wp820() {
    return WP820;
  }

  public Optional<Mapping> of(String parameter) {
    return Optional.ofNullable(byParameter.get(parameter));
  }

  public Collection<Mapping> all() {
    return byParameter.values();
  }

  private static ParameterMap load(String resource) {
    try (InputStream in = ParameterMap.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      Map<String, Mapping> map = new LinkedHashMap<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(";", -1);
        String translation = f[2];
        Map<String, String> words = new LinkedHashMap<>();
        if (translation.startsWith("words:")) {
          for (String pair : translation.substring("words:".length()).split("\\|")) {
            String[] kv = pair.split("=", 2);
            words.put(kv[0], kv[1]);
          }
          translation = "words";
        }
        map.put(f[0], new Mapping(f[0], f[1], translation, Map.copyOf(words)));
      }
      return new ParameterMap(Map.copyOf(map));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
