package io.cradle.acs.security;

import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The dashboard's sign-in form. A successful login opens a session: an HttpOnly, SameSite=Lax
 * cookie ({@code Secure} on TLS or when configured) that {@link AccessFilter} resumes.
 */
@Path("/login")
public class LoginPage {

  static final String DEFAULT_NEXT = "/ui/devices";

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance login(String error, String next, String username);
  }

  @Inject Authenticator authenticator;
  @Inject Sessions sessions;
  @Inject LoginThrottle throttle;
  @Inject Audit audit;
  @Inject SecurityConfig config;
  @Inject RoutingContext rc;

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance form(@QueryParam("next") String next) {
    return Templates.login(null, safeNext(next), "");
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Response login(
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam("next") String next) {
    String target = safeNext(next);
    String user = username == null ? "" : username.strip();
    String client = AccessFilter.clientAddress(rc);
    Optional<Duration> locked = throttle.lockedFor(client);
    if (locked.isPresent()) {
      return Response.status(429)
          .header("Retry-After", locked.get().toSeconds() + 1)
          .entity(
              Templates.login(
                  "Too many failed logins from this address; try again in a minute.", target, user))
          .build();
    }
    Optional<Principal> who =
        authenticator.check(user, password == null ? "" : password, "form", client);
    if (who.isEmpty()) {
      throttle.failed(client);
      return Response.status(401)
          .entity(Templates.login("Wrong user name or password.", target, user))
          .build();
    }
    throttle.succeeded(client);
    Principal p = who.get();
    Sessions.Opened opened = sessions.open(p.userId());
    audit.record(
        p.username(),
        "login.success",
        AuditTargets.user(p.username()),
        null,
        null,
        "form from " + client);
    rc.response()
        .addCookie(
            Cookie.cookie(AccessFilter.SESSION_COOKIE, opened.cookieValue())
                .setPath("/")
                .setHttpOnly(true)
                .setSecure(config.secureCookie() || rc.request().isSSL())
                .setSameSite(CookieSameSite.LAX));
    return Response.seeOther(URI.create(target)).build();
  }

  /** Only a path on this site: never another host ({@code //evil}, {@code /\evil}). */
  static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.contains("\\")
        || next.startsWith("/login")
        || next.chars().anyMatch(c -> c < 0x20)) {
      return DEFAULT_NEXT;
    }
    return next;
  }
}
