package io.cradle.cpe.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.Reboot;
import io.cradle.cwmp.message.SetParameterValues;
import io.cradle.cwmp.message.SetParameterValuesResponse;
import io.cradle.cwmp.param.ParameterType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PhoneTest {

  private final VirtualScheduler scheduler =
      new VirtualScheduler(Instant.parse("2026-11-26T10:00:00Z"));
  private final PValueStore store = new PValueStore(PValueCatalog.wp820());
  private FakeAcs acs;
  private Phone phone;

  @BeforeEach
  void start() throws Exception {
    acs = new FakeAcs();
    store.setAll(FakeAcs.factorySettings(acs));
    phone =
        Phone.builder(
                DeviceIdentity.wp820("SN0001", "V1.0A", "1.0.7.81", "C0:74:AD:12:34:56"), scheduler)
            .store(store)
            .random(new SplittableRandom(1))
            .build();
  }

  @AfterEach
  void stop() {
    acs.close();
  }

  private static List<String> codes(Inform inform) {
    return inform.events().stream().map(Event::code).toList();
  }

  @Test
  void firstBootBootstrapsWithDigestAndLaterSessionsDoNot() {
    phone.boot();
    scheduler.runFor(Duration.ZERO);

    assertEquals(1, acs.informs().size());
    assertEquals(List.of(Event.BOOTSTRAP, Event.BOOT), codes(acs.informs().get(0)));
    assertEquals(1, acs.challenges(), "one 401 answered with the ManagementServer credentials");
    assertEquals(acs.url(), phone.bootstrappedAcsUrl().orElseThrow());

    phone.connectionRequest();
    scheduler.runFor(Duration.ZERO);
    assertEquals(List.of(Event.CONNECTION_REQUEST), codes(acs.informs().get(1)));
    assertEquals(2, acs.challenges(), "each session authenticates anew");
  }

  @Test
  void aFailedSessionIsRetriedWithItsEventsAndRetryCount() {
    acs.failNextInforms(1);
    phone.boot();
    scheduler.runFor(Duration.ZERO);
    assertTrue(acs.informs().isEmpty(), "the 503 failed the session");

    // The first retry waits 5-10 s with the default policy.
    scheduler.runFor(Duration.ofSeconds(4));
    assertTrue(acs.informs().isEmpty());
    scheduler.runFor(Duration.ofSeconds(7));
    assertEquals(1, acs.informs().size());
    Inform retried = acs.informs().get(0);
    assertEquals(List.of(Event.BOOTSTRAP, Event.BOOT), codes(retried));
    assertEquals(1, retried.retryCount());

    phone.connectionRequest();
    scheduler.runFor(Duration.ZERO);
    assertEquals(0, acs.informs().get(1).retryCount(), "a success resets RetryCount");
  }

  @Test
  void connectionRequestsWaitingForTheSchedulerAreCoalesced() {
    phone.boot();
    scheduler.runFor(Duration.ZERO);

    assertTrue(phone.connectionRequest());
    assertFalse(phone.connectionRequest());
    assertFalse(phone.connectionRequest());
    scheduler.runFor(Duration.ZERO);
    assertEquals(2, acs.informs().size(), "boot and one connection request session");

    assertTrue(phone.connectionRequest(), "a request after the session opens a new one");
    scheduler.runFor(Duration.ZERO);
    assertEquals(3, acs.informs().size());
  }

  @Test
  void acsRequestsAreAnsweredAndARebootInformsWithItsCommandKey() {
    phone.boot();
    scheduler.runFor(Duration.ZERO);
    acs.enqueue(
        new SetParameterValues(
            List.of(
                new ParameterValue(
                    "Device.ManagementServer.PeriodicInformInterval",
                    "120",
                    ParameterType.UNSIGNED_INT)),
            "key-1"));
    acs.enqueue(new Reboot("rb-1"));

    phone.connectionRequest();
    scheduler.runFor(Duration.ZERO);

    assertInstanceOf(SetParameterValuesResponse.class, acs.answers().get(0));
    assertEquals("120", store.get("P4507").orElseThrow());
    Inform afterReboot = acs.informs().get(2);
    assertEquals(List.of(Event.M_REBOOT, Event.BOOT), codes(afterReboot));
    assertEquals("rb-1", afterReboot.events().get(0).commandKey());
    assertTrue(
        afterReboot.parameters().stream()
            .anyMatch(
                p ->
                    p.name().equals("Device.ManagementServer.ParameterKey")
                        && p.value().equals("key-1")));
  }

  @Test
  void anAcsThatOffersOnlyBasicGetsBasicCredentials() {
    acs.basicOnly();
    phone.boot();
    scheduler.runFor(Duration.ZERO);

    assertEquals(1, acs.informs().size());
    assertEquals(1, acs.challenges());
  }
}
