package io.cradle.acs.api;

/** An API token to create for the caller: a name, and scope read or write. */
public record NewToken(String name, String scope) {}
