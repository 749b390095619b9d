package io.cradle.acs.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks out a client address after too many wrong credentials in a row, so passwords and tokens
 * cannot be guessed at network speed. Per node and in memory: a restart forgives everyone.
 */
@ApplicationScoped
public class LoginThrottle {

  /** Beyond this many tracked addresses, those not locked out are forgotten. */
  private static final int MAX_TRACKED = 10_000;

  private record Failures(int count, Instant lockedUntil) {}

  private final int maxFailures;
  private final Duration lockout;
  private final Clock clock;
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

  @Inject
  public LoginThrottle(AdminConfig config, Clock clock) {
    this(config.maxFailures(), config.lockout(), clock);
  }

  LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
    this.maxFailures = maxFailures;
    this.lockout = lockout;
    this.clock = clock;
  }

  /** How much longer {@code address} is locked out, if it is. */
  public Optional<Duration> lockedFor(String address) {
    Failures f = byAddress.get(address);
    Instant now = clock.instant();
    if (f == null || f.lockedUntil() == null || !f.lockedUntil().isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, f.lockedUntil()));
  }

  public void failed(String address) {
    if (byAddress.size() >= MAX_TRACKED) {
      forgetUnlocked();
    }
    Instant now = clock.instant();
    byAddress.compute(
        address,
        (a, f) -> {
          // A lockout that has run out starts a fresh count.
          int count =
              f == null || (f.lockedUntil() != null && !f.lockedUntil().isAfter(now))
                  ? 1
                  : f.count() + 1;
          return new Failures(count, count >= maxFailures ? now.plus(lockout) : null);
        });
  }

  public void succeeded(String address) {
    byAddress.remove(address);
  }

  private void forgetUnlocked() {
    Instant now = clock.instant();
    byAddress.values().removeIf(f -> f.lockedUntil() == null || !f.lockedUntil().isAfter(now));
  }
}
