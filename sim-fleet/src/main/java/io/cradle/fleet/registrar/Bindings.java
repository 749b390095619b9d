package io.cradle.fleet.registrar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registrar's location service: each user's registered Contact URIs with their expiry (RFC 3261
 * §10.3). Expired bindings are dropped when their user is next looked at, so no timer is needed.
 * Safe for the stack's threads at once: a change replaces the user's map (copy on write, inside
 * {@link ConcurrentHashMap#compute}), so a published map is never modified.
 */
final class Bindings {

  /** A Contact bound to a user until {@code expires}. */
  record Binding(String contact, Instant expires) {}

  private final Clock clock;
  private final Map<String, Map<String, Instant>> byUser = new ConcurrentHashMap<>();

  Bindings(Clock clock) {
    this.clock = clock;
  }

  /** Binds (or refreshes) {@code contact} for {@code user}; a zero {@code expires} removes it. */
  void bind(String user, String contact, Duration expires) {
    byUser.compute(
        user,
        (u, contacts) -> {
          Map<String, Instant> live = live(contacts);
          live.remove(contact); // re-inserted last: the newest binding is the one calls go to
          if (!expires.isZero()) {
            live.put(contact, clock.instant().plus(expires));
          }
          return live.isEmpty() ? null : live;
        });
  }

  /** Removes every binding of {@code user} ({@code Contact: *}, {@code Expires: 0}). */
  void clear(String user) {
    byUser.remove(user);
  }

  /** The user's live bindings, oldest first. */
  List<Binding> of(String user) {
    List<Binding> out = new ArrayList<>();
    Map<String, Instant> contacts =
        byUser.computeIfPresent(
            user,
            (u, c) -> {
              Map<String, Instant> live = live(c);
              return live.isEmpty() ? null : live;
            });
    if (contacts != null) {
      contacts.forEach((contact, expires) -> out.add(new Binding(contact, expires)));
    }
    return out;
  }

  /**
   * Where a call to {@code user} goes: the Contact registered last. A WP820 account is one phone,
   * so forking to older bindings (a phone that rebooted without unregistering) would only ring a
   * Contact no one listens on.
   */
  Optional<String> target(String user) {
    List<Binding> all = of(user);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1).contact());
  }

  /** Live bindings of all users. */
  int count() {
    Instant now = clock.instant();
    int n = 0;
    for (Map<String, Instant> contacts : byUser.values()) {
      n += (int) contacts.values().stream().filter(now::isBefore).count();
    }
    return n;
  }

  /** A copy of {@code contacts} without the expired ones, in order (never null). */
  private Map<String, Instant> live(Map<String, Instant> contacts) {
    Map<String, Instant> live = new LinkedHashMap<>();
    if (contacts != null) {
      Instant now = clock.instant();
      contacts.forEach(
          (contact, expires) -> {
            if (now.isBefore(expires)) {
              live.put(contact, expires);
            }
          });
    }
    return live;
  }
}
