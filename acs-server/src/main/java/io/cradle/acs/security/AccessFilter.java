package io.cradle.acs.security;

import io.cradle.cwmp.auth.BasicCredentials;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * Access control for every HTTP route, as a Vert.x filter so that it also covers routes outside
 * Quarkus REST ({@code /q/metrics}, {@code /q/openapi}). Closed by default: only what phones and
 * load balancers must reach, and the login page, are open.
 *
 * <p>A request proves who it is with an API token ({@code Authorization: Bearer}), a user's
 * password (HTTP Basic), or the dashboard's session cookie; {@link AccessPolicy} then says whether
 * that user may do it. A state-changing request on a session cookie must also carry the session's
 * CSRF token, in the {@code X-CSRF-Token} header or (checked by {@link CsrfFormCheck}) the form
 * field {@code _csrf}.
 */
@ApplicationScoped
public class AccessFilter {

  static final String CHALLENGE = "Basic realm=\"Cradle\"";
  public static final String SESSION_COOKIE = "cradle_ui";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String CSRF_FIELD = "_csrf";

  /** Set on a form request whose CSRF field {@link CsrfFormCheck} must still check. */
  static final String CSRF_PENDING = "cradle.csrf.pending";

  private static final Logger LOG = Logger.getLogger(AccessFilter.class);

  /** Higher runs first; this runs before the routes and before Quarkus' own filters. */
  private static final int PRIORITY = 5000;

  private final Authenticator authenticator;
  private final ApiTokens tokens;
  private final Sessions sessions;
  private final LoginThrottle throttle;

  @Inject
  public AccessFilter(
      Authenticator authenticator, ApiTokens tokens, Sessions sessions, LoginThrottle throttle) {
    this.authenticator = authenticator;
    this.tokens = tokens;
    this.sessions = sessions;
    this.throttle = throttle;
  }

  void register(@Observes Filters filters) {
    filters.register(this::filter, PRIORITY);
  }

  /**
   * Whether {@code path} is open without credentials: the CWMP endpoint (it does its own Digest
   * authentication), files phones fetch, the config-backup receiver (Digest too), health probes and
   * the login page. The path is Vert.x' normalized one, so {@code /prov/../api} is judged as {@code
   * /api}.
   */
  static boolean isOpen(String path) {
    return path.equals("/cwmp")
        || path.startsWith("/cwmp/")
        || path.startsWith("/prov/")
        || path.startsWith("/firmware/")
        || path.startsWith("/backups/")
        || path.equals("/q/health")
        || path.startsWith("/q/health/")
        || path.equals("/login");
  }

