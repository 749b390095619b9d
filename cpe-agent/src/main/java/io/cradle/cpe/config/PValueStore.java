package io.cradle.cpe.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The phone's settings as P-values: catalog defaults overlaid with values set by the user, a config
 * file or the ACS. Every change is validated; a multi-set is all or nothing.
 */
public final class PValueStore {

  /** Orders {@code P2} before {@code P10}, as the admin guide lists them. */
  static final Comparator<String> BY_NUMBER =
      Comparator.comparingLong((String p) -> Long.parseLong(p.substring(1)));

  private final PValueCatalog catalog;
  private final Map<String, String> overrides = new HashMap<>();
  private final List<PValueListener> listeners = new CopyOnWriteArrayList<>();

  /** A store holding factory defaults only. */
  public PValueStore(PValueCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog);
  }

  public PValueCatalog catalog() {
    return catalog;
  }

  /** The current value of {@code number}; empty only for an unknown P-value never set. */
  public synchronized Optional<String> get(String number) {
    String value = overrides.get(number);
    if (value != null) {
      return Optional.of(value);
    }
    return catalog.find(number).map(PValueDef::defaultValue);
  }

  /** Sets one P-value; throws {@link InvalidPValueException} and keeps the old value if refused. */
  public void set(String number, String value) {
    setAll(Map.of(number, value));
  }

  /**
   * Sets several P-values at once: if any is refused nothing changes and the exception names the
   * first refused one (in P-number order, so the report is stable).
   */
  public void setAll(Map<String, String> values) {
    Map<String, String> sorted = new TreeMap<>(BY_NUMBER);
    values.keySet().forEach(k -> requireNumber(k, values.get(k)));
    sorted.putAll(values);
    Map<String, String> changed = new LinkedHashMap<>();
    synchronized (this) {
      sorted.forEach(this::validate);
      sorted.forEach(
          (number, value) -> {
            if (!value.equals(get(number).orElse(null))) {
              changed.put(number, value);
            }
            overrides.put(number, value);
          });
    }
    fire(changed);
  }

  /** Forgets every value set, so each P-value reads its catalog default again. */
  public void factoryReset() {
    Map<String, String> changed = new LinkedHashMap<>();
    synchronized (this) {
      Map<String, String> before = snapshot();
      overrides.clear();
      Map<String, String> after = snapshot();
      before.forEach(
          (number, old) -> {
            String now = after.get(number);
            if (!old.equals(now)) {
              changed.put(number, now == null ? "" : now);
            }
          });
    }
    fire(changed);
  }

  /** Every current value (defaults included), sorted by P-number. */
  public synchronized Map<String, String> snapshot() {
    Map<String, String> all = new TreeMap<>(BY_NUMBER);
    catalog.all().forEach(d -> all.put(d.number(), d.defaultValue()));
    all.putAll(overrides);
    return all;
  }

  public void addListener(PValueListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  public void removeListener(PValueListener listener) {
    listeners.remove(listener);
  }

  /** Saves the values set (not the defaults, so a newer catalog's defaults still apply). */
  public void save(Path file) throws ConfigStoreException {
    Map<String, String> copy;
    synchronized (this) {
      copy = new HashMap<>(overrides);
    }
    PValueFile.save(file, copy);
  }

  /**
   * Replaces the values set with those saved in {@code file}. A corrupt file or one holding a value
   * the catalog refuses changes nothing.
   */
  public void load(Path file) throws ConfigStoreException {
    Map<String, String> loaded = PValueFile.load(file);
    synchronized (this) {
      try {
        loaded.forEach(this::validate);
      } catch (InvalidPValueException e) {
        throw new ConfigStoreException("corrupt settings file " + file + ": " + e.getMessage(), e);
      }
      overrides.clear();
      overrides.putAll(loaded);
    }
  }

  /** The current configuration as a {@code <gs_provision>} file for the phone with {@code mac}. */
  public String exportProvisioning(String mac) {
    return ConfigFileWriter.write(mac, snapshot());
  }

  private void validate(String number, String value) {
    requireNumber(number, value);
    Optional<PValueDef> def = catalog.find(number);
    String label = def.map(PValueDef::label).orElse(number);
    Optional<String> why = xmlUnsafe(value).or(() -> def.flatMap(d -> d.check(value)));
    if (why.isPresent()) {
      throw new InvalidPValueException(label, number, value, why.get());
    }
  }

  private static void requireNumber(String number, String value) {
    if (number == null || !PValueCatalog.isPValueNumber(number)) {
      throw new InvalidPValueException(
          String.valueOf(number), String.valueOf(number), value, "not a P-value number");
    }
    if (value == null) {
      throw new InvalidPValueException(number, number, "null", "no value");
    }
  }

  /** Control characters cannot be exported in a config file, so no P-value may hold them. */
  private static Optional<String> xmlUnsafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return Optional.of("contains control character U+" + String.format("%04X", (int) c));
      }
    }
    return Optional.empty();
  }

  private void fire(Map<String, String> changed) {
    if (!changed.isEmpty()) {
      Map<String, String> view = Collections.unmodifiableMap(changed);
      listeners.forEach(l -> l.onChanged(view));
    }
  }
}
