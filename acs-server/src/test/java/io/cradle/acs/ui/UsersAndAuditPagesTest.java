package io.cradle.acs.ui;

import static io.cradle.acs.api.ApiFixtures.as;
import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.user;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The users page (admins) and the audit log page (operators and admins). */
@QuarkusTest
class UsersAndAuditPagesTest {

  @Test
  void anAdminCreatesAUserChangesTheRoleAndResetsThePasswordAllAudited() {
    String name = "pageuser-" + System.nanoTime();
    asAdmin()
        .formParam("username", name)
        .formParam("password", "a-long-enough-password-1")
        .formParam("role", "viewer")
        .redirects()
        .follow(false)
        .post("/ui/users")
        .then()
        .statusCode(303)
        .header("Location", containsString("created%20as%20viewer"));
    asAdmin()
        .formParam("role", "operator")
        .formParam("disabled", "false")
        .redirects()
        .follow(false)
        .post("/ui/users/" + name)
        .then()
        .statusCode(303)
        .header("Location", containsString("is%20now%20operator"));
    asAdmin()
        .formParam("password", "short")
        .redirects()
        .follow(false)
        .post("/ui/users/" + name + "/password")
        .then()
        .statusCode(303)
        .header("Location", containsString("error="));

    asAdmin()
        .get("/ui/users")
        .then()
        .statusCode(200)
        .body(containsString("data-user=\"" + name + "\""));
    asAdmin()
        .queryParam("action", "user")
        .queryParam("actor", "admin")
        .get("/ui/audit")
        .then()
        .statusCode(200)
        .body(containsString("user.create"))
        .body(containsString("user.update"))
        .body(containsString("&quot;role&quot;:&quot;operator&quot;"));
  }

  @Test
  void aUserDisabledFromThePageIsShownDisabledAndCannotSignIn() {
    String name = user("pagedisable", "viewer");
    asAdmin()
        .formParam("disabled", "true")
        .redirects()
        .follow(false)
        .post("/ui/users/" + name)
        .then()
        .statusCode(303)
        .header("Location", containsString("disabled"));
    asAdmin()
        .get("/ui/users")
        .then()
        .body(containsString("data-user=\"" + name + "\" class=\"disabled\""));
    as(name).get("/api/v1/devices").then().statusCode(401);
  }

  @Test
  void anUnknownRoleIsRefusedWithTheChoices() {
    asAdmin()
        .formParam("username", "role-" + System.nanoTime())
        .formParam("password", "a-long-enough-password-1")
        .formParam("role", "superuser")
        .redirects()
        .follow(false)
        .post("/ui/users")
        .then()
        .statusCode(303)
        .header("Location", containsString("role%20must%20be%20admin%2C%20operator%20or%20viewer"));
  }

  @Test
  void rolesDecideWhoSeesWhichPage() {
    String viewer = user("pageviewer", "viewer");
    String operator = user("pageoperator", "operator");
    as(viewer).get("/ui/users").then().statusCode(403);
    as(viewer).get("/ui/audit").then().statusCode(403);
    as(operator).get("/ui/users").then().statusCode(403);
    as(operator).get("/ui/audit").then().statusCode(200);
    as(operator)
        .formParam("username", "x")
        .formParam("password", "a-long-enough-password-1")
        .formParam("role", "admin")
        .post("/ui/users")
        .then()
        .statusCode(403);
  }

  @Test
  void anUnknownDeviceInTheAuditFilterSaysSo() {
    asAdmin()
        .queryParam("device", "000B82-WP820-NOBODY")
        .get("/ui/audit")
        .then()
        .statusCode(200)
        .body(containsString("No device with key"))
        .body(not(containsString("<td>login.success</td>")));
  }
}
