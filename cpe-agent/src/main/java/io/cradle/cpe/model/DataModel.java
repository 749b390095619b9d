package io.cradle.cpe.model;

import io.cradle.cpe.config.InvalidPValueException;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultCode;
import io.cradle.cwmp.message.GetParameterAttributesResponse;
import io.cradle.cwmp.message.GetParameterNamesResponse;
import io.cradle.cwmp.message.GetParameterValuesResponse;
import io.cradle.cwmp.message.ParameterAttribute;
import io.cradle.cwmp.message.ParameterInfo;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.SetParameterAttribute;
import io.cradle.cwmp.message.SetParameterAttributesResponse;
import io.cradle.cwmp.message.SetParameterValuesFault;
import io.cradle.cwmp.message.SetParameterValuesResponse;
import io.cradle.cwmp.param.ParameterPath;
import io.cradle.cwmp.param.ParameterType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The phone's TR-069 data model: a tree of {@link Parameter}s, each bound to a P-value, a live
 * subsystem or a fixed value. It holds no values of its own (architecture principle 3); objects are
 * implied by the parameter names.
 *
 * <p>The RPC methods answer with an {@link RpcResult}: the response, or the CWMP fault to send.
 * Changes the ACS makes through {@link #setParameterValues} are all-or-nothing and raise no value
 * change notification; changes made on the phone are tracked by {@link #notifications()}.
 */
public final class DataModel {

  /** ParameterKey is string(32). */
  static final int MAX_PARAMETER_KEY = 32;

  private final PValueStore store;
  private final Map<String, Parameter> leaves;

  /** Objects (ending '.') and leaves in tree order. */
  private final List<String> nodes;

  private final Set<String> objects;
  private final Parameter parameterKey;
  private final Notifications notifications;

  private DataModel(
      PValueStore store, Map<String, Parameter> leaves, Optional<String> parameterKeyName) {
    this.store = store;
    this.leaves = Collections.unmodifiableMap(new LinkedHashMap<>(leaves));
    List<String> order = new ArrayList<>();
    Set<String> objs = new LinkedHashSet<>();
    for (String name : leaves.keySet()) {
      int dot = name.indexOf('.');
      while (dot >= 0) {
        String object = name.substring(0, dot + 1);
        if (objs.add(object)) {
          order.add(object);
        }
        dot = name.indexOf('.', dot + 1);
      }
      order.add(name);
    }
    for (String name : leaves.keySet()) {
      if (objs.contains(name + ".")) {
        throw new IllegalArgumentException(name + " is both a parameter and an object");
      }
    }
    this.nodes = List.copyOf(order);
    this.objects = Collections.unmodifiableSet(objs);
    this.parameterKey =
        parameterKeyName
            .map(
                n -> {
                  Parameter p = leaves.get(n);
                  if (p == null || !(p.binding() instanceof Binding.PValue) || p.writable()) {
                    throw new IllegalArgumentException(
                        "ParameterKey " + n + " must be a read-only P-value parameter");
                  }
                  return p;
                })
            .orElse(null);
    this.notifications = new Notifications(this);
    store.addListener(notifications::onPValuesChanged);
    notifications.baselineLiveValues();
  }

  public static Builder builder(PValueStore store) {
    return new Builder(store);
  }

  /** Collects parameters; names must be unique and no name may also be an object. */
  public static final class Builder {
    private final PValueStore store;
    private final Map<String, Parameter> leaves = new LinkedHashMap<>();
    private String parameterKeyName;

    private Builder(PValueStore store) {
      this.store = Objects.requireNonNull(store);
    }

    public Builder add(Parameter parameter) {
      if (leaves.putIfAbsent(parameter.name(), parameter) != null) {
        throw new IllegalArgumentException("duplicate parameter " + parameter.name());
      }
      return this;
    }

    /**
     * Names the read-only P-value parameter that holds the ParameterKey: written only by a
     * successful SetParameterValues, in the same atomic store update as the values.
     */
    public Builder parameterKey(String name) {
      this.parameterKeyName = name;
      return this;
    }

    public DataModel build() {
      return new DataModel(store, leaves, Optional.ofNullable(parameterKeyName));
    }
  }

  // ---------------------------------------------------------------- queries

  public PValueStore store() {
    return store;
  }

  public Notifications notifications() {
    return notifications;
  }

  /** Every parameter, in tree order. */
  public List<Parameter> parameters() {
    return List.copyOf(leaves.values());
  }

  public Optional<Parameter> parameter(String name) {
    return Optional.ofNullable(leaves.get(name));
  }

  /** Whether {@code path} ({@code Device.LAN.}) is an object of this model. */
  public boolean isObject(String path) {
    return objects.contains(path);
  }

  /** The value GetParameterValues shows for {@code name} ({@code ""} for hidden parameters). */
  public Optional<String> value(String name) {
    return parameter(name).map(this::visibleValue);
  }

  /** The current ParameterKey, {@code ""} when the model has none. */
  public String parameterKey() {
    return parameterKey == null ? "" : read(parameterKey);
  }

  /** The value a parameter has now, hidden or not. */
  String read(Parameter p) {
    Binding b = p.binding();
    if (b instanceof Binding.PValue pv) {
      return pv.translation().toCwmp(store.get(pv.number()).orElse(""));
    }
    if (b instanceof Binding.Live live) {
      return Objects.requireNonNullElse(live.source().get(), "");
    }
    return ((Binding.Fixed) b).value();
  }

  String visibleValue(Parameter p) {
    return p.hidden() ? "" : read(p);
  }

  ParameterValue visible(Parameter p) {
    return new ParameterValue(p.name(), visibleValue(p), p.type());
  }

  /** The leaves a GPV/GPA/SPA name covers; empty when the name is unknown or malformed. */
  Optional<List<Parameter>> expand(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.strip();
    if (n.isEmpty()) {
      return Optional.of(parameters());
    }
    if (ParameterPath.tryParse(n).isEmpty()) {
      return Optional.empty();
    }
    if (n.endsWith(".")) {
      if (!objects.contains(n)) {
        return Optional.empty();
      }
      return Optional.of(leaves.values().stream().filter(p -> p.name().startsWith(n)).toList());
    }
    return parameter(n).map(List::of);
  }

  // ---------------------------------------------------------------- RPCs

  /**
   * GetParameterNames: {@code nextLevel} false lists the path itself and everything below it, true
   * only its immediate children; true with a parameter name is 9003, an unknown path 9005.
   */
  public RpcResult<GetParameterNamesResponse> getParameterNames(String path, boolean nextLevel) {
    String p = path == null ? "" : path.strip();
    if (!p.isEmpty() && ParameterPath.tryParse(p).isEmpty()) {
      return RpcResult.failed(fault(FaultCode.INVALID_PARAMETER_NAME, "invalid path " + p));
    }
    if (!p.isEmpty() && !p.endsWith(".")) {
      Parameter leaf = leaves.get(p);
      if (leaf == null) {
        return RpcResult.failed(fault(FaultCode.INVALID_PARAMETER_NAME, "no parameter " + p));
      }
      if (nextLevel) {
        return RpcResult.failed(
            fault(FaultCode.CPE_INVALID_ARGUMENTS, "NextLevel true with the parameter name " + p));
      }
      return RpcResult.ok(new GetParameterNamesResponse(List.of(info(p))));
    }
    if (!p.isEmpty() && !objects.contains(p)) {
      return RpcResult.failed(fault(FaultCode.INVALID_PARAMETER_NAME, "no object " + p));
    }
    List<ParameterInfo> out = new ArrayList<>();
    for (String node : nodes) {
      boolean include =
          nextLevel ? parentOf(node).equals(p) : node.startsWith(p) /* includes p itself */;
      if (include) {
        out.add(info(node));
      }
    }
    return RpcResult.ok(new GetParameterNamesResponse(out));
  }

  private ParameterInfo info(String node) {
    Parameter leaf = leaves.get(node);
    // Objects are fixed: no AddObject/DeleteObject on this model yet.
    return new ParameterInfo(node, leaf != null && leaf.writable());
  }

  private static String parentOf(String node) {
    String body = node.endsWith(".") ? node.substring(0, node.length() - 1) : node;
    return body.substring(0, body.lastIndexOf('.') + 1);
  }

  /** GetParameterValues: partial paths expand to their leaves; any unknown name fails it (9005). */
  public RpcResult<GetParameterValuesResponse> getParameterValues(List<String> names) {
    List<ParameterValue> out = new ArrayList<>();
    for (String name : names) {
      Optional<List<Parameter>> found = expand(name);
      if (found.isEmpty()) {
        return RpcResult.failed(fault(FaultCode.INVALID_PARAMETER_NAME, "no parameter " + name));
      }
      found.get().forEach(p -> out.add(visible(p)));
    }
    return RpcResult.ok(new GetParameterValuesResponse(out));
  }

  /**
   * SetParameterValues: checks every parameter first (unknown 9005, read-only 9008, not of the
   * parameter's type 9006, refused by the phone 9007, duplicate name 9003) and answers 9003 with
   * one fault per bad parameter without changing anything; otherwise applies all values and the
   * ParameterKey in one P-value store update. Raises no value change notification.
   */
  public RpcResult<SetParameterValuesResponse> setParameterValues(
      List<ParameterValue> values, String parameterKeyValue) {
    String key = Objects.requireNonNullElse(parameterKeyValue, "");
    if (key.length() > MAX_PARAMETER_KEY) {
      return RpcResult.failed(
          fault(
              FaultCode.CPE_INVALID_ARGUMENTS,
              "ParameterKey longer than " + MAX_PARAMETER_KEY + " characters"));
    }
    List<SetParameterValuesFault> faults = new ArrayList<>();
    List<String> duplicates = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, String> writes = new LinkedHashMap<>();
    Map<String, String> writerOf = new HashMap<>(); // P-value number -> parameter name
    for (ParameterValue v : values) {
      String name = v.name();
      if (!seen.add(name)) {
        duplicates.add(name);
        continue;
      }
      Parameter p = leaves.get(name);
      if (p == null) {
        faults.add(paramFault(name, FaultCode.INVALID_PARAMETER_NAME, "no parameter " + name));
        continue;
      }
      if (!p.writable()) {
        faults.add(paramFault(name, FaultCode.NON_WRITABLE_PARAMETER, name + " is read-only"));
        continue;
      }
      Optional<String> typeProblem = p.type().validate(v.value());
      if (typeProblem.isPresent()) {
        faults.add(paramFault(name, FaultCode.INVALID_PARAMETER_TYPE, typeProblem.get()));
        continue;
      }
      Binding.PValue pv = (Binding.PValue) p.binding();
      Optional<String> pvalue = pv.translation().toPValue(canonical(p.type(), v.value()));
      if (pvalue.isEmpty()) {
        faults.add(
            paramFault(
                name,
                FaultCode.INVALID_PARAMETER_VALUE,
                "'" + v.value() + "' is not a value " + name + " accepts"));
        continue;
      }
      Optional<String> refused = storeRefusal(pv.number(), pvalue.get());
      if (refused.isPresent()) {
        faults.add(paramFault(name, FaultCode.INVALID_PARAMETER_VALUE, refused.get()));
        continue;
      }
      String other = writerOf.putIfAbsent(pv.number(), name);
      if (other != null && !writes.get(pv.number()).equals(pvalue.get())) {
        faults.add(
            paramFault(
                name,
                FaultCode.INVALID_PARAMETER_VALUE,
                "conflicts with " + other + " (both set " + pv.number() + ")"));
        continue;
      }
      writes.put(pv.number(), pvalue.get());
    }
    if (!faults.isEmpty() || !duplicates.isEmpty()) {
      String message =
          duplicates.isEmpty()
              ? FaultCode.CPE_INVALID_ARGUMENTS.text()
              : "duplicate parameter names: " + String.join(", ", duplicates);
      return RpcResult.failed(
          new Fault(FaultCode.CPE_INVALID_ARGUMENTS.code(), message, List.copyOf(faults)));
    }
    Map<String, String> all = new LinkedHashMap<>(writes);
    if (parameterKey != null) {
      all.put(((Binding.PValue) parameterKey.binding()).number(), key);
    }
    try {
      notifications.runSuppressed(() -> store.setAll(all));
    } catch (InvalidPValueException e) {
      // The checks above mirror the store's; this is the safety net for anything they missed.
      String name = writerOf.getOrDefault(e.number(), e.number());
      return RpcResult.failed(
          new Fault(
              FaultCode.CPE_INVALID_ARGUMENTS.code(),
              FaultCode.CPE_INVALID_ARGUMENTS.text(),
              List.of(paramFault(name, FaultCode.INVALID_PARAMETER_VALUE, e.reason()))));
    }
    return RpcResult.ok(new SetParameterValuesResponse(0));
  }

  /** Integers lose a leading '+' and surrounding blanks, booleans their case and blanks. */
  private static String canonical(ParameterType type, String value) {
    return switch (type) {
      case INT, UNSIGNED_INT, LONG, UNSIGNED_LONG -> {
        String t = value.strip();
        yield new BigInteger(t.startsWith("+") ? t.substring(1) : t).toString();
      }
      case BOOLEAN -> value.strip();
      default -> value;
    };
  }

  /** Why the store would refuse {@code value} for {@code number}, checked without writing. */
  private Optional<String> storeRefusal(String number, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return Optional.of("contains a control character");
      }
    }
    return store.catalog().find(number).flatMap(d -> d.check(value));
  }

  /** GetParameterAttributes: partial paths expand; any unknown name fails it (9005). */
  public RpcResult<GetParameterAttributesResponse> getParameterAttributes(List<String> names) {
    List<ParameterAttribute> out = new ArrayList<>();
    for (String name : names) {
      Optional<List<Parameter>> found = expand(name);
      if (found.isEmpty()) {
        return RpcResult.failed(fault(FaultCode.INVALID_PARAMETER_NAME, "no parameter " + name));
      }
      found.get().forEach(p -> out.add(notifications.attribute(p)));
    }
    return RpcResult.ok(new GetParameterAttributesResponse(out));
  }

  /**
   * SetParameterAttributes, all or nothing: unknown name 9005, notification outside 0-2 9003,
   * active notification on a parameter that refuses it 9009. A partial path sets every parameter
   * below it; asking active for a subtree skips the parameters that refuse it instead of failing.
   */
  public RpcResult<SetParameterAttributesResponse> setParameterAttributes(
      List<SetParameterAttribute> changes) {
    List<Runnable> apply = new ArrayList<>();
    for (SetParameterAttribute change : changes) {
      Optional<List<Parameter>> found = expand(change.name());
      if (found.isEmpty()) {
        return RpcResult.failed(
            fault(FaultCode.INVALID_PARAMETER_NAME, "no parameter " + change.name()));
      }
      boolean partial = change.name().strip().isEmpty() || change.name().strip().endsWith(".");
      List<Parameter> targets = found.get();
      if (change.notificationChange()) {
        int n = change.notification();
        if (n < 0 || n > 2) {
          return RpcResult.failed(
              fault(
                  FaultCode.CPE_INVALID_ARGUMENTS,
                  "notification " + n + " not supported (0 off, 1 passive, 2 active)"));
        }
        if (n == 2) {
          List<Parameter> denied = targets.stream().filter(p -> !p.activeNotifyAllowed()).toList();
          if (!partial && !denied.isEmpty()) {
            return RpcResult.failed(
                fault(
                    FaultCode.NOTIFICATION_REQUEST_REJECTED,
                    "active notification not allowed for " + change.name()));
          }
          targets = targets.stream().filter(Parameter::activeNotifyAllowed).toList();
        }
        List<Parameter> t = targets;
        apply.add(() -> t.forEach(p -> notifications.setNotification(p, n)));
      }
      if (change.accessListChange()) {
        List<String> access = change.accessList();
        List<Parameter> t = found.get();
        apply.add(() -> t.forEach(p -> notifications.setAccessList(p, access)));
      }
    }
    apply.forEach(Runnable::run);
    return RpcResult.ok(new SetParameterAttributesResponse());
  }

  // ---------------------------------------------------------------- Inform

  /**
   * The Inform ParameterList: the forced parameters, then every parameter with a pending value
   * change (notification 1 or 2) not already listed. Does not clear the pending changes: pass the
   * list to {@link Notifications#acknowledge} once the ACS acknowledged the Inform.
   */
  public List<ParameterValue> informParameters() {
    Set<String> listed = new LinkedHashSet<>();
    List<ParameterValue> out = new ArrayList<>();
    for (Parameter p : leaves.values()) {
      if (p.forcedInform()) {
        listed.add(p.name());
        out.add(visible(p));
      }
    }
    for (String name : notifications.pendingChanged()) {
      if (listed.add(name)) {
        out.add(visible(leaves.get(name)));
      }
    }
    return out;
  }

  private static Fault fault(FaultCode code, String message) {
    return new Fault(code, message);
  }

  private static SetParameterValuesFault paramFault(String name, FaultCode code, String why) {
    return new SetParameterValuesFault(name, code.code(), why);
  }
}
