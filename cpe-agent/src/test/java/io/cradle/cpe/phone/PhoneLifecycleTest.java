package io.cradle.cpe.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.time.VirtualScheduler;
import io.cradle.cwmp.message.AddObject;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.FactoryReset;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.SetParameterAttribute;
import io.cradle.cwmp.message.SetParameterValues;
import io.cradle.cwmp.param.ParameterType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Power cycles, the flash, factory reset and value-change sessions of a whole phone. */
class PhoneLifecycleTest {

  private static final DeviceIdentity IDENTITY =
      DeviceIdentity.wp820("SN0002", "V1.0A", "1.0.7.81", "00:0B:82:00:00:02");

  private final VirtualScheduler scheduler =
      new VirtualScheduler(Instant.parse("2026-11-26T10:00:00Z"));
  private final List<String> answered = Collections.synchronizedList(new ArrayList<>());
  private final PhoneObserver observer =
      new PhoneObserver() {
        @Override
        public void rpcAnswered(String method, int faultCode) {
          answered.add(method + "=" + faultCode);
        }
      };
  private FakeAcs acs;

  @BeforeEach
  void start() throws Exception {
    acs = new FakeAcs();
  }

  @AfterEach
  void stop() {
    acs.close();
  }

  private Map<String, String> factory() {
    return Map.of("P4503", acs.url(), "P4504", FakeAcs.USERNAME, "P4505", FakeAcs.PASSWORD);
  }

  private Phone phone(Flash flash) {
    return Phone.builder(IDENTITY, scheduler)
        .store(new PValueStore(PValueCatalog.wp820()))
        .factorySettings(factory())
        .flash(flash)
        .random(new SplittableRandom(5))
        .observer(observer)
        .build();
  }

  private List<String> codes(int inform) {
    return acs.informs().get(inform).events().stream().map(Event::code).toList();
  }

  private static SetParameterValues interval(String seconds, String key) {
    return new SetParameterValues(
        List.of(
            new ParameterValue(
                "Device.ManagementServer.PeriodicInformInterval",
                seconds,
                ParameterType.UNSIGNED_INT)),
        key);
  }

  @Test
  void aPhoneRestartedOnItsFlashKeepsItsSettingsAndDoesNotBootstrapAgain(@TempDir Path dir)
      throws Exception {
    Phone first = phone(Flash.in(dir));
    first.boot();
    scheduler.runFor(Duration.ZERO);
    acs.enqueue(interval("900", "k1"));
    first.connectionRequest();
    scheduler.runFor(Duration.ZERO);
    first.shutdown();
    scheduler.runFor(Duration.ZERO);

    // A new process: a new phone object on the same flash directory.
    Phone second = phone(Flash.in(dir));
    assertEquals("900", second.store().get("P4507").orElseThrow());
    second.boot();
    scheduler.runFor(Duration.ZERO);
    assertEquals(List.of(Event.BOOT), codes(2), "the flash remembers the bootstrapped ACS");
  }

  @Test
  void factoryResetRestoresTheFactorySettingsAndBootstrapsAgain() {
    Phone phone = phone(Flash.inMemory());
    phone.boot();
    scheduler.runFor(Duration.ZERO);
    acs.enqueue(interval("900", "k1"));
    acs.enqueue(new FactoryReset());
    phone.connectionRequest();
    scheduler.runFor(Duration.ZERO);

    assertEquals(List.of(Event.BOOTSTRAP, Event.BOOT), codes(2));
    assertEquals("86400", phone.store().get("P4507").orElseThrow(), "catalog default again");
    assertEquals(acs.url(), phone.store().get("P4503").orElseThrow(), "factory ACS URL kept");
    assertTrue(phone.model().parameterKey().isEmpty(), "ParameterKey forgotten");
  }

  @Test
  void aLocalChangeToAnActivelyNotifiedParameterOpensAValueChangeSession() {
    Phone phone = phone(Flash.inMemory());
    phone.boot();
    scheduler.runFor(Duration.ZERO);
    String name = "Device.ManagementServer.PeriodicInformInterval";
    phone
        .model()
        .setParameterAttributes(
            List.of(new SetParameterAttribute(name, true, 2, false, List.of())));

    // Changed on the phone itself (keypad, web UI, provisioning), not by the ACS.
    phone.store().set("P4507", "1200");
    scheduler.runFor(Duration.ZERO);

    assertEquals(2, acs.informs().size());
    assertEquals(List.of(Event.VALUE_CHANGE), codes(1));
    Inform inform = acs.informs().get(1);
    assertTrue(
        inform.parameters().stream()
            .anyMatch(p -> p.name().equals(name) && p.value().equals("1200")));

    phone.store().set("P4507", "1300");
    phone.store().set("P4507", "1400");
    scheduler.runFor(Duration.ZERO);
    assertEquals(3, acs.informs().size(), "changes made before the session runs share it");
  }

  @Test
  void theObserverHearsEveryAnsweredRpcWithItsFault() {
    Phone phone = phone(Flash.inMemory());
    phone.boot();
    scheduler.runFor(Duration.ZERO);
    acs.enqueue(interval("600", "k2"));
    acs.enqueue(new AddObject("Device.DeviceInfo.", ""));
    acs.enqueue(interval("-5", "k3"));
    phone.connectionRequest();
    scheduler.runFor(Duration.ZERO);

    assertEquals(
        List.of("SetParameterValues=0", "AddObject=9005", "SetParameterValues=9003"), answered);
    assertEquals("600", phone.store().get("P4507").orElseThrow(), "the bad value changed nothing");
  }
}
