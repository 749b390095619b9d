package io.cradle.cpe.model;

import io.cradle.cwmp.message.ParameterAttribute;
import io.cradle.cwmp.message.ParameterValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notification attributes of a {@link DataModel} and the value changes they make pending.
 *
 * <p>Changes come from the P-value store (a config file, the web UI or the keypad changed a
 * setting) and from {@link #checkLiveValues()}, which the phone's scheduler calls to poll the live
 * subsystems. Changes the ACS made through SetParameterValues are not reported. A change to a
 * parameter with notification 1 (passive) waits for the next Inform; with 2 (active) it also raises
 * {@link #activeChangePending()} and calls the {@link #onActiveChange} callback, on which the
 * TR-069 client opens a {@code 4 VALUE CHANGE} session.
 */
public final class Notifications {

  private final DataModel model;
  private final Map<String, Integer> notification = new HashMap<>();
  private final Map<String, List<String>> accessList = new HashMap<>();

  /** Parameter names with a change not yet delivered, in the order they changed. */
  private final Set<String> pending = new LinkedHashSet<>();

  private final Map<String, String> lastLive = new HashMap<>();
  private final Map<String, List<Parameter>> byPValue = new HashMap<>();
  private final ThreadLocal<Boolean> suppressed = ThreadLocal.withInitial(() -> false);
  private boolean activePending;
  private volatile Runnable onActiveChange = () -> {};

  Notifications(DataModel model) {
    this.model = model;
    for (Parameter p : model.parameters()) {
      notification.put(p.name(), p.defaultNotification());
      if (p.binding() instanceof Binding.PValue pv) {
        byPValue.computeIfAbsent(pv.number(), k -> new ArrayList<>()).add(p);
      }
    }
  }

  /** Called (on the thread that saw the change) whenever an active change becomes pending. */
  public void onActiveChange(Runnable callback) {
    this.onActiveChange = callback == null ? () -> {} : callback;
  }

  /** Whether an active change happened since the last {@link #takeChanged()}. */
  public synchronized boolean activeChangePending() {
    return activePending;
  }

  /** The parameter's notification attribute: 0 off, 1 passive, 2 active. */
  public synchronized int notification(String name) {
    return notification.getOrDefault(name, 0);
  }

  /** Changed parameters whose notification is passive, in tree order. */
  public synchronized Set<String> pendingPassive() {
    return pendingWith(1);
  }

  /** Changed parameters whose notification is active, in tree order. */
  public synchronized Set<String> pendingActive() {
    return pendingWith(2);
  }

  /** Every changed parameter still notified (1 or 2), in tree order. */
  public synchronized Set<String> pendingChanged() {
    Set<String> out = new LinkedHashSet<>();
    for (Parameter p : model.parameters()) {
      if (pending.contains(p.name()) && notification(p.name()) > 0) {
        out.add(p.name());
      }
    }
    return out;
  }

  /**
   * The changed parameters for the Inform ParameterList, forgetting them and the active flag: call
   * it once the ACS acknowledged the Inform that carried them.
   */
  public synchronized Set<String> takeChanged() {
    Set<String> out = pendingChanged();
    pending.clear();
    activePending = false;
    return out;
  }

  /**
   * Forgets the pending changes an acknowledged Inform carried ({@code sent}, as returned by {@link
   * DataModel#informParameters()}), except those whose value changed again since: they stay pending
   * for the next Inform. The active flag stays up while an active change is still pending.
   */
  public void acknowledge(Collection<ParameterValue> sent) {
    Map<String, String> current = new HashMap<>();
    for (ParameterValue v : sent) {
      model.parameter(v.name()).ifPresent(p -> current.put(p.name(), model.visibleValue(p)));
    }
    synchronized (this) {
      for (ParameterValue v : sent) {
        if (v.value().equals(current.get(v.name()))) {
          pending.remove(v.name());
        }
      }
      activePending = !pendingWith(2).isEmpty();
    }
  }

  /**
   * Polls the live parameters and records those whose value differs from the previous poll. The
   * first poll of a parameter only sets its baseline (the model also takes one when it is built).
   */
  public void checkLiveValues() {
    Map<String, String> now = new LinkedHashMap<>();
    for (Parameter p : model.parameters()) {
      if (p.binding() instanceof Binding.Live) {
        now.put(p.name(), model.read(p));
      }
    }
    List<String> changed = new ArrayList<>();
    synchronized (this) {
      now.forEach(
          (name, value) -> {
            String old = lastLive.put(name, value);
            if (old != null && !old.equals(value)) {
              changed.add(name);
            }
          });
    }
    markChanged(changed);
  }

  void baselineLiveValues() {
    checkLiveValues();
  }

  void onPValuesChanged(Map<String, String> changed) {
    if (suppressed.get()) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (String number : changed.keySet()) {
      for (Parameter p : byPValue.getOrDefault(number, List.of())) {
        names.add(p.name());
      }
    }
    markChanged(names);
  }

  private void markChanged(List<String> names) {
    boolean active = false;
    synchronized (this) {
      for (String name : names) {
        int n = notification(name);
        if (n > 0) {
          pending.add(name);
        }
        if (n == 2) {
          active = true;
        }
      }
      if (active) {
        activePending = true;
      }
    }
    if (active) {
      onActiveChange.run();
    }
  }

  /** Runs an ACS-made change: the store events it causes on this thread raise no notification. */
  void runSuppressed(Runnable change) {
    boolean before = suppressed.get();
    suppressed.set(true);
    try {
      change.run();
    } finally {
      suppressed.set(before);
    }
  }

  synchronized ParameterAttribute attribute(Parameter p) {
    return new ParameterAttribute(
        p.name(), notification(p.name()), accessList.getOrDefault(p.name(), List.of()));
  }

  synchronized void setNotification(Parameter p, int value) {
    notification.put(p.name(), value);
  }

  synchronized void setAccessList(Parameter p, List<String> list) {
    accessList.put(p.name(), List.copyOf(list));
  }

  private Set<String> pendingWith(int level) {
    Set<String> out = new LinkedHashSet<>();
    for (Parameter p : model.parameters()) {
      if (pending.contains(p.name()) && notification(p.name()) == level) {
        out.add(p.name());
      }
    }
    return out;
  }
}
