package io.cradle.acs.security;

/**
 * A new API token and its secret, which is shown this once: only its SHA-256 is stored. Use it as
 * {@code Authorization: Bearer <secret>}.
 */
public record CreatedToken(TokenView token, String secret) {}
