package io.cradle.acs.security;

import static io.cradle.acs.api.ApiFixtures.as;
import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.serial;
import static io.cradle.acs.api.ApiFixtures.token;
import static io.cradle.acs.api.ApiFixtures.user;
import static io.cradle.acs.api.ApiFixtures.withToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.cradle.acs.api.ApiFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each role's allowed and refused requests, users and tokens, over real HTTP. */
@QuarkusTest
class RoleAccessTest {

  private static final String GET_PARAMS =
      "{\"kind\":\"GetParameterValues\",\"request\":{\"names\":[\"Device.DeviceInfo.\"]}}";

  @Inject LoginThrottle throttle;
  @Inject EntityManager em;

  @AfterEach
  void forgiveFailures() {
    throttle.succeeded("127.0.0.1");
  }

  @Test
  void aViewerReadsButChangesNothing() {
    String viewer = user("viewer", "viewer");
    String key = device(serial("ROLE"), Instant.now()).deviceKey;

    as(viewer).get("/api/v1/devices").then().statusCode(200);
    as(viewer).get("/api/v1/devices/" + key).then().statusCode(200);
    as(viewer).get("/ui/devices").then().statusCode(200).body(containsString(viewer));
    as(viewer).get("/q/metrics").then().statusCode(200);
    tags(as(viewer), key).then().statusCode(403).body("error", containsString("operator"));
    task(as(viewer), key).then().statusCode(403);
    as(viewer).post("/api/v1/devices/" + key + "/connection-request").then().statusCode(403);
    as(viewer).delete("/api/v1/tasks/1").then().statusCode(403);
    as(viewer).get("/api/v1/audit").then().statusCode(403);
    as(viewer).get("/api/v1/users").then().statusCode(403);
  }

  @Test
  void anOperatorActsOnDevicesAndTasksButNotOnUsers() {
    String operator = user("operator", "operator");
    String key = device(serial("ROLE"), Instant.now()).deviceKey;

    tags(as(operator), key).then().statusCode(200);
    long task = task(as(operator), key).then().statusCode(201).extract().jsonPath().getLong("id");
    as(operator).delete("/api/v1/tasks/" + task).then().statusCode(200);
    as(operator).get("/api/v1/audit").then().statusCode(200);
    as(operator).get("/api/v1/users").then().statusCode(403);
    as(operator)
        .contentType("application/json")
        .body("{\"username\":\"x\",\"password\":\"0123456789ab\",\"role\":\"admin\"}")
        .post("/api/v1/users")
        .then()
        .statusCode(403);
  }

  @Test
  void anAdminManagesUsers() {
    String someone = user("managed", "viewer");

    asAdmin().get("/api/v1/users").then().statusCode(200).body("username", hasItem(someone));
    asAdmin()
        .contentType("application/json")
        .body("{\"role\":\"operator\"}")
        .patch("/api/v1/users/" + someone)
        .then()
        .statusCode(200)
        .body("role", equalTo("operator"));
    tags(as(someone), device(serial("ROLE"), Instant.now()).deviceKey).then().statusCode(200);

    asAdmin()
        .contentType("application/json")
        .body("{\"password\":\"a-new-password-1\"}")
        .put("/api/v1/users/" + someone + "/password")
        .then()
        .statusCode(204);
    as(someone).get("/api/v1/devices").then().statusCode(401);
    given()
        .auth()
        .preemptive()
        .basic(someone, "a-new-password-1")
        .get("/api/v1/devices")
        .then()
        .statusCode(200);

    asAdmin()
        .contentType("application/json")
        .body("{\"disabled\":true}")
        .patch("/api/v1/users/" + someone)
        .then()
        .statusCode(200)
        .body("disabled", equalTo(true));
    given()
        .auth()
        .preemptive()
        .basic(someone, "a-new-password-1")
        .get("/api/v1/devices")
        .then()
        .statusCode(401);
  }

  @Test
  void usersAreCheckedWhenCreated() {
    String body = "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"%s\"}";
    asAdmin()
        .contentType("application/json")
        .body(body.formatted("short-pw", "short", "viewer"))
        .post("/api/v1/users")
        .then()
        .statusCode(400)
        .body("error", containsString("at least 10"));
    asAdmin()
        .contentType("application/json")
        .body(body.formatted("bad-role", "0123456789ab", "root"))
        .post("/api/v1/users")
        .then()
        .statusCode(400)
        .body("error", containsString("admin, operator or viewer"));
    asAdmin()
        .contentType("application/json")
        .body(body.formatted(ApiFixtures.ADMIN, "0123456789ab", "viewer"))
        .post("/api/v1/users")
        .then()
        .statusCode(409);
    asAdmin()
        .contentType("application/json")
        .body("{\"disabled\":true}")
        .patch("/api/v1/users/nobody-here")
        .then()
        .statusCode(404);
  }

