package io.cradle.acs.api;

/** The body of every API error: what went wrong, in words the caller can act on. */
public record ApiError(String error) {}
