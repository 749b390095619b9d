package io.cradle.acs.security;

import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Ends the dashboard session (a POST with the CSRF token, like every change). */
@Path("/logout")
public class LogoutResource {

  @Inject Sessions sessions;
  @Inject CurrentUser currentUser;
  @Inject Audit audit;
  @Inject RoutingContext rc;

  @POST
  public Response logout() {
    Principal who = currentUser.principal();
    Cookie cookie = rc.request().getCookie(AccessFilter.SESSION_COOKIE);
    if (who.via() == Principal.Via.SESSION && cookie != null) {
      sessions.close(cookie.getValue());
      audit.record(who.username(), "logout", AuditTargets.user(who.username()), null, null, "form");
    }
    rc.response().addCookie(AccessFilter.expiredCookie());
    return Response.seeOther(URI.create("/login")).build();
  }
}
