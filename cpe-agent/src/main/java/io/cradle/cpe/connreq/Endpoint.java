package io.cradle.cpe.connreq;

import io.cradle.cwmp.auth.DigestServer;
import io.cradle.cwmp.auth.Verification;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One phone's Connection Request URL: decides the answer to a request. Runs on the selector thread
 * only, so its rate limiter needs no locking.
 */
final class Endpoint {

  /** The bytes to send, and whether the phone should start a session once they are sent. */
  record Decision(byte[] response, boolean accepted) {}

  private final String path;
  private final DigestServer digest;
  private final Supplier<Credentials> credentials;
  private final RateLimiter limiter;
  private final ConnectionRequestServer.Listener listener;
  private boolean closed;

  Endpoint(
      String path,
      DigestServer digest,
      Supplier<Credentials> credentials,
      RateLimiter limiter,
      ConnectionRequestServer.Listener listener) {
    this.path = path;
    this.digest = digest;
    this.credentials = credentials;
    this.limiter = limiter;
    this.listener = listener;
  }

  /** Tells the listener, unless the phone unregistered while the answer was being written. */
  void notifyListener() {
    if (!closed) {
      listener.onConnectionRequest();
    }
  }

  void close() {
    closed = true;
  }

  Decision decide(RequestHead request, long nowNanos) {
    if (!request.path().equals(path)) {
      return refuse(Response.NOT_FOUND);
    }
    if (!request.method().equals("GET")) {
      return refuse(Response.METHOD_NOT_ALLOWED);
    }
    // Read once so a credentials change mid-check cannot mix an old user with a new password.
    Credentials current = credentials.get();
    Verification verification =
        digest.verify(
            request.method(),
            request.target(),
            request.header("authorization"),
            user ->
                user.equals(current.username())
                    ? Optional.of(current.password())
                    : Optional.empty());
    switch (verification.outcome()) {
      case OK:
        break;
      case STALE:
        return refuse(Response.unauthorized(digest.challenge(true).toHeader()));
      default:
        return refuse(Response.unauthorized(digest.challenge(false).toHeader()));
    }
    // Only authenticated requests spend the token, so strangers cannot lock the ACS out.
    if (!limiter.tryAcquire(nowNanos)) {
      return refuse(Response.SERVICE_UNAVAILABLE);
    }
    return new Decision(Response.OK, true);
  }

  private static Decision refuse(byte[] response) {
    return new Decision(response, false);
  }
}
