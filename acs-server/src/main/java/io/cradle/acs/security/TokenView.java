package io.cradle.acs.security;

import java.time.Instant;

/** An API token as listed: never its secret. */
public record TokenView(
    long id,
    String name,
    String username,
    String scope,
    Instant createdAt,
    Instant lastUsed,
    Instant revokedAt) {}
