package io.cradle.acs.security;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who is making the current request, as {@link AccessFilter} established it. */
@ApplicationScoped
public class CurrentUser {

  @Inject RoutingContext rc;

  /** The caller; IllegalStateException on an open path, where nobody is signed in. */
  public Principal principal() {
    Principal p = rc.get(Principal.KEY);
    if (p == null) {
      throw new IllegalStateException("no authenticated caller on " + rc.normalizedPath());
    }
    return p;
  }

  /** The caller's name for the audit log. */
  public String actor() {
    return principal().actor();
  }
}
