package io.cradle.acs.ui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.security.AccessFilter;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signed-in dashboard session for page tests: its cookie and the CSRF token its pages carry. */
public record Dashboard(String cookie) {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  public static Dashboard signIn(String username, String password) {
    String cookie =
        given()
            .redirects()
            .follow(false)
            .formParam("username", username)
            .formParam("password", password)
            .formParam("next", "/ui/devices")
            .post("/login")
            .then()
            .statusCode(303)
            .extract()
            .cookie(AccessFilter.SESSION_COOKIE);
    return new Dashboard(cookie);
  }

  public RequestSpecification request() {
    return given().redirects().follow(false).cookie(AccessFilter.SESSION_COOKIE, cookie);
  }

  /** The CSRF token as the page at {@code path} carries it. */
  public String csrf(String path) {
    String html = request().get(path).then().statusCode(200).extract().asString();
    Matcher m = CSRF_FIELD.matcher(html);
    assertTrue(m.find(), "the page carries the CSRF token");
    return m.group(1);
  }
}
