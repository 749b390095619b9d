package io.cradle.cpe.battery;

/**
 * Told what the battery does, on the phone's scheduler. Every method has an empty default, so a
 * listener implements only what it needs. Listeners must not block.
 */
public interface BatteryListener {

  /** The level has just fallen to 15 %: play the guide's warning tone. Once per discharge. */
  default void lowBattery(int level) {}

  /** The level has just fallen to 5 %: play the warning tone again. Once per discharge. */
  default void criticalBattery(int level) {}

  /**
   * The battery is empty and the phone has powered off, abnormally: it must drop off the network at
   * once, as a dead phone does (no SIP un-REGISTER, no TR-069 session), and remember nothing that a
   * power cut would lose.
   */
  default void shutdown() {}

  /**
   * Put in the cradle with a battery that is not full.
   *
   * @param chargingTone P22224 (charging tone) is on: the phone plays it
   */
  default void chargingStarted(boolean chargingTone) {}

  /** Charging terminated: the battery is full (the LED turns solid green). */
  default void chargingFull() {}

  /** Taken out of the cradle. */
  default void chargingStopped() {}

  /**
   * Put in the cradle after an abnormal power-off (empty battery, battery pulled): the phone boots
   * by itself, as the guide says. The battery already counts the phone as on.
   */
  default void autoBootOnCharger() {}

  /** The battery's LED indication changed. */
  default void ledChanged(Led led) {}
}
