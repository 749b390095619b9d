package io.cradle.cpe.model;

import io.cradle.cwmp.param.ParameterPath;
import io.cradle.cwmp.param.ParameterType;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One leaf of the data model: its full name, type, access and notification rules, and the {@link
 * Binding} that says where its value lives.
 *
 * @param writable whether SetParameterValues may change it
 * @param activeNotifyAllowed false for parameters that refuse active notification (9009), such as
 *     counters that change all the time
 * @param hidden a password: GetParameterValues and Informs show it as {@code ""}
 * @param forcedInform always sent in the Inform ParameterList
 * @param defaultNotification the notification attribute before the ACS sets one (0, 1 or 2)
 */
public record Parameter(
    String name,
    ParameterType type,
    boolean writable,
    boolean activeNotifyAllowed,
    boolean hidden,
    boolean forcedInform,
    int defaultNotification,
    Binding binding) {

  public Parameter {
    ParameterPath path = ParameterPath.parse(name);
    if (path.isObject()) {
      throw new IllegalArgumentException(name + " is an object path, not a parameter name");
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(binding, "binding");
    if (defaultNotification < 0 || defaultNotification > 2) {
      throw new IllegalArgumentException("default notification must be 0, 1 or 2");
    }
    if (writable && !(binding instanceof Binding.PValue)) {
      throw new IllegalArgumentException(name + ": only P-value bindings can be writable");
    }
    // Every phone of a fleet builds the same tree: one copy of each name serves them all.
    name = name.intern();
  }

  /** A writable parameter stored in P-value {@code number}, spelled the same on both sides. */
  public static Parameter pvalue(String name, ParameterType type, String number) {
    return pvalue(name, type, number, Translation.IDENTITY);
  }

  /** A writable parameter stored in P-value {@code number} through {@code translation}. */
  public static Parameter pvalue(
      String name, ParameterType type, String number, Translation translation) {
    return new Parameter(
        name, type, true, true, false, false, 0, new Binding.PValue(number, translation));
  }

  /** A read-only xsd:boolean stored as {@code 1/0}. */
  public static Parameter pvalueBoolean(String name, String number) {
    return pvalue(name, ParameterType.BOOLEAN, number, Translation.BOOLEAN);
  }

  /** A read-only value reported by a live subsystem. */
  public static Parameter live(String name, ParameterType type, Supplier<String> source) {
    return new Parameter(name, type, false, true, false, false, 0, new Binding.Live(source));
  }

  /** A read-only string fixed for the life of the model. */
  public static Parameter fixed(String name, String value) {
    return new Parameter(
        name, ParameterType.STRING, false, true, false, false, 0, new Binding.Fixed(value));
  }

  public Parameter readOnly() {
    return new Parameter(
        name, type, false, activeNotifyAllowed, hidden, forcedInform, defaultNotification, binding);
  }

  /** Refuses active notification (SetParameterAttributes → 9009). */
  public Parameter denyActiveNotify() {
    return new Parameter(
        name, type, writable, false, hidden, forcedInform, defaultNotification, binding);
  }

  /** Reads as {@code ""} (TR-069 passwords). */
  public Parameter asHidden() {
    return new Parameter(
        name,
        type,
        writable,
        activeNotifyAllowed,
        true,
        forcedInform,
        defaultNotification,
        binding);
  }

  /** Always in the Inform ParameterList. */
  public Parameter asForcedInform() {
    return new Parameter(
        name, type, writable, activeNotifyAllowed, hidden, true, defaultNotification, binding);
  }

  public Parameter withDefaultNotification(int notification) {
    return new Parameter(
        name, type, writable, activeNotifyAllowed, hidden, forcedInform, notification, binding);
  }
}
