package io.cradle.acs.rollouts;

import static io.cradle.acs.api.ApiFixtures.as;
import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.device;
import static io.cradle.acs.api.ApiFixtures.serial;
import static io.cradle.acs.api.ApiFixtures.user;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.inventory.Device;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Rollouts through the API: what is refused, dry runs, and the operator's actions. */
@QuarkusTest
class RolloutApiTest {

  private static final AtomicInteger VERSIONS = new AtomicInteger(1);

  @Inject Clock clock;

  private static long upload() {
    String version = "4.0.0." + VERSIONS.getAndIncrement();
    return asAdmin()
        .contentType("application/octet-stream")
        .body(FirmwareImage.build("WP820", FirmwareVersion.parse(version), new byte[1024]))
        .post("/api/v1/firmware")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  /** Devices whose serial numbers start with a fresh prefix; returns the prefix. */
  private String devices(int count, String version) {
    String prefix = serial("RAPI") + "X";
    for (int i = 0; i < count; i++) {
      device(prefix + i, clock.instant(), d -> d.softwareVersion = version);
    }
    return prefix;
  }

  private static void refused(String body, String message) {
    asAdmin()
        .contentType("application/json")
        .body(body)
        .post("/api/v1/rollouts")
        .then()
        .statusCode(400)
        .body("error", containsString(message));
  }

  @Test
  void badRequestsAreRefusedWithWhatToFix() {
    long image = upload();
    String sel = "\"selector\":{\"query\":\"" + devices(1, "1.0.7.81") + "\"}";
    refused("{\"name\":\"x\"," + sel + "}", "\"firmwareId\" is required");
    refused(
        "{\"name\":\"x\",\"firmwareId\":999999," + sel + "}", "no firmware image with id 999999");
    refused(
        "{\"name\":\"x\",\"firmwareId\":" + image + ",\"selector\":{}}", "matches every device");
    refused(
        "{\"name\":\"x\",\"firmwareId\":" + image + "," + sel + ",\"waves\":[10,5,100]}",
        "cumulative percentages");
    refused(
        "{\"name\":\"x\",\"firmwareId\":" + image + "," + sel + ",\"waves\":[10,50]}",
        "last wave must be 100");
    refused(
        "{\"name\":\"x\",\"firmwareId\":" + image + "," + sel + ",\"windowStart\":\"22:00\"}",
        "needs both windowStart and windowEnd");
    refused(
        "{\"name\":\"x\",\"firmwareId\":"
            + image
            + ","
            + sel
            + ",\"windowStart\":\"25:00\",\"windowEnd\":\"05:00\"}",
        "windowStart must be a UTC time HH:mm");
    refused(
        "{\"name\":\"x\",\"firmwareId\":" + image + "," + sel + ",\"failureThreshold\":1.5}",
        "between 0 and 1");
    refused(
        "{\"name\":\"x\",\"firmwareId\":" + image + "," + sel + ",\"maxConcurrent\":0}",
        "maxConcurrent must be at least 1");
    refused("{\"firmwareId\":" + image + "," + sel + "}", "\"name\" is required");
    refused(
        "{\"name\":\"x\",\"firmwareId\":" + image + ",\"selector\":{\"query\":\"NO-SUCH-DEVICE\"}}",
        "matches no device");
    asAdmin()
        .contentType("application/json")
        .body("{\"name\": ")
        .post("/api/v1/rollouts")
        .then()
        .statusCode(400)
        .body("error", org.hamcrest.Matchers.notNullValue());
  }

  @Test
  void aDryRunCountsTargetsAndLeavesOutDevicesAlreadyAtTheVersion() {
    long image = upload();
    String version =
        asAdmin().get("/api/v1/firmware/" + image).then().extract().jsonPath().getString("version");
    String prefix = devices(7, "1.0.7.81");
    device(prefix + "up", clock.instant(), d -> d.softwareVersion = version);
    int before = asAdmin().get("/api/v1/rollouts").then().extract().jsonPath().getList("id").size();

    asAdmin()
        .contentType("application/json")
        .body(
            "{\"firmwareId\":"
                + image
                + ",\"selector\":{\"query\":\""
                + prefix
                + "\"},\"waves\":[1,10,50,100],\"dryRun\":true}")
        .post("/api/v1/rollouts")
        .then()
        .statusCode(200)
        .body("matched", equalTo(8))
        .body("alreadyAtVersion", equalTo(1))
        .body("targets", equalTo(7))
        .body("otherModel", equalTo(0))
        .body("waveSizes", equalTo(List.of(1, 0, 3, 3)));
    assertEquals(
        before, asAdmin().get("/api/v1/rollouts").then().extract().jsonPath().getList("id").size());
  }

  @Test
  void startPauseResumeAbortMoveTheStateAndAreAudited() {
    long image = upload();
    String prefix = devices(4, "1.0.7.81");
    JsonPath created =
        asAdmin()
            .contentType("application/json")
            .body(
                "{\"name\":\"canary\",\"firmwareId\":"
                    + image
                    + ",\"selector\":{\"query\":\""
                    + prefix
                    + "\"},\"waves\":[25,100],\"maxConcurrent\":1,"
                    + "\"windowStart\":\"00:00\",\"windowEnd\":\"23:59\"}")
            .post("/api/v1/rollouts")
            .then()
            .statusCode(201)
            .body("state", equalTo("DRAFT"))
            .body("progress.devices", equalTo(List.of(1, 3)))
            .extract()
            .jsonPath();
    long id = created.getLong("id");
    asAdmin()
        .post("/api/v1/rollouts/" + id + "/pause")
        .then()
        .statusCode(409)
        .body("error", containsString("it is DRAFT"));

    JsonPath started =
        asAdmin()
            .post("/api/v1/rollouts/" + id + "/start")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals("RUNNING", started.getString("state"));
    assertEquals(1, started.getInt("progress[0].upgrading"), "the canary's Download is queued");
    String canaryKey = started.getString("devices.find { it.step == 'UPGRADING' }.deviceKey");
    Task download =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    Task.<Task>find("deviceId", Device.findByKey(canaryKey).orElseThrow().id)
                        .firstResult());
    assertEquals("Download", download.kind);
    assertEquals("rollout-" + id, download.commandKey);
    assertTrue(download.request.contains("1 Firmware Upgrade Image"), download.request);
    assertTrue(download.request.contains("/firmware/WP820-4.0.0."), download.request);

    asAdmin()
        .post("/api/v1/rollouts/" + id + "/pause")
        .then()
        .statusCode(200)
        .body("state", equalTo("PAUSED"));
    asAdmin()
        .post("/api/v1/rollouts/" + id + "/resume")
        .then()
        .statusCode(200)
        .body("state", equalTo("RUNNING"));
    asAdmin().post("/api/v1/rollouts/" + id + "/rollback").then().statusCode(409);
    asAdmin()
        .post("/api/v1/rollouts/" + id + "/abort")
        .then()
        .statusCode(200)
        .body("state", equalTo("ABORTED"))
        .body("steps.PENDING", equalTo(4));
    assertEquals(
        TaskStatus.CANCELLED,
        QuarkusTransaction.requiringNew().call(() -> Task.<Task>findById(download.id).status),
        "the unsent Download was called back");
    asAdmin().post("/api/v1/rollouts/" + id + "/resume").then().statusCode(409);

    List<String> actions =
        asAdmin()
            .queryParam("action", "rollout")
            .queryParam("limit", 200)
            .get("/api/v1/audit")
            .then()
            .extract()
            .jsonPath()
            .getList("items.findAll { it.targetIds == ['" + id + "'] }.action");
    assertTrue(
        actions.containsAll(
            List.of(
                "rollout.create",
                "rollout.start",
                "rollout.upgrade",
                "rollout.pause",
                "rollout.resume",
                "rollout.abort")),
        actions.toString());
  }

