package io.cradle.acs.security;

import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.passwordOf;
import static io.cradle.acs.api.ApiFixtures.serial;
import static io.cradle.acs.api.ApiFixtures.user;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dashboard: form login, the session cookie, its timeouts, CSRF, logout, the throttle. */
@QuarkusTest
class DashboardSessionTest {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Inject EntityManager em;
  @Inject LoginThrottle throttle;

  @AfterEach
  void forgiveFailures() {
    throttle.succeeded("127.0.0.1");
  }

  @Test
  void theLoginFormOpensASessionWithAProperCookie() {
    String operator = user("dash", "operator");
    given().get("/login").then().statusCode(200).body(containsString("name=\"password\""));

    Response login = login(operator, passwordOf(operator), "/ui/devices?q=x");

    login.then().statusCode(303).header("Location", endsWithPath("/ui/devices?q=x"));
    Cookie cookie = login.detailedCookie(AccessFilter.SESSION_COOKIE);
    assertNotNull(cookie);
    assertTrue(cookie.isHttpOnly());
    assertEquals("Lax", cookie.getSameSite());
    assertFalse(cookie.isSecured(), "plain HTTP in tests");
    assertEquals("/", cookie.getPath());
    assertEquals(43, cookie.getValue().length(), "256 random bits");
    assertEquals(
        0L,
        count("select count(*) from user_session where id = ?1", cookie.getValue()),
        "the cookie value itself is not stored");

    given()
        .cookie(AccessFilter.SESSION_COOKIE, cookie.getValue())
        .get("/ui/devices")
        .then()
        .statusCode(200)
        .body(containsString(operator))
        .body(containsString("name=\"_csrf\""));
  }

  @Test
  void aWrongPasswordShowsTheFormAgain() {
    String viewer = user("dash-wrong", "viewer");
    login(viewer, "not-the-password", "/ui/devices")
        .then()
        .statusCode(401)
        .body(containsString("Wrong user name or password"))
        .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
  }

  @Test
  void nextCannotLeadToAnotherSite() {
    assertEquals("/ui/devices", LoginPage.safeNext("//evil.example/"));
    assertEquals("/ui/devices", LoginPage.safeNext("https://evil.example/"));
    assertEquals("/ui/devices", LoginPage.safeNext("/\\evil.example"));
    assertEquals("/ui/devices?page=2", LoginPage.safeNext("/ui/devices?page=2"));
  }

  @Test
  void stateChangesOnASessionNeedItsCsrfToken() {
    String operator = user("dash-csrf", "operator");
    String session = session(operator);
    String csrf = csrfOf(session);
    String key = device(serial("CSRF"), Instant.now()).deviceKey;

    tags(session, key, null).then().statusCode(403).body("error", containsString("CSRF"));
    tags(session, key, "wrong").then().statusCode(403);
    tags(session, key, csrf).then().statusCode(200);
    // Reading needs none.
    given()
        .cookie(AccessFilter.SESSION_COOKIE, session)
        .get("/api/v1/devices")
        .then()
        .statusCode(200);
  }

  @Test
  void theLogoutFormNeedsTheCsrfFieldAndEndsTheSession() {
    String viewer = user("dash-logout", "viewer");
    String session = session(viewer);

    logout(session, null).then().statusCode(403);
    logout(session, "wrong").then().statusCode(403);
    logout(session, csrfOf(session))
        .then()
        .statusCode(303)
        .header("Location", endsWithPath("/login"));

    page(session).then().statusCode(303).header("Location", startsWith("/login"));
  }

  @Test
  void aSessionEndsWhenIdleTooLong() {
    String viewer = user("dash-idle", "viewer");
    String session = session(viewer);
    page(session).then().statusCode(200);

    sql(
        "update user_session set last_seen = now() - interval '31 minutes' where id = ?1",
        Secrets.sha256Hex(session));

    page(session).then().statusCode(303).header("Location", startsWith("/login"));
    given()
        .cookie(AccessFilter.SESSION_COOKIE, session)
        .get("/api/v1/devices")
        .then()
        .statusCode(401);
  }

