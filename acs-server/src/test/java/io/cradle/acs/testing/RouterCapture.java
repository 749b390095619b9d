package io.cradle.acs.testing;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Keeps the ACS's Vert.x router, so tests can list every route it has. */
@ApplicationScoped
public class RouterCapture {

  private static volatile Router router;

  void capture(@Observes Router r) {
    router = r;
  }

  public static Router router() {
    return router;
  }
}