  @Test
  void aViewerReadsButCannotCreateOrAct() {
    String viewer = user("roll-viewer", "viewer");
    as(viewer).get("/api/v1/rollouts").then().statusCode(200);
    as(viewer)
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/rollouts")
        .then()
        .statusCode(403);
    as(viewer).post("/api/v1/rollouts/1/start").then().statusCode(403);
    as(viewer).get("/ui/rollouts").then().statusCode(200).body(containsString("Rollouts"));
  }

  @Test
  void thePagesShowTheRepositoryAndARolloutsProgress() {
    long image = upload();
    String prefix = devices(2, "1.0.7.81");
    long id =
        asAdmin()
            .contentType("application/json")
            .body(
                "{\"name\":\"page <b>test</b>\",\"firmwareId\":"
                    + image
                    + ",\"selector\":{\"query\":\""
                    + prefix
                    + "\"}}")
            .post("/api/v1/rollouts")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");

    asAdmin()
        .get("/ui/firmware")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/html"))
        .body(containsString("WP820-4.0.0."))
        .body(containsString("X-CSRF-Token"));
    asAdmin()
        .get("/ui/rollouts")
        .then()
        .statusCode(200)
        .body(containsString("page &lt;b&gt;test&lt;/b&gt;"))
        .body(containsString("name=\"firmwareId\""));
    asAdmin()
        .get("/ui/rollouts/" + id)
        .then()
        .statusCode(200)
        .body(containsString("DRAFT"))
        .body(containsString("action=\"/ui/rollouts/" + id + "/start\""))
        .body(org.hamcrest.Matchers.not(containsString("http-equiv=\"refresh\"")));
  }
}
