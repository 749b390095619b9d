package io.cradle.acs.testing;

import io.cradle.acs.cwmp.LeaseReleases;
import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.phone.Phone;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cpe.time.VirtualScheduler;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real simulated WP820s (cpe-agent) for ACS tests, out of the box as an operator would ship them to
 * the ACS under test: a serial and MAC no other phone of the test run has, the CWMP URL and
 * credentials of the test profile, and provisioning and firmware asked of the ACS's own file server
 * (404s until a test puts something there), never a vendor server.
 */
public final class LabPhones {

  /** The firmware every lab phone ships with. */
  public static final String FIRMWARE = "1.0.7.81";

  // From the clock, so the phones of an earlier run on the same database get other serials.
  private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000);

  private LabPhones() {}

  /** Who a lab phone is: its serial and MAC, unique in the test run. */
  public record Unit(long number, String serial, String mac) {

    /** The MAC as twelve lower-case hex digits, as in {@code cfg<mac>.xml}. */
    public String macDigits() {
      return mac.replace(":", "").toLowerCase();
    }

    /** The ACS's key for this phone when it reports {@code model}. */
    public String deviceKey(String model) {
      return "000B82-" + model + "-" + serial;
    }

    /** The ACS's key for this phone as a WP820. */
    public String deviceKey() {
      return deviceKey("WP820");
    }

    /** The phone's own random source: same unit, same behaviour. */
    public SplittableRandom random() {
      return new SplittableRandom(number);
    }
  }

  /** The next phone out of the box, its serial starting with {@code serialPrefix}. */
  public static Unit next(String serialPrefix) {
    long n = NUMBERS.incrementAndGet();
    String mac =
        String.format("00:0B:82:%02X:%02X:%02X", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
    return new Unit(n, serialPrefix + n, mac);
  }

  /** Factory settings reaching the ACS at {@code acs}, then {@code extra} on top. */
  public static Map<String, String> factory(URI acs, Map<String, String> extra) {
    String files = acs.getHost() + ":" + acs.getPort();
    Map<String, String> factory = new HashMap<>();
    factory.put("P4503", acs.resolve("/cwmp").toString());
    factory.put("P4504", "cpe");
    factory.put("P4505", "cpe");
    factory.put("P4511", "cradle");
    factory.put("P4512", "cradle");
    factory.put("P212", "1");
    factory.put("P237", files + "/prov");
    factory.put("P6767", "1");
    factory.put("P192", files + "/firmware");
    factory.putAll(extra);
    return factory;
  }

  /**
   * A WP820 builder for {@code unit} on {@link #FIRMWARE} with the given factory settings; the test
   * adds what else it needs (battery, sensors, observer) and builds.
   */
  public static Phone.Builder wp820(Unit unit, Scheduler scheduler, Map<String, String> factory) {
    return builder(unit, "WP820", scheduler, factory);
  }

  /** As {@link #wp820}, for a phone that reports itself as {@code model} (e.g. a WP810). */
  public static Phone.Builder builder(
      Unit unit, String model, Scheduler scheduler, Map<String, String> factory) {
    DeviceIdentity identity =
        new DeviceIdentity(
            "Grandstream", "000B82", model, model, unit.serial(), "V1.0A", FIRMWARE, unit.mac());
    return Phone.builder(identity, scheduler)
        .store(new PValueStore(PValueCatalog.wp820()))
        .factorySettings(factory)
        .random(unit.random());
  }

  /**
   * Runs a phone's sessions on the test's thread; virtual time moves on so follow-up sessions (the
   * ones the ACS asks for) happen too.
   */
  public static void runSessions(VirtualScheduler scheduler, LeaseReleases leases) {
    for (int i = 0; i < 4; i++) {
      scheduler.runFor(Duration.ofSeconds(1));
      // The ACS releases a session's device lease asynchronously; the next session needs it free.
      leases.flush();
    }
  }
}
