package io.cradle.acs.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.acs.testing.TestCpe;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Inform;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Inform write path: registration policy and the session lease, against PostgreSQL. */
@QuarkusTest
class InventoryTest {

  @Inject Inventory inventory;

  private final Instant now = Instant.parse("2026-11-26T12:00:00Z");

  @Test
  void withoutAutoRegistrationOnlyKnownDevicesGetIn() throws Exception {
    String serial = "POLICY" + System.nanoTime() % 1_000_000;
    Inform inform = TestCpe.wp820Inform(serial, "", new Event(Event.BOOTSTRAP));
    assertInstanceOf(Inventory.Unknown.class, record(inform, "s1", false));
    assertTrue(Device.findByKey(inform.deviceId().key()).isEmpty(), "nothing was stored");

    Inventory.Admitted first =
        assertInstanceOf(Inventory.Admitted.class, record(inform, "s2", true));
    assertTrue(first.isNew());
    inventory.releaseLeases(List.of(new Inventory.Lease(first.deviceId(), "s2")));
    Inventory.Admitted known =
        assertInstanceOf(Inventory.Admitted.class, record(inform, "s3", false));
    assertEquals(first.deviceId(), known.deviceId());
    assertTrue(!known.isNew());
  }

  @Test
  void aLeaseKeepsOtherSessionsOutUntilItIsReleasedOrLapses() throws Exception {
    Inform inform =
        TestCpe.wp820Inform("LEASE" + System.nanoTime() % 1_000_000, "", new Event(Event.BOOT));
    Inventory.Admitted held = assertInstanceOf(Inventory.Admitted.class, record(inform, "a", true));
    Inventory.Busy busy = assertInstanceOf(Inventory.Busy.class, record(inform, "b", true));
    assertEquals(now.plus(Duration.ofMinutes(5)), busy.until());

    // Past the lease's end another session may take the device over.
    Inventory.Admission later =
        inventory.recordInform(
            inform,
            "10.0.0.9",
            "c",
            now.plus(Duration.ofMinutes(6)),
            now.plus(Duration.ofMinutes(11)),
            true);
    assertEquals(held.deviceId(), assertInstanceOf(Inventory.Admitted.class, later).deviceId());
  }

  private Inventory.Admission record(Inform inform, String sessionId, boolean autoRegister)
      throws Exception {
    return inventory.recordInform(
        inform, "10.0.0.9", sessionId, now, now.plus(Duration.ofMinutes(5)), autoRegister);
  }
}
