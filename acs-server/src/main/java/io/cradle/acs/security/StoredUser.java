package io.cradle.acs.security;

import java.time.Instant;

/** A row of {@code app_user}; the hash never leaves the security package's services. */
record StoredUser(
    long id, String username, String passwordHash, Role role, Instant createdAt, boolean disabled) {

  UserView view() {
    return new UserView(id, username, role.wire(), createdAt, disabled);
  }
}
