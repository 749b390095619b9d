package io.cradle.acs.api;

/** Changes to a user; a null field is left as it is. */
public record UserChange(String role, Boolean disabled) {}