  private void filter(RoutingContext rc) {
    if (isOpen(rc.normalizedPath())) {
      rc.next();
      return;
    }
    String client = clientAddress(rc);
    String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      Optional<Duration> locked = throttle.lockedFor(client);
      if (locked.isPresent()) {
        tooManyFailures(rc, locked.get());
        return;
      }
      if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        String secret = authorization.substring(7).strip();
        check(rc, client, () -> tokens.authenticate(secret), "an unknown or revoked API token");
        return;
      }
      Optional<BasicCredentials> given = BasicCredentials.parse(authorization);
      if (given.isEmpty()) {
        unauthenticated(rc, "use HTTP Basic or an API token (Authorization: Bearer ...)");
        return;
      }
      BasicCredentials c = given.get();
      check(
          rc,
          client,
          () -> authenticator.check(c.username(), c.password(), "basic", client),
          "wrong user name or password");
      return;
    }
    Cookie cookie = rc.request().getCookie(SESSION_COOKIE);
    if (cookie == null) {
      unauthenticated(rc, "sign in at /login, or use HTTP Basic or an API token");
      return;
    }
    String value = cookie.getValue();
    blocking(
        rc,
        () -> sessions.resume(value),
        found -> {
          if (found.isPresent()) {
            authorize(rc, found.get());
          } else {
            rc.response().addCookie(expiredCookie());
            unauthenticated(rc, "the session has ended; sign in again at /login");
          }
        });
  }

  /** Runs a credential check on a worker thread; a failure counts toward the lockout. */
  private void check(
      RoutingContext rc, String client, Callable<Optional<Principal>> check, String failure) {
    blocking(
        rc,
        check,
        found -> {
          if (found.isPresent()) {
            throttle.succeeded(client);
            authorize(rc, found.get());
          } else {
            LOG.infof("refused %s from %s", failure, client);
            throttle.failed(client);
            unauthenticated(rc, failure);
          }
        });
  }

  private void blocking(
      RoutingContext rc,
      Callable<Optional<Principal>> work,
      java.util.function.Consumer<Optional<Principal>> then) {
    // Quarkus keeps the request paused until a handler reads it, so no body is lost while the
    // check runs on a worker thread.
    rc.vertx()
        .executeBlocking(work, false)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                then.accept(ar.result());
              } else {
                LOG.warn("authentication failed with an error", ar.cause());
                json(rc, 503, "authentication is unavailable; try again");
              }
            });
  }

  private void authorize(RoutingContext rc, Principal who) {
    String method = rc.request().method().name();
    Optional<String> refusal = AccessPolicy.refusal(method, rc.normalizedPath(), who);
    if (refusal.isPresent()) {
      json(rc, 403, refusal.get());
      return;
    }
    if (!AccessPolicy.isSafe(method)
        && !sameOrigin(rc.request().getHeader("Origin"), rc.request().getHeader("Host"))) {
      // A browser remembers Basic credentials and sends them with another site's form posts;
      // it also says which site the post came from, so such posts are refused outright.
      json(rc, 403, "cross-site request refused");
      return;
    }
    if (who.via() == Principal.Via.SESSION && !AccessPolicy.isSafe(method)) {
      String header = rc.request().getHeader(CSRF_HEADER);
      if (header != null) {
        if (!Secrets.same(header, who.csrfToken())) {
          json(rc, 403, "wrong CSRF token");
          return;
        }
      } else if (isForm(rc.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
        rc.put(CSRF_PENDING, who.csrfToken());
      } else {
        json(rc, 403, "a CSRF token is required: header " + CSRF_HEADER + " or form field _csrf");
        return;
      }
    }
    rc.put(Principal.KEY, who);
    rc.next();
  }

  /** True without an Origin (not a browser, or a same-origin GET) or with this host's own. */
  static boolean sameOrigin(String origin, String host) {
    if (origin == null) {
      return true;
    }
    if (host == null) {
      return false;
    }
    try {
      String authority = new java.net.URI(origin.strip()).getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host.strip());
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static boolean isForm(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    return type.equals("application/x-www-form-urlencoded") || type.equals("multipart/form-data");
  }

  /** Pages send the browser to the login form; everything else gets 401 and a Basic challenge. */
  private static void unauthenticated(RoutingContext rc, String why) {
    String path = rc.normalizedPath();
    boolean page = path.equals("/") || path.equals("/ui") || path.startsWith("/ui/");
    if (page && AccessPolicy.isSafe(rc.request().method().name())) {
      String uri = rc.request().uri();
      rc.response()
          .setStatusCode(303)
          .putHeader(
              HttpHeaders.LOCATION, "/login?next=" + URLEncoder.encode(uri, StandardCharsets.UTF_8))
          .end();
      return;
    }
    rc.response().putHeader("WWW-Authenticate", CHALLENGE);
    json(rc, 401, "authentication required: " + why);
  }

  private static void tooManyFailures(RoutingContext rc, Duration locked) {
    rc.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(locked.toSeconds() + 1));
    json(rc, 429, "too many failed logins from this address; try again later");
  }

  private static void json(RoutingContext rc, int status, String error) {
    rc.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("error", error).encode());
  }

  static Cookie expiredCookie() {
    return Cookie.cookie(SESSION_COOKIE, "").setPath("/").setMaxAge(0).setHttpOnly(true);
  }

  static String clientAddress(RoutingContext rc) {
    SocketAddress remote = rc.request().remoteAddress();
    return remote == null ? "unknown" : remote.hostAddress();
  }
}
