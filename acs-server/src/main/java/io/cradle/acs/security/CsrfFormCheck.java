package io.cradle.acs.security;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * The second half of the CSRF check for dashboard forms: {@link AccessFilter} cannot read a body,
 * so for a form posted on a session without the header it leaves the expected token here, and this
 * filter compares the form's {@code _csrf} field once Quarkus REST has read the form.
 */
public class CsrfFormCheck {

  @ServerRequestFilter
  @WithFormRead
  public void check(ResteasyReactiveContainerRequestContext request, RoutingContext rc) {
    String expected = rc.get(AccessFilter.CSRF_PENDING);
    if (expected == null) {
      return;
    }
    Object given =
        ((ResteasyReactiveRequestContext) request.getServerRequestContext())
            .getFormParameter(AccessFilter.CSRF_FIELD, true, false);
    if (!(given instanceof String text) || !Secrets.same(text, expected)) {
      request.abortWith(
          Response.status(403)
              .type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
              .entity("Missing or wrong CSRF token: reload the page and try again.")
              .build());
    }
  }
}
