package io.cradle.acs.api;

/** A user to create: role is admin, operator or viewer; the password at least 10 characters. */
public record NewUser(String username, String password, String role) {}
