package io.cradle.acs.alarms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** When conditions become alarms. */
@ConfigMapping(prefix = "cradle.alarms")
public interface AlarmsConfig {

  /** How often offline devices and lasting conditions are looked for. */
  @WithDefault("60s")
  String sweepEvery();

  /**
   * How long an enabled line may stay unregistered before it alarms: a re-registration after a
   * Wi-Fi roam or a registrar restart usually takes seconds, and must not page anyone.
   */
  @WithDefault("2m")
  Duration sipUnregisteredAfter();

  /** The signal below which Wi-Fi is poor, in dBm (the WP820's own "Poor" warning is −82). */
  @WithDefault("-80")
  int poorWifiDbm();

  /** How long the signal must stay poor before it alarms: walking past a stairwell is not. */
  @WithDefault("10m")
  Duration poorWifiAfter();

  /** Failed tasks within {@link #repeatedFaultsWindow()} that make a REPEATED_FAULTS alarm. */
  @WithDefault("3")
  int repeatedFaults();

  @WithDefault("1h")
  Duration repeatedFaultsWindow();
}
