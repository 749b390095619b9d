package io.cradle.acs.security;

import io.cradle.acs.api.ApiException;
import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The users: lookup for authentication, and what an admin does to them (each change audited). */
@ApplicationScoped
public class Accounts {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private final EntityManager em;
  private final Audit audit;
  private final Clock clock;

  @Inject
  public Accounts(EntityManager em, Audit audit, Clock clock) {
    this.em = em;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  Optional<StoredUser> find(String username) {
    return one("where username = ?1", username);
  }

  @Transactional
  Optional<StoredUser> find(long id) {
    return one("where id = ?1", id);
  }

  @Transactional
  public List<UserView> list() {
    return all("order by username").stream().map(StoredUser::view).toList();
  }

  @Transactional
  long count() {
    return ((Number) em.createNativeQuery("select count(*) from app_user").getSingleResult())
        .longValue();
  }

  /** Inserts a user unless the name is taken; whether it was inserted. No audit row. */
  @Transactional
  boolean insertIfAbsent(String username, String passwordHash, Role role) {
    return em.createNativeQuery(
                "insert into app_user (username, password_hash, role, created_at)"
                    + " values (?1, ?2, ?3, ?4) on conflict (username) do nothing")
            .setParameter(1, username)
            .setParameter(2, passwordHash)
            .setParameter(3, role.wire())
            .setParameter(4, clock.instant())
            .executeUpdate()
        == 1;
  }

  /** Replaces a hash that is still {@code expected} (a login upgrading an old hash). */
  @Transactional
  void rehash(long id, String expected, String replacement) {
    em.createNativeQuery(
            "update app_user set password_hash = ?1 where id = ?2 and password_hash = ?3")
        .setParameter(1, replacement)
        .setParameter(2, id)
        .setParameter(3, expected)
        .executeUpdate();
  }

  @Transactional
  public UserView create(String actor, String username, String password, String role) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw ApiException.badRequest(
          "a user name is 1 to 64 letters, digits or . _ @ -, was '" + username + "'");
    }
    Role r = role(role);
    checkPassword(password);
    if (!insertIfAbsent(username, Passwords.hash(password), r)) {
      throw new ApiException(409, "there is already a user named '" + username + "'");
    }
    StoredUser created = find(username).orElseThrow();
    audit.record(actor, "user.create", AuditTargets.user(username), null, state(created));
    return created.view();
  }

  /** Changes the role and/or the disabled flag; null leaves it as it is. */
  @Transactional
  public UserView update(String actor, String username, String role, Boolean disabled) {
    StoredUser before = lockedOrNotFound(username);
    Role newRole = role == null ? before.role() : role(role);
    boolean newDisabled = disabled == null ? before.disabled() : disabled;
    boolean stillAdmin = newRole == Role.ADMIN && !newDisabled;
    if (before.role() == Role.ADMIN
        && !before.disabled()
        && !stillAdmin
        && otherAdmins(before) == 0) {
      throw new ApiException(
          409, "'" + username + "' is the last enabled admin; make another admin first");
    }
    em.createNativeQuery("update app_user set role = ?1, disabled = ?2 where id = ?3")
        .setParameter(1, newRole.wire())
        .setParameter(2, newDisabled)
        .setParameter(3, before.id())
        .executeUpdate();
    if (newDisabled || newRole != before.role()) {
      // Whatever a session was allowed before, it must sign in again under the new terms.
      endSessions(before.id());
    }
    StoredUser after = find(before.id()).orElseThrow();
    audit.record(actor, "user.update", AuditTargets.user(username), state(before), state(after));
    return after.view();
  }

  @Transactional
  public void resetPassword(String actor, String username, String password) {
    StoredUser user = lockedOrNotFound(username);
    checkPassword(password);
    setPassword(user.id(), password);
    endSessions(user.id());
    audit.record(actor, "user.password", AuditTargets.user(username), null, null);
  }

  @Transactional
  void setPassword(long id, String password) {
    em.createNativeQuery("update app_user set password_hash = ?1 where id = ?2")
        .setParameter(1, Passwords.hash(password))
        .setParameter(2, id)
        .executeUpdate();
  }

  @Transactional
  void setRoleAndEnable(long id, Role role) {
    em.createNativeQuery("update app_user set role = ?1, disabled = false where id = ?2")
        .setParameter(1, role.wire())
        .setParameter(2, id)
        .executeUpdate();
  }

  private void endSessions(long userId) {
    em.createNativeQuery("delete from user_session where user_id = ?1")
        .setParameter(1, userId)
        .executeUpdate();
  }

  private long otherAdmins(StoredUser user) {
    return ((Number)
            em.createNativeQuery(
                    "select count(*) from app_user where role = 'admin' and not disabled"
                        + " and id <> ?1")
                .setParameter(1, user.id())
                .getSingleResult())
        .longValue();
  }

  private StoredUser lockedOrNotFound(String username) {
    // Row locks on the admins, so two admins demoting each other at once cannot leave none.
    em.createNativeQuery("select id from app_user where role = 'admin' for update").getResultList();
    return find(username)
        .orElseThrow(() -> ApiException.notFound("no user named '" + username + "'"));
  }

  private static Role role(String role) {
    return Role.parse(role)
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "role must be admin, operator or viewer, was '" + role + "'"));
  }

  private static void checkPassword(String password) {
    String weakness = Passwords.weakness(password);
    if (weakness != null) {
      throw ApiException.badRequest(weakness);
    }
  }

  private static Map<String, Object> state(StoredUser u) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("username", u.username());
    s.put("role", u.role().wire());
    s.put("disabled", u.disabled());
    return s;
  }

  private Optional<StoredUser> one(String where, Object parameter) {
    return query(where, parameter).stream().findFirst();
  }

  private List<StoredUser> all(String tail) {
    return query(tail, null);
  }

  private List<StoredUser> query(String tail, Object parameter) {
    var q =
        em.createNativeQuery(
            "select id, username, password_hash, role, created_at, disabled from app_user " + tail);
    if (parameter != null) {
      q.setParameter(1, parameter);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return rows.stream()
        .map(
            r ->
                new StoredUser(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    Role.parse((String) r[3]).orElseThrow(),
                    Times.instant(r[4]),
                    (Boolean) r[5]))
        .toList();
  }
}
