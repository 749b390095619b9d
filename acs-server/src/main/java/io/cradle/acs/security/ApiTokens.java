package io.cradle.acs.security;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API tokens: a user's credential for scripts, scoped {@code read} or {@code write}, acting with
 * the user's role. The secret is {@code cradle_} + 256 random bits, shown once, stored as SHA-256.
 */
@ApplicationScoped
public class ApiTokens {

  static final String PREFIX = "cradle_";

  /** {@code last_used} is written at most this often per token, not on every request. */
  private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

  private static final String SELECT =
      "select t.id, t.name, u.username, t.scope, t.created_at, t.last_used, t.revoked_at"
          + " from api_token t join app_user u on u.id = t.user_id ";

  private final EntityManager em;
  private final Audit audit;
  private final Clock clock;

  @Inject
  public ApiTokens(EntityManager em, Audit audit, Clock clock) {
    this.em = em;
    this.audit = audit;
    this.clock = clock;
  }

  /** A token for {@code owner}, who is the caller. */
  @Transactional
  public CreatedToken create(Principal owner, String name, String scope) {
    if (name == null || name.isBlank() || name.strip().length() > 64) {
      throw ApiException.badRequest("a token needs a name of 1 to 64 characters");
    }
    TokenScope s =
        TokenScope.parse(scope)
            .orElseThrow(
                () -> ApiException.badRequest("scope must be read or write, was '" + scope + "'"));
    String secret = PREFIX + Secrets.random256();
    long id =
        ((Number)
                em.createNativeQuery(
                        "insert into api_token (user_id, name, token_hash, scope, created_at)"
                            + " values (?1, ?2, ?3, ?4, ?5) returning id")
                    .setParameter(1, owner.userId())
                    .setParameter(2, name.strip())
                    .setParameter(3, Secrets.sha256Hex(secret))
                    .setParameter(4, s.wire())
                    .setParameter(5, clock.instant())
                    .getSingleResult())
            .longValue();
    TokenView view = one(id).orElseThrow();
    audit.record(
        owner.actor(),
        "token.create",
        AuditTargets.token(id),
        null,
        Map.of("name", view.name(), "user", view.username(), "scope", view.scope()));
    return new CreatedToken(view, secret);
  }

  /** The caller's tokens; an admin sees everyone's. */
  @Transactional
  public List<TokenView> list(Principal caller) {
    if (caller.role() == Role.ADMIN) {
      return query(SELECT + "order by t.id", null);
    }
    return query(SELECT + "where t.user_id = ?1 order by t.id", caller.userId());
  }

  /** Revokes one of the caller's tokens (an admin: anyone's). Revoking twice changes nothing. */
  @Transactional
  public TokenView revoke(Principal caller, long id) {
    @SuppressWarnings("unchecked")
    List<Number> owners =
        em.createNativeQuery("select user_id from api_token where id = ?1 for update")
            .setParameter(1, id)
            .getResultList();
    if (owners.isEmpty()
        || (caller.role() != Role.ADMIN && owners.get(0).longValue() != caller.userId())) {
      throw ApiException.notFound("no token with id " + id);
    }
    TokenView before = one(id).orElseThrow();
    if (before.revokedAt() != null) {
      return before;
    }
    em.createNativeQuery("update api_token set revoked_at = ?1 where id = ?2")
        .setParameter(1, clock.instant())
        .setParameter(2, id)
        .executeUpdate();
    TokenView after = one(id).orElseThrow();
    audit.record(
        caller.actor(),
        "token.revoke",
        AuditTargets.token(id),
        Map.of("name", before.name(), "user", before.username(), "revoked", false),
        Map.of("name", after.name(), "user", after.username(), "revoked", true));
    return after;
  }

  /** The principal a presented secret stands for, if it is a live token of an enabled user. */
  @Transactional
  public Optional<Principal> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select t.id, t.name, t.scope, t.last_used, u.id, u.username, u.role"
                    + " from api_token t join app_user u on u.id = t.user_id"
                    + " where t.token_hash = ?1 and t.revoked_at is null and not u.disabled")
            .setParameter(1, Secrets.sha256Hex(secret))
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] r = rows.get(0);
    Instant now = clock.instant();
    Instant lastUsed = Times.instant(r[3]);
    if (lastUsed == null || lastUsed.plus(LAST_USED_GRANULARITY).isBefore(now)) {
      em.createNativeQuery("update api_token set last_used = ?1 where id = ?2")
          .setParameter(1, now)
          .setParameter(2, ((Number) r[0]).longValue())
          .executeUpdate();
    }
    return Optional.of(
        Principal.token(
            ((Number) r[4]).longValue(),
            (String) r[5],
            Role.parse((String) r[6]).orElseThrow(),
            (String) r[1],
            TokenScope.parse((String) r[2]).orElseThrow()));
  }

  private Optional<TokenView> one(long id) {
    return query(SELECT + "where t.id = ?1", id).stream().findFirst();
  }

  private List<TokenView> query(String sql, Object parameter) {
    var q = em.createNativeQuery(sql);
    if (parameter != null) {
      q.setParameter(1, parameter);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return rows.stream()
        .map(
            r ->
                new TokenView(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    Times.instant(r[4]),
                    Times.instant(r[5]),
                    Times.instant(r[6])))
        .toList();
  }
}
