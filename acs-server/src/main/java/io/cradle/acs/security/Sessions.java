package io.cradle.acs.security;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Dashboard login sessions in PostgreSQL, so any ACS node serves any session. The cookie carries
 * 256 random bits; only their SHA-256 is stored. A session ends after {@code session-idle-timeout}
 * unused, {@code session-max-age} after its login, at logout, or when its user is disabled.
 */
@ApplicationScoped
public class Sessions {

  /** A new session: the cookie value (shown to the browser only) and its CSRF token. */
  public record Opened(String cookieValue, String csrfToken) {}

  private final EntityManager em;
  private final SecurityConfig config;
  private final Clock clock;

  @Inject
  public Sessions(EntityManager em, SecurityConfig config, Clock clock) {
    this.em = em;
    this.config = config;
    this.clock = clock;
  }

  @Transactional
  public Opened open(long userId) {
    String cookie = Secrets.random256();
    String csrf = Secrets.random256();
    Instant now = clock.instant();
    em.createNativeQuery(
            "insert into user_session (id, user_id, csrf_token, created_at, last_seen, expires_at)"
                + " values (?1, ?2, ?3, ?4, ?4, ?5)")
        .setParameter(1, Secrets.sha256Hex(cookie))
        .setParameter(2, userId)
        .setParameter(3, csrf)
        .setParameter(4, now)
        .setParameter(5, now.plus(config.sessionMaxAge()))
        .executeUpdate();
    return new Opened(cookie, csrf);
  }

  /** The session's user if the session is still alive; it then counts as used now. */
  @Transactional
  public Optional<Principal> resume(String cookieValue) {
    String id = Secrets.sha256Hex(cookieValue);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select u.id, u.username, u.role, u.disabled, s.csrf_token, s.last_seen,"
                    + " s.expires_at from user_session s join app_user u on u.id = s.user_id"
                    + " where s.id = ?1")
            .setParameter(1, id)
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] r = rows.get(0);
    Instant now = clock.instant();
    Instant lastSeen = Times.instant(r[5]);
    Instant expires = Times.instant(r[6]);
    boolean alive =
        !(Boolean) r[3]
            && now.isBefore(expires)
            && now.isBefore(lastSeen.plus(config.sessionIdleTimeout()));
    if (!alive) {
      delete(id);
      return Optional.empty();
    }
    em.createNativeQuery("update user_session set last_seen = ?1 where id = ?2")
        .setParameter(1, now)
        .setParameter(2, id)
        .executeUpdate();
    return Optional.of(
        Principal.session(
            ((Number) r[0]).longValue(),
            (String) r[1],
            Role.parse((String) r[2]).orElseThrow(),
            (String) r[4]));
  }

  @Transactional
  public void close(String cookieValue) {
    delete(Secrets.sha256Hex(cookieValue));
  }

  /** Forgets sessions that can no longer be resumed. */
  @Scheduled(every = "10m", delayed = "1m")
  @Transactional
  void purge() {
    Instant now = clock.instant();
    em.createNativeQuery("delete from user_session where expires_at <= ?1 or last_seen <= ?2")
        .setParameter(1, now)
        .setParameter(2, now.minus(config.sessionIdleTimeout()))
        .executeUpdate();
  }

  private void delete(String id) {
    em.createNativeQuery("delete from user_session where id = ?1")
        .setParameter(1, id)
        .executeUpdate();
  }
}