  @Test
  void aSessionEndsAtItsMaximumAgeEvenWhenUsed() {
    String viewer = user("dash-max", "viewer");
    String session = session(viewer);

    sql(
        "update user_session set expires_at = now() - interval '1 second' where id = ?1",
        Secrets.sha256Hex(session));

    page(session).then().statusCode(303);
  }

  @Test
  void aSessionIdleLessThanTheTimeoutGoesOn() {
    String viewer = user("dash-alive", "viewer");
    String session = session(viewer);
    sql(
        "update user_session set last_seen = now() - interval '29 minutes' where id = ?1",
        Secrets.sha256Hex(session));

    page(session).then().statusCode(200);
  }

  @Test
  void disablingAUserEndsTheirSessions() {
    String viewer = user("dash-disabled", "viewer");
    String session = session(viewer);
    io.cradle.acs.api.ApiFixtures.asAdmin()
        .contentType("application/json")
        .body("{\"disabled\":true}")
        .patch("/api/v1/users/" + viewer)
        .then()
        .statusCode(200);

    page(session).then().statusCode(303);
  }

  @Test
  void manyWrongPasswordsLockTheAddressOutOfBothLoginPaths() {
    String viewer = user("dash-throttle", "viewer");
    for (int i = 0; i < 10; i++) {
      login(viewer, "wrong-" + i, "/ui/devices").then().statusCode(401);
    }

    login(viewer, passwordOf(viewer), "/ui/devices").then().statusCode(429);
    io.cradle.acs.api.ApiFixtures.as(viewer)
        .get("/api/v1/devices")
        .then()
        .statusCode(429)
        .header("Retry-After", org.hamcrest.Matchers.notNullValue());

    throttle.succeeded("127.0.0.1");
    login(viewer, passwordOf(viewer), "/ui/devices").then().statusCode(303);
  }

  private static Response login(String username, String password, String next) {
    return given()
        .redirects()
        .follow(false)
        .formParam("username", username)
        .formParam("password", password)
        .formParam("next", next)
        .post("/login");
  }

  private static String session(String username) {
    return login(username, passwordOf(username), "/ui/devices")
        .then()
        .statusCode(303)
        .extract()
        .cookie(AccessFilter.SESSION_COOKIE);
  }

  private static String csrfOf(String session) {
    String html = page(session).then().statusCode(200).extract().asString();
    Matcher m = CSRF_FIELD.matcher(html);
    assertTrue(m.find(), "the page carries the CSRF token");
    return m.group(1);
  }

  private static Response page(String session) {
    return given()
        .redirects()
        .follow(false)
        .cookie(AccessFilter.SESSION_COOKIE, session)
        .get("/ui/devices");
  }

  private static Response tags(String session, String key, String csrf) {
    var request =
        given()
            .cookie(AccessFilter.SESSION_COOKIE, session)
            .contentType("application/json")
            .body("{\"tags\":[\"csrf-ok\"]}");
    if (csrf != null) {
      request.header(AccessFilter.CSRF_HEADER, csrf);
    }
    return request.put("/api/v1/devices/" + key + "/tags");
  }

  private static Response logout(String session, String csrf) {
    var request = given().redirects().follow(false).cookie(AccessFilter.SESSION_COOKIE, session);
    request.contentType("application/x-www-form-urlencoded");
    request.formParam("other", "x");
    if (csrf != null) {
      request.formParam(AccessFilter.CSRF_FIELD, csrf);
    }
    return request.post("/logout");
  }

  private static org.hamcrest.Matcher<String> endsWithPath(String path) {
    return org.hamcrest.Matchers.endsWith(path);
  }

  private long count(String sql, String parameter) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult())
                    .longValue());
  }

  private void sql(String sql, String parameter) {
    QuarkusTransaction.requiringNew()
        .run(() -> em.createNativeQuery(sql).setParameter(1, parameter).executeUpdate());
  }
}
