package io.cradle.acs.connreq;

import java.util.Objects;

/**
 * How a Connection Request ended. {@code status} is the device's last HTTP status (0 when there was
 * none); {@code detail} is for the log.
 */
public record ConnectionRequestOutcome(Result result, int status, String detail) {

  /** The kinds of outcome, as recorded in {@code device.last_cr_outcome}. */
  public enum Result {
    /** The device answered 2xx: it will open a session. */
    OK,
    /** The device refused our credentials, or asked for a scheme we cannot answer. */
    AUTH_FAILED,
    /** The device answered with another status (503: busy in a session already). */
    REFUSED,
    /** No TCP connection: device off, behind NAT, or wrong address. */
    UNREACHABLE,
    /** Connected, but no answer in time. */
    TIMEOUT,
    /** The device has reported no usable Connection Request URL. */
    NO_URL
  }

  public ConnectionRequestOutcome {
    Objects.requireNonNull(result, "result");
    detail = Objects.requireNonNullElse(detail, "");
  }

  public boolean isOk() {
    return result == Result.OK;
  }

  /** The form stored on the device: {@code OK 200}, {@code REFUSED 503}, {@code UNREACHABLE}. */
  public String text() {
    return result == Result.OK || result == Result.REFUSED ? result + " " + status : result.name();
  }
}
