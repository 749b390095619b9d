package io.cradle.fleet.scenario;

import io.cradle.cpe.battery.BatteryListener;
import io.cradle.cpe.safe.AlarmKind;
import io.cradle.cpe.safe.SafeListener;
import io.cradle.cpe.wifi.AccessPoint;
import io.cradle.cpe.wifi.WifiListener;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a scenario's phones did, counted from their models' listener APIs (Wi-Fi, battery, SAFE) by
 * every phone's scheduler at once, hence adders.
 */
public final class ScenarioStats {

  private final LongAdder associations = new LongAdder();
  private final LongAdder roams = new LongAdder();
  private final LongAdder coverageLost = new LongAdder();
  private final LongAdder lowBattery = new LongAdder();
  private final LongAdder criticalBattery = new LongAdder();
  private final LongAdder shutdowns = new LongAdder();
  private final LongAdder safeWarnings = new LongAdder();
  private final LongAdder safeAlarms = new LongAdder();
  private final LongAdder scriptedEvents = new LongAdder();

  /** The counts so far. */
  public Counts snapshot() {
    return new Counts(
        associations.sum(),
        roams.sum(),
        coverageLost.sum(),
        lowBattery.sum(),
        criticalBattery.sum(),
        shutdowns.sum(),
        safeWarnings.sum(),
        safeAlarms.sum(),
        scriptedEvents.sum());
  }

  void scriptedEvent() {
    scriptedEvents.increment();
  }

  /** Counts one phone's Wi-Fi events. */
  WifiListener wifiListener() {
    return new WifiListener() {
      @Override
      public void associated(AccessPoint ap, String ip) {
        associations.increment();
      }

      @Override
      public void roamed(AccessPoint from, AccessPoint to, Duration gap, String ip) {
        roams.increment();
      }

      @Override
      public void lostCoverage(AccessPoint last) {
        coverageLost.increment();
      }
    };
  }

  /** Counts one phone's battery warnings and shutdowns. */
  BatteryListener batteryListener() {
    return new BatteryListener() {
      @Override
      public void lowBattery(int level) {
        lowBattery.increment();
      }

      @Override
      public void criticalBattery(int level) {
        criticalBattery.increment();
      }

      @Override
      public void shutdown() {
        shutdowns.increment();
      }
    };
  }

  /** Counts one phone's SAFE warnings and alarms. */
  SafeListener safeListener() {
    return new SafeListener() {
      @Override
      public void warning(AlarmKind kind) {
        safeWarnings.increment();
      }

      @Override
      public void alarm(AlarmKind kind, boolean silent) {
        safeAlarms.increment();
      }
    };
  }

  /**
   * The counts of a scenario run.
   *
   * @param associations associations from no association (boot, or back in coverage)
   * @param coverageLost links lost out of coverage
   * @param lowBattery 15 % warnings; {@code criticalBattery} the 5 % ones
   * @param shutdowns phones that died of an empty battery
   * @param scriptedEvents man-down and panic events of the scenario carried out
   */
  public record Counts(
      long associations,
      long roams,
      long coverageLost,
      long lowBattery,
      long criticalBattery,
      long shutdowns,
      long safeWarnings,
      long safeAlarms,
      long scriptedEvents) {

    /** As a JSON object, keys in a fixed order. */
    public String toJson() {
      return String.format(
          Locale.ROOT,
          "{\"associations\": %d, \"roams\": %d, \"coverageLost\": %d,"
              + " \"lowBatteryWarnings\": %d, \"criticalBatteryWarnings\": %d,"
              + " \"batteryShutdowns\": %d, \"safeWarnings\": %d, \"safeAlarms\": %d,"
              + " \"scriptedEvents\": %d}",
          associations,
          roams,
          coverageLost,
          lowBattery,
          criticalBattery,
          shutdowns,
          safeWarnings,
          safeAlarms,
          scriptedEvents);
    }

    /** One line for the text summary. */
    public String toText() {
      return String.format(
          Locale.ROOT,
          "  scenario wifi: %d associations, %d roams, %d coverage lost | battery: %d low, %d"
              + " critical, %d shutdowns | SAFE: %d warnings, %d alarms | %d scripted events%n",
          associations,
          roams,
          coverageLost,
          lowBattery,
          criticalBattery,
          shutdowns,
          safeWarnings,
          safeAlarms,
          scriptedEvents);
    }
  }
}
