package io.cradle.acs.ui;

import io.cradle.acs.security.CurrentUser;
import io.cradle.acs.security.Principal;

/**
 * Who is signed in, as every page's header shows them, and the CSRF token the page's forms send
 * back (empty when the caller came with a password or token rather than the dashboard's session).
 */
public record Me(String username, String role, String csrfToken) {

  public static Me of(CurrentUser currentUser) {
    Principal p = currentUser.principal();
    return new Me(p.username(), p.role().wire(), p.csrfToken() == null ? "" : p.csrfToken());
  }
}
