package io.cradle.acs.security;

import java.time.Instant;

/** A user as the API shows it: never the password or its hash. */
public record UserView(
    long id, String username, String role, Instant createdAt, boolean disabled) {}
