package io.cradle.acs.security;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.testing.RouterCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every route the ACS has, asked without credentials: only the open ones answer. The REST routes
 * come from the OpenAPI document, the others from the Vert.x router, so a new endpoint is checked
 * without anyone adding it here.
 */
@QuarkusTest
class AllRoutesClosedTest {

  @Test
  void everyRestEndpointNeedsCredentialsExceptTheOpenOnes() {
    Map<String, Map<String, Object>> paths =
        asAdmin()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("paths");
    assertTrue(paths.size() >= 10, "the API is described: " + paths.keySet());
    List<String> leaks = new ArrayList<>();
    for (var entry : paths.entrySet()) {
      String path = entry.getKey().replaceAll("\\{[^}]+}", "1");
      for (String method : entry.getValue().keySet()) {
        if (!List.of("get", "post", "put", "delete", "patch").contains(method)) {
          continue;
        }
        int status =
            given()
                .redirects()
                .follow(false)
                .contentType("application/json")
                .body("{}")
                .request(method.toUpperCase(java.util.Locale.ROOT), path)
                .statusCode();
        boolean open = AccessFilter.isOpen(path);
        boolean closed = status == 401 || status == 303;
        if (open == closed) {
          leaks.add(method + " " + path + " -> " + status + (open ? " (open path)" : ""));
        }
      }
    }
    assertTrue(leaks.isEmpty(), "unexpected answers: " + leaks);
  }

  @Test
  void everyOtherRouteNeedsCredentialsExceptTheOpenOnes() {
    List<String> leaks = new ArrayList<>();
    assertTrue(RouterCapture.router() != null, "the router was captured");
    for (Route route : RouterCapture.router().getRoutes()) {
      String path = route.getPath();
      if (path == null || AccessFilter.isOpen(path) || path.startsWith("/q/health")) {
        continue;
      }
      int status = given().redirects().follow(false).get(path).statusCode();
      if (status != 401 && status != 303) {
        leaks.add(path + " -> " + status);
      }
    }
    assertTrue(leaks.isEmpty(), "unexpected answers: " + leaks);
  }
}
