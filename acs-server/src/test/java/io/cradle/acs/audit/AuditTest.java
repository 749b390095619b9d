package io.cradle.acs.audit;

import static io.cradle.acs.api.ApiFixtures.as;
import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.serial;
import static io.cradle.acs.api.ApiFixtures.token;
import static io.cradle.acs.api.ApiFixtures.user;
import static io.cradle.acs.api.ApiFixtures.withToken;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.inventory.Device;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit log: who did what to which devices, with before and after; and it cannot change. */
@QuarkusTest
class AuditTest {

  @Inject EntityManager em;

  @Test
  void aTagChangeIsRecordedWithTheTagsBeforeAndAfter() {
    String operator = user("aud-tags", "operator");
    Device d = device(serial("AUD"), Instant.now(), x -> x.tags = new String[] {"old"});

    as(operator)
        .contentType("application/json")
        .body("{\"tags\":[\"floor-1\",\"lobby\"]}")
        .put("/api/v1/devices/" + d.deviceKey + "/tags")
        .then()
        .statusCode(200);

    asAdmin()
        .queryParam("device", d.deviceKey)
        .get("/api/v1/audit")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].actor", equalTo(operator))
        .body("items[0].action", equalTo("device.tags"))
        .body("items[0].targetType", equalTo("device"))
        .body("items[0].targetIds", equalTo(List.of(d.deviceKey)))
        .body("items[0].deviceIds[0]", equalTo(d.id.intValue()))
        .body("items[0].before.tags", equalTo(List.of("old")))
        .body("items[0].after.tags", equalTo(List.of("floor-1", "lobby")));
  }

  @Test
  void aBatchIsRecordedWithEveryDeviceAndATokenAsItsActor() {
    String operator = user("aud-batch", "operator");
    String tag = "aud-" + System.nanoTime();
    Device a = device(serial("AUDB"), Instant.now(), x -> x.tags = new String[] {tag});
    Device b = device(serial("AUDB"), Instant.now(), x -> x.tags = new String[] {tag});
    String secret = token(operator, "write");

    withToken(secret)
        .contentType("application/json")
        .body(
            "{\"selector\":{\"tag\":\""
                + tag
                + "\"},\"kind\":\"Reboot\",\"request\":{\"commandKey\":\"r1\"}}")
        .post("/api/v1/tasks")
        .then()
        .statusCode(201);

    as(operator)
        .queryParam("device", b.deviceKey)
        .queryParam("action", "task")
        .get("/api/v1/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].action", equalTo("task.batch"))
        .body("items[0].actor", containsString(operator + " via token "))
        .body("items[0].deviceIds", containsInAnyOrder(a.id.intValue(), b.id.intValue()))
        .body("items[0].after.kind", equalTo("Reboot"))
        .body("items[0].after.tasks", equalTo(2));
    // The user's actions include those of the user's tokens.
    asAdmin()
        .queryParam("actor", operator)
        .get("/api/v1/audit")
        .then()
        .body("items.action", hasItem("task.batch"))
        .body("items.action", hasItem("token.create"));
  }

  @Test
  void aTaskAndItsCancellationAreRecorded() {
    String operator = user("aud-task", "operator");
    Device d = device(serial("AUDT"), Instant.now());

    long id =
        as(operator)
            .contentType("application/json")
            .body("{\"kind\":\"Reboot\",\"request\":{\"commandKey\":\"k\"}}")
            .post("/api/v1/devices/" + d.deviceKey + "/tasks")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    as(operator).delete("/api/v1/tasks/" + id).then().statusCode(200);

    asAdmin()
        .queryParam("device", d.deviceKey)
        .get("/api/v1/audit")
        .then()
        .body("items.action", equalTo(List.of("task.cancel", "task.create")))
        .body("items.targetIds", everyItem(equalTo(List.of(String.valueOf(id)))))
        .body("items[0].before.status", equalTo("QUEUED"))
        .body("items[0].after.status", equalTo("CANCELLED"))
        .body("items[1].before", nullValue())
        .body("items[1].after.kind", equalTo("Reboot"));
  }

  @Test
  void aRefusedChangeLeavesNoAuditRow() {
    String operator = user("aud-refused", "operator");
    Device d = device(serial("AUDR"), Instant.now());

    as(operator)
        .contentType("application/json")
        .body("{\"tags\":[\"\"]}")
        .put("/api/v1/devices/" + d.deviceKey + "/tags")
        .then()
        .statusCode(400);

    asAdmin()
        .queryParam("device", d.deviceKey)
        .get("/api/v1/audit")
        .then()
        .body("total", equalTo(0));
  }

  @Test
  void usersTokensAndLoginsAreRecorded() {
    String viewer = user("aud-user", "viewer");
    asAdmin()
        .contentType("application/json")
        .body("{\"role\":\"operator\"}")
        .patch("/api/v1/users/" + viewer)
        .then()
        .statusCode(200);
    io.restassured.RestAssured.given()
        .auth()
        .preemptive()
        .basic(viewer, "wrong-password")
        .get("/api/v1/devices")
        .then()
        .statusCode(401);

    asAdmin()
        .queryParam("actor", "admin")
        .queryParam("action", "user")
        .get("/api/v1/audit")
        .then()
        .body(
            "items.find { it.targetIds[0] == '"
                + viewer
                + "' && it.action == 'user.update' }.before.role",
            equalTo("viewer"))
        .body(
            "items.find { it.targetIds[0] == '"
                + viewer
                + "' && it.action == 'user.update' }.after.role",
            equalTo("operator"))
        .body(
            "items.find { it.targetIds[0] == '"
                + viewer
                + "' && it.action == 'user.create' }.after.role",
            equalTo("viewer"));
    asAdmin()
        .queryParam("actor", viewer)
        .queryParam("action", "login.failure")
        .get("/api/v1/audit")
        .then()
        .body("total", equalTo(1))
        .body("items[0].detail", containsString("wrong password"));
  }

  @Test
  void theLogPagesNewestFirst() {
    asAdmin()
        .queryParam("limit", 2)
        .get("/api/v1/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("limit", equalTo(2));
    asAdmin().queryParam("limit", 0).get("/api/v1/audit").then().statusCode(400);
    asAdmin().queryParam("device", "no-such-device").get("/api/v1/audit").then().statusCode(404);
  }

  @Test
  void theDatabaseRefusesToChangeOrDeleteAuditRows() {
    user("aud-immutable", "viewer");
    long before = count();

    RuntimeException update =
        assertThrows(
            RuntimeException.class,
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () ->
                            em.createNativeQuery("update audit_event set actor = 'someone-else'")
                                .executeUpdate()));
    assertTrue(rootMessage(update).contains("append-only"), rootMessage(update));
    assertThrows(
        RuntimeException.class,
        () ->
            QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("delete from audit_event").executeUpdate()));
    assertThrows(
        RuntimeException.class,
        () ->
            QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("truncate audit_event").executeUpdate()));

    assertEquals(before, count());
  }

  private long count() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery("select count(*) from audit_event").getSingleResult())
                    .longValue());
  }

  private static String rootMessage(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
