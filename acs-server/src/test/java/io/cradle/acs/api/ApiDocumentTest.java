package io.cradle.acs.api;

import static io.cradle.acs.api.ApiFixtures.token;
import static io.cradle.acs.api.ApiFixtures.user;
import static io.cradle.acs.api.ApiFixtures.withToken;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.testing.RouterCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes the whole {@code /api/v1}: every JAX-RS method found in the
 * compiled classes and every Vert.x route under it appears with a summary, a tag, the security
 * requirement and the JSON error body, so an endpoint added without documentation fails here.
 */
@QuarkusTest
class ApiDocumentTest {

  private static final String API = "/api/v1";

  private static JsonPath document() {
    String reader = token(user("doc-reader", "viewer"), "read");
    return withToken(reader)
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void everyApiEndpointIsDocumentedWithASummaryTagSecurityAndErrors() throws Exception {
    JsonPath doc = document();
    Map<String, Map<String, Object>> paths = doc.getMap("paths");
    TreeSet<String> endpoints = new TreeSet<>(jaxRsEndpoints());
    endpoints.addAll(vertxEndpoints());
    assertTrue(endpoints.size() >= 60, "found the API: " + endpoints);

    List<String> faults = new ArrayList<>();
    for (String endpoint : endpoints) {
      String[] mp = endpoint.split(" ", 2);
      Map<String, Object> item = paths.get(mp[1]);
      String op = "paths['" + mp[1] + "']." + mp[0].toLowerCase(Locale.ROOT);
      if (item == null || !item.containsKey(mp[0].toLowerCase(Locale.ROOT))) {
        faults.add(endpoint + ": not in the document");
        continue;
      }
      String summary = doc.getString(op + ".summary");
      if (summary == null || summary.isBlank()) {
        faults.add(endpoint + ": no summary");
      }
      List<Object> tags = doc.getList(op + ".tags");
      if (tags == null || tags.isEmpty()) {
        faults.add(endpoint + ": no tag");
      }
      List<Map<String, Object>> security = doc.getList(op + ".security");
      if (security == null || !security.contains(Map.of("apiToken", List.of()))) {
        faults.add(endpoint + ": no bearer-token security requirement: " + security);
      }
      String refusal =
          doc.getString(op + ".responses['401'].content['application/json'].schema['$ref']");
      if (!"#/components/schemas/ApiError".equals(refusal)) {
        faults.add(endpoint + ": 401 without the JSON error body: " + refusal);
      }
    }
    for (String path : paths.keySet()) {
      if (path.startsWith(API + "/")) {
        for (String method : paths.get(path).keySet()) {
          if (!endpoints.contains(method.toUpperCase(Locale.ROOT) + " " + path)) {
            faults.add(method + " " + path + ": documented but not served");
          }
        }
      }
    }
    assertTrue(faults.isEmpty(), String.join("\n", faults));
    assertEquals("http", doc.getString("components.securitySchemes.apiToken.type"));
    assertEquals("bearer", doc.getString("components.securitySchemes.apiToken.scheme"));
    assertEquals(
        List.of("error"), doc.getList("components.schemas.ApiError.required"), "error body");
  }

  @Test
  void theFirmwareUploadIsDocumentedThoughItIsNoJaxRsMethod() {
    JsonPath doc = document();
    String upload = "paths['/api/v1/firmware'].post";
    assertEquals(
        "#/components/schemas/FirmwareView",
        doc.getString(upload + ".responses['201'].content['application/json'].schema['$ref']"));
    assertTrue(doc.getMap(upload + ".requestBody.content").containsKey("application/octet-stream"));
    assertTrue(doc.getMap(upload + ".responses").containsKey("413"));
    assertTrue(doc.getList("paths['/api/v1/firmware'].get.tags").contains("Firmware"));
  }

  @Test
  void theDocumentNeedsCredentials() {
    given().get("/q/openapi").then().statusCode(401);
  }

  /** "GET /api/v1/devices/{deviceKey}" for every resource method under /api/v1. */
  private static List<String> jaxRsEndpoints() throws IOException, ClassNotFoundException {
    Path classes = Path.of("target", "classes");
    List<String> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes.resolve("io/cradle/acs"))) {
      files = walk.filter(p -> p.toString().endsWith(".class")).toList();
    }
    for (Path file : files) {
      String name =
          classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
      Class<?> type = Class.forName(name, false, ApiDocumentTest.class.getClassLoader());
      jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
      if (root == null || !(root.value().equals(API) || root.value().startsWith(API + "/"))) {
        continue;
      }
      for (Method m : type.getDeclaredMethods()) {
        String verb = httpMethod(m);
        if (verb == null) {
          continue;
        }
        jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
        String path = sub == null ? root.value() : root.value() + "/" + sub.value();
        out.add(verb + " " + path.replaceAll("/+", "/").replaceAll("/$", ""));
      }
    }
    return out;
  }

  private static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      jakarta.ws.rs.HttpMethod verb =
          a.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  /** Routes added to the Vert.x router directly, as the firmware upload is. */
  private static List<String> vertxEndpoints() {
    List<String> out = new ArrayList<>();
    for (Route route : RouterCapture.router().getRoutes()) {
      String path = route.getPath();
      if (path == null || !path.startsWith(API + "/") || route.methods() == null) {
        continue;
      }
      for (HttpMethod method : route.methods()) {
        out.add(method.name() + " " + path);
      }
    }
    return out;
  }
}
