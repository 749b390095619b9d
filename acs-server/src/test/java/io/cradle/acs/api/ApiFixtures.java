package io.cradle.acs.api;

import io.cradle.acs.inventory.Device;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Admin requests and devices stored straight into the inventory, for tests that share one Quarkus
 * and one database (emptied at each start): every device gets a serial number and MAC no other test
 * uses, and no serial number is a substring of another.
 */
public final class ApiFixtures {

  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "test-admin";

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private ApiFixtures() {}

  public static RequestSpecification asAdmin() {
    return RestAssured.given().auth().preemptive().basic(ADMIN, ADMIN_PASSWORD);
  }

  /** The password {@link #user} gives a user. */
  public static String passwordOf(String username) {
    return "pw-" + username + "-0123456789";
  }

  /** Creates a user with a role (admin, operator, viewer) through the API; returns the name. */
  public static String user(String prefix, String role) {
    String username = prefix + "-" + COUNTER.incrementAndGet();
    asAdmin()
        .contentType("application/json")
        .body(
            "{\"username\":\""
                + username
                + "\",\"password\":\""
                + passwordOf(username)
                + "\",\"role\":\""
                + role
                + "\"}")
        .post("/api/v1/users")
        .then()
        .statusCode(201);
    return username;
  }

  public static RequestSpecification as(String username) {
    return RestAssured.given().auth().preemptive().basic(username, passwordOf(username));
  }

  public static RequestSpecification withToken(String secret) {
    return RestAssured.given().header("Authorization", "Bearer " + secret);
  }

  /** Creates an API token for the user (read or write); returns its secret. */
  public static String token(String username, String scope) {
    return as(username)
        .contentType("application/json")
        .body("{\"name\":\"t-" + COUNTER.incrementAndGet() + "\",\"scope\":\"" + scope + "\"}")
        .post("/api/v1/tokens")
        .then()
        .statusCode(201)
        .extract()
        .path("secret");
  }

  /** A serial number starting with {@code prefix}, e.g. {@code API-00042}. */
  public static String serial(String prefix) {
    return String.format("%s-%05d", prefix, COUNTER.incrementAndGet());
  }

  /** A MAC as the inventory stores it (12 upper-case hex digits). */
  public static String mac() {
    return String.format("C074AD%06X", COUNTER.incrementAndGet());
  }

  /** A WP820 that last informed at {@code lastInform} with a 300 s interval, as customized. */
  public static Device device(String serial, Instant lastInform, Consumer<Device> customize) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Device d = new Device();
              d.oui = "000B82";
              d.productClass = "WP820";
              d.serialNumber = serial;
              d.deviceKey = "000B82-WP820-" + serial;
              d.manufacturer = "Grandstream";
              d.softwareVersion = "1.0.7.81";
              d.ipAddress = "10.1.2.3";
              d.periodicInformInterval = 300;
              d.tags = new String[0];
              d.lastEvents = "";
              d.firstSeen = lastInform;
              d.lastInform = lastInform;
              customize.accept(d);
              d.persist();
              return d;
            });
  }

  public static Device device(String serial, Instant lastInform) {
    return device(serial, lastInform, d -> {});
  }
}
