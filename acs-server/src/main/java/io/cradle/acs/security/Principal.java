package io.cradle.acs.security;

import java.util.Optional;

/**
 * Who made a request and how: a user (by dashboard session or HTTP Basic) or a user's API token.
 *
 * @param csrfToken the session's CSRF token; only for {@link Via#SESSION}
 * @param tokenName the API token's name; only for {@link Via#TOKEN}
 * @param scope the API token's scope; only for {@link Via#TOKEN}
 */
public record Principal(
    long userId,
    String username,
    Role role,
    Via via,
    String csrfToken,
    String tokenName,
    TokenScope scope) {

  /** How the request was authenticated. */
  public enum Via {
    SESSION,
    BASIC,
    TOKEN
  }

  /** Key of the principal in the request's routing context. */
  public static final String KEY = "cradle.principal";

  public static Principal session(long userId, String username, Role role, String csrfToken) {
    return new Principal(userId, username, role, Via.SESSION, csrfToken, null, null);
  }

  public static Principal basic(long userId, String username, Role role) {
    return new Principal(userId, username, role, Via.BASIC, null, null, null);
  }

  public static Principal token(
      long userId, String username, Role role, String name, TokenScope s) {
    return new Principal(userId, username, role, Via.TOKEN, null, name, s);
  }

  /** The name the audit log shows: the user, and the token it used if it used one. */
  public String actor() {
    return via == Via.TOKEN ? username + " via token " + tokenName : username;
  }

  public Optional<TokenScope> tokenScope() {
    return Optional.ofNullable(scope);
  }
}
