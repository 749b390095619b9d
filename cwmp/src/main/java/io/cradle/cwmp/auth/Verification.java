package io.cradle.cwmp.auth;

import java.util.Objects;

/**
 * How checking a request's credentials ended. {@code username} is who authenticated (null when the
 * header could not be read); {@code reason} explains a failure for the log and must not be sent to
 * the client, since it tells unknown users from wrong passwords.
 */
public record Verification(Outcome outcome, String username, String reason) {

  /** What the server should do next. */
  public enum Outcome {
    /** Serve the request. */
    OK,
    /** Credentials right but the nonce expired: answer 401 with a {@code stale=true} challenge. */
    STALE,
    /** Answer 401 with a fresh challenge. */
    BAD_CREDENTIALS,
    /** The header is unreadable or unsupported, or names another URI: answer 400 or 401. */
    MALFORMED
  }

  public Verification {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
  }

  public boolean isOk() {
    return outcome == Outcome.OK;
  }

  static Verification ok(String username) {
    return new Verification(Outcome.OK, username, "");
  }

  static Verification stale(String username) {
    return new Verification(Outcome.STALE, username, "nonce expired");
  }

  static Verification badCredentials(String username, String reason) {
    return new Verification(Outcome.BAD_CREDENTIALS, username, reason);
  }

  static Verification malformed(String username, String reason) {
    return new Verification(Outcome.MALFORMED, username, reason);
  }
}
