package io.cradle.cpe.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed Grandstream {@code <gs_provision>} config file: the MAC it is for (if it says), its
 * P-value settings with their lines, and v2 aliases that map to no P-value, kept verbatim.
 */
public record ConfigFile(
    String source,
    Optional<String> mac,
    List<Setting> settings,
    Map<String, String> unmappedAliases) {

  /** One P-value assignment and the line it came from. */
  public record Setting(String number, String value, int line) {}

  private static final String AUTH_PASSWORD = "P1";
  private static final String AUTHENTICATE = "P240";
  private static final String ADMIN_PASSWORD = "P2";

  public ConfigFile {
    settings = List.copyOf(settings);
    unmappedAliases = Map.copyOf(unmappedAliases);
  }

  /**
   * Parses {@code content} (v1 P-values or v2 aliases); {@code source} names it in errors. Refuses
   * DTDs, unknown structure, encrypted content (see {@link ConfigCrypto}) and empty files.
   */
  public static ConfigFile parse(String source, byte[] content, ConfigAliases aliases)
      throws ConfigFileException {
    return ConfigFileReader.read(source, content, aliases);
  }

  /** The P-values to set; when a file repeats one, the later line wins. */
  public Map<String, String> pvalues() {
    Map<String, String> values = new LinkedHashMap<>();
    settings.forEach(s -> values.put(s.number(), s.value()));
    return values;
  }

  /**
   * Applies every setting to {@code store} at once, or none: a file for another MAC, one failing
   * config-file authentication, or one with a value the store refuses changes nothing.
   *
   * <p>Authentication follows the WP820 admin guide: when the phone's P240 is 1 the file must carry
   * P1 equal to the phone's current admin password (P2). P1 is never stored, authenticated or not.
   */
  public void applyTo(PValueStore store, String ownMac) throws ConfigFileException {
    String own = normalizeMac(ownMac);
    if (mac.isPresent() && !mac.get().equals(own)) {
      throw new ConfigFileException(
          source, 0, "file is for MAC " + mac.get() + ", this phone is " + own);
    }
    Map<String, String> values = pvalues();
    String presented = values.remove(AUTH_PASSWORD);
    if ("1".equals(store.get(AUTHENTICATE).orElse("0"))) {
      authenticate(presented, store.get(ADMIN_PASSWORD).orElse(""));
    }
    try {
      store.setAll(values);
    } catch (InvalidPValueException e) {
      throw new ConfigFileException(source, lineOf(e.number()), e.getMessage(), e);
    }
  }

  private void authenticate(String presented, String adminPassword) throws ConfigFileException {
    if (presented == null) {
      throw new ConfigFileException(
          source, 0, "config file authentication (P240) is on but the file has no P1");
    }
    boolean match =
        MessageDigest.isEqual( // constant time: P1 is a password
            presented.getBytes(StandardCharsets.UTF_8),
            adminPassword.getBytes(StandardCharsets.UTF_8));
    if (!match) {
      throw new ConfigFileException(
          source,
          lineOf(AUTH_PASSWORD),
          "config file authentication (P240) failed: P1 does not match the admin password (P2)");
    }
  }

  /** The line of the last setting of {@code number}, the one that took effect; 0 if none. */
  private int lineOf(String number) {
    return settings.stream()
        .filter(s -> s.number().equals(number))
        .mapToInt(Setting::line)
        .reduce((first, last) -> last)
        .orElse(0);
  }

  /**
   * {@code 00:0B:82-12-34-56} → {@code 000b82123456}, the form file names and {@code <mac>} use.
   */
  public static String normalizeMac(String mac) {
    return mac.replaceAll("[:\\-\\s]", "").toLowerCase(Locale.ROOT);
  }
}
