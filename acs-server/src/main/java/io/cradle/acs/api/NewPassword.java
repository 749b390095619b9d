package io.cradle.acs.api;

/** A user's new password (the user's sessions end). */
public record NewPassword(String password) {}