  @Test
  void theLastEnabledAdminCannotBeDisabledOrDemoted() {
    String second = user("admin2", "admin");
    as(second)
        .contentType("application/json")
        .body("{\"role\":\"viewer\"}")
        .patch("/api/v1/users/" + second)
        .then()
        .statusCode(200);
    as(second).get("/api/v1/users").then().statusCode(403);

    @SuppressWarnings("unchecked")
    List<String> others =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createNativeQuery(
                            "update app_user set disabled = true where role = 'admin'"
                                + " and not disabled and username <> ?1 returning username")
                        .setParameter(1, ApiFixtures.ADMIN)
                        .getResultList());
    try {
      asAdmin()
          .contentType("application/json")
          .body("{\"disabled\":true}")
          .patch("/api/v1/users/" + ApiFixtures.ADMIN)
          .then()
          .statusCode(409)
          .body("error", containsString("last enabled admin"));
      asAdmin()
          .contentType("application/json")
          .body("{\"role\":\"operator\"}")
          .patch("/api/v1/users/" + ApiFixtures.ADMIN)
          .then()
          .statusCode(409);
    } finally {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery(
                          "update app_user set disabled = false where username = any(cast(?1 as text[]))")
                      .setParameter(1, "{" + String.join(",", others) + "}")
                      .executeUpdate());
    }
  }

  @Test
  void aBrowsersRememberedBasicCredentialsDoNotWorkForAnotherSitesPosts() {
    String operator = user("cross-site", "operator");
    String key = device(serial("XSITE"), Instant.now()).deviceKey;

    as(operator)
        .header("Origin", "http://evil.example")
        .post("/api/v1/devices/" + key + "/connection-request")
        .then()
        .statusCode(403)
        .body("error", containsString("cross-site"));
    tags(as(operator).header("Origin", "http://evil.example"), key).then().statusCode(403);
    as(operator)
        .header("Origin", "http://evil.example")
        .get("/api/v1/devices")
        .then()
        .statusCode(200);
  }

  @Test
  void aReadTokenOnlyReads() {
    String operator = user("tok-reader", "operator");
    String read = token(operator, "read");
    String key = device(serial("TOK"), Instant.now()).deviceKey;

    withToken(read).get("/api/v1/devices").then().statusCode(200);
    withToken(read).get("/api/v1/audit").then().statusCode(200);
    tags(withToken(read), key).then().statusCode(403).body("error", containsString("read"));
    task(withToken(read), key).then().statusCode(403);
  }

  @Test
  void aWriteTokenActsWithItsUsersRole() {
    String operator = user("tok-writer", "operator");
    String viewer = user("tok-viewer", "viewer");
    String key = device(serial("TOK"), Instant.now()).deviceKey;

    tags(withToken(token(operator, "write")), key).then().statusCode(200);
    tags(withToken(token(viewer, "write")), key).then().statusCode(403);
    withToken(token(operator, "write")).get("/api/v1/users").then().statusCode(403);
  }

  @Test
  void tokensAreListedWithoutSecretsAndCannotMintTokens() {
    String operator = user("tok-list", "operator");
    String secret = token(operator, "write");

    as(operator)
        .get("/api/v1/tokens")
        .then()
        .statusCode(200)
        .body("username", hasItem(operator))
        .body("[0].secret", nullValue())
        .body(not(containsString(secret)));
    withToken(secret).get("/api/v1/tokens").then().statusCode(403);
    withToken(secret)
        .contentType("application/json")
        .body("{\"name\":\"x\",\"scope\":\"write\"}")
        .post("/api/v1/tokens")
        .then()
        .statusCode(403);
  }

  @Test
  void aRevokedTokenIsRefused() {
    String operator = user("tok-revoke", "operator");
    String secret = token(operator, "read");
    withToken(secret).get("/api/v1/devices").then().statusCode(200);
    long id =
        as(operator)
            .get("/api/v1/tokens")
            .then()
            .extract()
            .jsonPath()
            .getLong("find { it.revokedAt == null }.id");

    String other = user("tok-other", "operator");
    as(other).delete("/api/v1/tokens/" + id).then().statusCode(404);
    as(operator)
        .delete("/api/v1/tokens/" + id)
        .then()
        .statusCode(200)
        .body("revokedAt", not(nullValue()));

    withToken(secret).get("/api/v1/devices").then().statusCode(401);
    withToken("cradle_not-a-token").get("/api/v1/devices").then().statusCode(401);
  }

  @Test
  void aDisabledUsersTokensStopWorking() {
    String operator = user("tok-disabled", "operator");
    String secret = token(operator, "read");
    asAdmin()
        .contentType("application/json")
        .body("{\"disabled\":true}")
        .patch("/api/v1/users/" + operator)
        .then()
        .statusCode(200);

    withToken(secret).get("/api/v1/devices").then().statusCode(401);
  }

  private static io.restassured.response.Response tags(RequestSpecification as, String key) {
    return as.contentType("application/json")
        .body("{\"tags\":[\"floor-3\"]}")
        .put("/api/v1/devices/" + key + "/tags");
  }

  private static io.restassured.response.Response task(RequestSpecification as, String key) {
    return as.contentType("application/json")
        .body(GET_PARAMS)
        .post("/api/v1/devices/" + key + "/tasks");
  }
}
