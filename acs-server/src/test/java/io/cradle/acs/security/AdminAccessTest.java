package io.cradle.acs.security;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.cradle.acs.api.ApiFixtures;
import io.cradle.acs.testing.TestCpe;
import io.cradle.cwmp.soap.CwmpVersion;
import io.cradle.cwmp.soap.Envelope;
import io.cradle.cwmp.soap.Header;
import io.cradle.cwmp.soap.SoapCodec;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Who may reach what over real HTTP: credentials guard all but phones, probes and the login. */
@QuarkusTest
class AdminAccessTest {

  private static final String BASIC_CHALLENGE = "Basic realm=\"Cradle\"";

  @Test
  void theApiWithoutCredentialsIsChallengedForBasic() {
    given()
        .get("/api/v1/devices")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", equalTo(BASIC_CHALLENGE));
  }

  @Test
  void thePageWithoutCredentialsLeadsToTheLoginForm() {
    given()
        .redirects()
        .follow(false)
        .get("/ui/devices?q=x")
        .then()
        .statusCode(303)
        .header("Location", equalTo("/login?next=%2Fui%2Fdevices%3Fq%3Dx"));
    given().redirects().follow(false).get("/").then().statusCode(303);
  }

  @Test
  void metricsAndTheApiDescriptionNeedCredentialsToo() {
    given().get("/q/metrics").then().statusCode(401);
    given().get("/q/openapi").then().statusCode(401);
    asAdmin().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/devices"));
  }

  @Test
  void wrongCredentialsAreRefused() {
    given()
        .auth()
        .preemptive()
        .basic("admin", "not-it")
        .get("/api/v1/devices")
        .then()
        .statusCode(401);
    given()
        .auth()
        .preemptive()
        .basic("root", ApiFixtures.ADMIN_PASSWORD)
        .get("/api/v1/devices")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", equalTo(BASIC_CHALLENGE));
    given().header("Authorization", "Bearer abc").get("/api/v1/devices").then().statusCode(401);
  }

  @Test
  void theRightCredentialsPass() {
    asAdmin().get("/api/v1/devices").then().statusCode(200);
  }

  @Test
  void dotSegmentsDoNotLeadPastTheOpenPrefixes() {
    given().urlEncodingEnabled(false).get("/prov/../api/v1/devices").then().statusCode(401);
    given().urlEncodingEnabled(false).get("/prov/%2e%2e/api/v1/devices").then().statusCode(401);
    given()
        .urlEncodingEnabled(false)
        .redirects()
        .follow(false)
        .get("/cwmp/../ui/devices")
        .then()
        .statusCode(303)
        .header("Location", startsWith("/login"));
  }

  @Test
  void cwmpAnswersWithItsOwnDigestChallengeNotTheAdminOne() {
    byte[] inform =
        new SoapCodec()
            .encode(
                new Envelope(
                    CwmpVersion.V1_0, Header.withId("1"), TestCpe.wp820Inform("SEC-00001", "")));
    given()
        .contentType("text/xml; charset=utf-8")
        .body(inform)
        .post("/cwmp")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Digest "));
  }

  @Test
  void healthIsOpenAndReadinessChecksTheDatabase() {
    given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.name", hasItem(containsString("Database")))
        .body("checks.find { it.name.contains('Database') }.status", equalTo("UP"));
  }

  @Test
  void theRootLeadsToTheFleetOverview() {
    asAdmin()
        .redirects()
        .follow(false)
        .get("/")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/ui"));
  }
}
