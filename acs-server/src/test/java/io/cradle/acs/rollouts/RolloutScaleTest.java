package io.cradle.acs.rollouts;

import static io.cradle.acs.api.ApiFixtures.asAdmin;
import static io.cradle.acs.api.ApiFixtures.serial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cwmp.image.FirmwareImage;
import io.cradle.cwmp.image.FirmwareVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * A rollout over 10,000 devices: creation (selection, waves, one insert) and a step that queues a
 * thousand Downloads stay well inside a scheduler tick. Prints the times; the bounds are loose so a
 * loaded machine does not fail it, a quadratic slip would.
 */
@QuarkusTest
class RolloutScaleTest {

  private static final int DEVICES = 10_000;

  @Inject EntityManager em;
  @Inject Rollouts rollouts;
  @Inject Clock clock;

  @Test
  void tenThousandTargetsAreCreatedAndSteppedInSeconds() {
    String prefix = serial("SCALE") + "X";
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "insert into device (device_key, oui, product_class, serial_number,"
                            + " manufacturer, software_version, first_seen, last_inform)"
                            + " select '000B82-WP820-' || ?1 || n, '000B82', 'WP820', ?1 || n,"
                            + " 'Grandstream', '1.0.7.81', ?2, ?2"
                            + " from generate_series(1, ?3) n")
                    .setParameter(1, prefix)
                    .setParameter(2, clock.instant())
                    .setParameter(3, DEVICES)
                    .executeUpdate());
    long image =
        asAdmin()
            .contentType("application/octet-stream")
            .body(FirmwareImage.build("WP820", FirmwareVersion.parse("6.0.0.1"), new byte[256]))
            .post("/api/v1/firmware")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");

    long t0 = System.nanoTime();
    long id =
        asAdmin()
            .contentType("application/json")
            .body(
                "{\"name\":\"scale\",\"firmwareId\":"
                    + image
                    + ",\"selector\":{\"query\":\""
                    + prefix
                    + "\"},\"maxConcurrent\":1000}")
            .post("/api/v1/rollouts")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    long created = System.nanoTime();
    rollouts.start("admin", id);
    long t1 = System.nanoTime();
    int first = rollouts.tick(id).size();
    long stepped = System.nanoTime();
    int second = rollouts.tick(id).size();
    long idle = System.nanoTime();

    System.out.printf(
        "rollout over %d devices: create %d ms, step queuing %d Downloads %d ms,"
            + " step with nothing to start %d ms%n",
        DEVICES,
        (created - t0) / 1_000_000,
        first,
        (stepped - t1) / 1_000_000,
        (idle - stepped) / 1_000_000);
    assertEquals(100, first, "the 1 % canary of 10,000");
    assertEquals(0, second, "the canary is not judged yet");
    assertTrue((created - t0) / 1_000_000 < 60_000, "creation took over 60 s");
    assertTrue((idle - stepped) / 1_000_000 < 10_000, "an idle step took over 10 s");
  }
}
