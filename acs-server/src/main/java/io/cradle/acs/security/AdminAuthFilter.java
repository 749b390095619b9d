package io.cradle.acs.security;

import io.cradle.cwmp.auth.BasicCredentials;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Admin access control for every HTTP route, as a Vert.x filter so that it also covers routes
 * outside Quarkus REST ({@code /q/metrics}, {@code /q/openapi}). Closed by default: only what
 * phones and load balancers must reach without the admin credential is open.
 */
@ApplicationScoped
public class AdminAuthFilter {

  static final String CHALLENGE = "Basic realm=\"Cradle\"";

  private static final Logger LOG = Logger.getLogger(AdminAuthFilter.class);

  /** Higher runs first; this runs before the routes and before Quarkus' own filters. */
  private static final int PRIORITY = 5000;

  private final AdminAccount account;
  private final LoginThrottle throttle;

  @Inject
  public AdminAuthFilter(AdminAccount account, LoginThrottle throttle) {
    this.account = account;
    this.throttle = throttle;
  }

  void register(@Observes Filters filters) {
    filters.register(this::filter, PRIORITY);
  }

  /**
   * Whether {@code path} is open without the admin credential: the CWMP endpoint (it does its own
   * Digest authentication), files phones fetch, and health probes. The path is Vert.x' normalized
   * one, so {@code /prov/../api} is judged as {@code /api}.
   */
  static boolean isOpen(String path) {
    return path.equals("/cwmp")
        || path.startsWith("/cwmp/")
        || path.startsWith("/prov/")
        || path.startsWith("/firmware/")
        || path.equals("/q/health")
        || path.startsWith("/q/health/");
  }

  private void filter(RoutingContext rc) {
    if (isOpen(rc.normalizedPath())) {
      rc.next();
      return;
    }
    String client = clientAddress(rc);
    Optional<Duration> locked = throttle.lockedFor(client);
    if (locked.isPresent()) {
      rc.response()
          .setStatusCode(429)
          .putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(locked.get().toSeconds() + 1))
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
          .end("Too many failed logins from this address; try again later.");
      return;
    }
    Optional<BasicCredentials> given =
        BasicCredentials.parse(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (given.isEmpty()) {
      challenge(rc);
      return;
    }
    switch (account.checkQuickly(given.get())) {
      case PASSED -> pass(rc, client);
      case FAILED -> fail(rc, client, given.get());
      case NEEDS_HASH ->
          // Quarkus keeps the request paused until a handler reads it, so no body is lost while
          // the hash runs on a worker thread.
          rc.vertx()
              .executeBlocking(() -> account.verifySlowly(given.get()), false)
              .onComplete(
                  ar -> {
                    if (ar.succeeded() && ar.result()) {
                      pass(rc, client);
                    } else {
                      fail(rc, client, given.get());
                    }
                  });
    }
  }

  private void pass(RoutingContext rc, String client) {
    throttle.succeeded(client);
    rc.next();
  }

  private void fail(RoutingContext rc, String client, BasicCredentials given) {
    LOG.infof("wrong admin credentials for user '%s' from %s", given.username(), client);
    throttle.failed(client);
    challenge(rc);
  }

  private static void challenge(RoutingContext rc) {
    rc.response()
        .setStatusCode(401)
        .putHeader("WWW-Authenticate", CHALLENGE)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end("Authentication required.");
  }

  private static String clientAddress(RoutingContext rc) {
    SocketAddress remote = rc.request().remoteAddress();
    return remote == null ? "unknown" : remote.hostAddress();
  }
}
