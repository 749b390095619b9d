package io.cradle.cpe.battery;

import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * The WP820's battery on the phone's {@link Scheduler}: coulomb counting of the {@link Load} the
 * phone reports, CC/CV charging in the cradle, the guide's warning tones at 15 % and 5 %, shutdown
 * at 0 %, auto boot on the charger after an abnormal power-off, and the LED's battery states.
 *
 * <p><b>Exact integration, no polling.</b> Between two changes (a new load, cradle in or out, power
 * on or off) the current is a known function of time: constant while discharging and in the CC
 * phase, exponentially falling in the CV phase (see {@link BatterySpec}). So the charge is advanced
 * in closed form at each change, and the next threshold — 15 %, 5 %, 0 %, the CC→CV switch, full —
 * is scheduled at the exact instant it will be crossed; a change before then cancels and re-books
 * it. An idle phone costs one scheduled event per threshold, and 150 h on the virtual clock is a
 * handful of events. Readings ({@link #level()}, {@link #voltage()}...) are projected to the
 * scheduler's now without changing state.
 *
 * <p><b>Power.</b> The battery tracks whether the phone is on, because an empty battery switches it
 * off: a phone that is off draws nothing (self-discharge, a few % a month, is neglected). In the
 * cradle the adapter powers the phone and charges the cell, so the load does not drain the battery
 * there; when full, charging terminates and the cell stays full.
 *
 * <p><b>Level</b> is the state of charge in whole percent rounded up, as phones show it: 15 % from
 * the instant the charge reaches 15.0 % until it passes 14.0 %, and 0 % only when empty — so the
 * warnings come exactly when the level "becomes 15 % and 5 %" (the guide), once each per discharge
 * (re-armed when charging brings the level back above), and shutdown exactly at 0 %.
 *
 * <p>Randomness: only the capacity of the cell, drawn once from the phone's own stream (use {@link
 * #RANDOM_STREAM}); the same seed gives the same battery and the same event trace. Thread safety:
 * mutators are meant to be called on the phone's scheduler; every method is synchronized so a
 * TR-069 session on another thread reads consistent values. Listeners run on the scheduler's thread
 * under this lock and must not block.
 */
public final class Battery {

  /** The model name for {@code RandomStreams.PhoneStreams.stream}. */
  public static final String RANDOM_STREAM = "battery";

  /** The level at which the first warning tone sounds (admin guide). */
  public static final int LOW_LEVEL = 15;

  /** The level at which the second warning tone sounds (admin guide). */
  public static final int CRITICAL_LEVEL = 5;

  /** Charging tone: 0 disable, 1 enable (WP820 template, "TBA on Web UI"). */
  public static final String CHARGING_TONE_PVALUE = "P22224";

  private static final double NANOS_PER_HOUR = 3.6e12;
  // Charges closer than this (mAh, i.e. a few nanoseconds of a call) count as equal.
  private static final double EPSILON_MAH = 1e-9;

  private final Scheduler scheduler;
  private final BatterySpec spec;
  private final double capacityMah;
  private final List<BatteryListener> listeners = new CopyOnWriteArrayList<>();

  private double chargeMah;
  private final EnumMap<Load.Part, Double> drawnMah = new EnumMap<>(Load.Part.class);
  private Instant chargeAt;
  private Load load = Load.IDLE;
  private boolean poweredOn;
  private boolean inCradle;
  private boolean full;
  private boolean abnormalPowerOff;
  private boolean lowArmed;
  private boolean criticalArmed;
  private boolean chargingTone;
  private Led led = Led.OFF;
  private Cancellable nextCrossing;

  /**
   * A battery charged to {@code initialStateOfCharge} (0..1), out of the cradle, in a phone that is
   * switched off (call {@link #powerOn()} when it boots).
   *
   * @param random the phone's battery stream; one value is drawn for the cell's capacity
   */
  public Battery(
      Scheduler scheduler, RandomGenerator random, BatterySpec spec, double initialStateOfCharge) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.spec = Objects.requireNonNull(spec, "spec");
    if (!(initialStateOfCharge >= 0 && initialStateOfCharge <= 1)) {
      throw new IllegalArgumentException(
          "state of charge must be within 0..1, was " + initialStateOfCharge);
    }
    double spread = spec.capacityTolerance() * (2 * random.nextDouble() - 1);
    this.capacityMah = spec.capacityMah() * (1 + spread);
    this.chargeMah = initialStateOfCharge * capacityMah;
    this.chargeAt = scheduler.now();
    // A battery that starts below a threshold has not "become" that level: no warning for it.
    this.lowArmed = chargeMah > LOW_LEVEL / 100.0 * capacityMah + EPSILON_MAH;
    this.criticalArmed = chargeMah > CRITICAL_LEVEL / 100.0 * capacityMah + EPSILON_MAH;
  }

  public void addListener(BatteryListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(BatteryListener listener) {
    listeners.remove(listener);
  }

  // ---------------------------------------------------------------- what the phone does

  /** The phone's load changed. */
  public synchronized void setLoad(Load newLoad) {
    advance();
    this.load = Objects.requireNonNull(newLoad, "load");
    reschedule();
  }

  /**
   * The user switched the phone on (power key). Refused when the battery is empty and the phone is
   * not in the cradle.
   *
   * @return whether the phone is now on
   */
  public synchronized boolean powerOn() {
    advance();
    if (!poweredOn) {
      if (chargeMah <= EPSILON_MAH && !inCradle) {
        return false;
      }
      poweredOn = true;
      abnormalPowerOff = false;
      reschedule();
    }
    return true;
  }

  /** The user switched the phone off in the normal way: no auto boot on the charger. */
  public synchronized void powerOff() {
    advance();
    poweredOn = false;
    abnormalPowerOff = false;
    reschedule();
  }

  /**
   * The phone lost power without shutting down (battery pulled and put back, a crash): it is off,
   * and boots by itself when next put in the cradle.
   */
  public synchronized void abnormalPowerOff() {
    advance();
    if (poweredOn) {
      poweredOn = false;
      abnormalPowerOff = true;
    }
    reschedule();
  }

  /** The phone was put in the charger cradle. */
  public synchronized void placeInCradle() {
    advance();
    if (inCradle) {
      return;
    }
    inCradle = true;
    if (chargeMah >= capacityMah - EPSILON_MAH) {
      chargeMah = capacityMah;
      full = true;
      listeners.forEach(BatteryListener::chargingFull);
    } else {
      boolean tone = chargingTone;
      listeners.forEach(l -> l.chargingStarted(tone));
    }
    if (!poweredOn && abnormalPowerOff) {
      poweredOn = true;
      abnormalPowerOff = false;
      listeners.forEach(BatteryListener::autoBootOnCharger);
    }
    reschedule();
  }

  /** The phone was taken out of the cradle. */
  public synchronized void removeFromCradle() {
    advance();
    if (!inCradle) {
      return;
    }
    inCradle = false;
    full = false;
    listeners.forEach(BatteryListener::chargingStopped);
    // A phone booted on the charger with an empty cell dies at once.
    checkThresholds();
    reschedule();
  }

  /** Whether {@code chargingStarted} asks for the charging tone (P22224). */
  public synchronized void setChargingTone(boolean on) {
    this.chargingTone = on;
  }

  /** Keeps {@link #setChargingTone} in step with P22224 in {@code store}. */
  public void followChargingTone(PValueStore store) {
    setChargingTone("1".equals(store.get(CHARGING_TONE_PVALUE).orElse("0").trim()));
    store.addListener(
        changed -> {
          String v = changed.get(CHARGING_TONE_PVALUE);
          if (v != null) {
            setChargingTone("1".equals(v.trim()));
          }
        });
  }

  // ---------------------------------------------------------------- readings

  /** The level in whole percent, rounded up: 0 only when empty. */
  public synchronized int level() {
    double percent = 100 * projectedCharge() / capacityMah;
    return (int) Math.max(0, Math.min(100, Math.ceil(percent - 1e-9)));
  }

  /** The state of charge, 0..1. */
  public synchronized double stateOfCharge() {
    return projectedCharge() / capacityMah;
  }

  /** This cell's capacity in mAh (nominal within the spec's tolerance). */
  public double capacityMah() {
    return capacityMah;
  }

  public synchronized ChargingState chargingState() {
    if (!inCradle) {
      return ChargingState.DISCHARGING;
    }
    return full ? ChargingState.FULL : ChargingState.CHARGING;
  }

  /**
   * Low battery, the value to notify the ACS of: the level is at or below 15 % and the phone is out
   * of the cradle (a phone charging is no longer an alarm).
   */
  public synchronized boolean lowBattery() {
    return !inCradle && level() <= LOW_LEVEL;
  }

  public synchronized boolean poweredOn() {
    return poweredOn;
  }

  public synchronized boolean inCradle() {
    return inCradle;
  }

  public synchronized Load load() {
    return load;
  }

  public synchronized Led led() {
    return led;
  }

  /** The current into the cell while charging, in mA: 0 unless charging. */
  public synchronized double chargingCurrentMilliamps() {
    return chargingState() == ChargingState.CHARGING ? chargeCurrent(projectedCharge()) : 0;
  }

  /**
   * The charge the phone has drawn from the cell through {@code part} of its load since this
   * battery was made, in mAh: where the battery went.
   */
  public synchronized double drawnMah(Load.Part part) {
    double sinceLastChange = 0;
    double projected = projectedCharge();
    if (projected < chargeMah && part.drawnBy(load)) {
      sinceLastChange = (chargeMah - projected) / load.currentMilliamps() * part.milliamps();
    }
    return drawnMah.getOrDefault(part, 0.0) + sinceLastChange;
  }

  /** The current the phone draws from the cell, in mA: 0 when off or in the cradle. */
  public synchronized double dischargeCurrentMilliamps() {
    return draining() ? load.currentMilliamps() : 0;
  }

  /**
   * The terminal voltage in volts: the open-circuit voltage of the state of charge ({@link
   * OpenCircuitVoltage}) minus the IR drop of the discharge current, or plus that of the charge
   * current up to the 4.35 V limit.
   */
  public synchronized double voltage() {
    double q = projectedCharge();
    double ocv = OpenCircuitVoltage.at(q / capacityMah);
    double ohms = spec.internalResistanceOhm();
    if (chargingState() == ChargingState.CHARGING) {
      return Math.min(spec.chargeVoltageLimit(), ocv + chargeCurrent(q) / 1000 * ohms);
    }
    return ocv - dischargeCurrentMilliamps() / 1000 * ohms;
  }

  /**
   * How long the charge left lasts at the current load, off the cradle: charge / load current. It
   * is the same figure whether the phone is on, off or in the cradle ("if you take it now").
   */
  public synchronized Duration remainingTime() {
    return hours(projectedCharge() / load.currentMilliamps());
  }

  /** How long until full, while charging. */
  public synchronized Optional<Duration> timeToFull() {
    if (chargingState() != ChargingState.CHARGING) {
      return Optional.empty();
    }
    return Optional.of(hours(hoursToFull(projectedCharge())));
  }

  // ---------------------------------------------------------------- integration

  private boolean draining() {
    return poweredOn && !inCradle;
  }

  private boolean charging() {
    return inCradle && !full;
  }

  private double cvStartMah() {
    return spec.cvStartFraction() * capacityMah;
  }

  /** CC below the CV knee, then linear in the state of charge down to the termination current. */
  private double chargeCurrent(double q) {
    if (q < cvStartMah()) {
      return spec.chargeCurrentMa();
    }
    double u = Math.max(0, 1 - q / capacityMah);
    double term = spec.terminationCurrentMa();
    return term + (spec.chargeCurrentMa() - term) * u / (1 - spec.cvStartFraction());
  }

  // In CV, u = 1 - SoC follows du/dt = -(a + b u): a, b per hour.
  private double cvA() {
    return spec.terminationCurrentMa() / capacityMah;
  }

  private double cvB() {
    return (spec.chargeCurrentMa() - spec.terminationCurrentMa())
        / ((1 - spec.cvStartFraction()) * capacityMah);
  }

  private double hoursToFull(double q) {
    double h = 0;
    if (q < cvStartMah()) {
      h += (cvStartMah() - q) / spec.chargeCurrentMa();
      q = cvStartMah();
    }
    double u = Math.max(0, 1 - q / capacityMah);
    double c = cvA() / cvB();
    return h + Math.log((u + c) / c) / cvB();
  }

  private double projectedCharge() {
    double dt = Duration.between(chargeAt, scheduler.now()).toNanos() / NANOS_PER_HOUR;
    if (dt <= 0) {
      return chargeMah;
    }
    if (draining()) {
      return Math.max(0, chargeMah - load.currentMilliamps() * dt);
    }
    if (!charging()) {
      return chargeMah;
    }
    double q = chargeMah;
    if (q < cvStartMah()) {
      double cc = (cvStartMah() - q) / spec.chargeCurrentMa();
      if (dt <= cc) {
        return q + spec.chargeCurrentMa() * dt;
      }
      q = cvStartMah();
      dt -= cc;
    }
    double u = Math.max(0, 1 - q / capacityMah);
    double c = cvA() / cvB();
    double uNow = (u + c) * Math.exp(-cvB() * dt) - c;
    return Math.min(capacityMah, capacityMah * (1 - Math.max(0, uNow)));
  }

  private void advance() {
    double before = chargeMah;
    chargeMah = projectedCharge();
    if (chargeMah < before) {
      // Draining at a constant load since chargeAt: each part took its share of the charge.
      double share = (before - chargeMah) / load.currentMilliamps();
      for (Load.Part part : Load.Part.values()) {
        if (part.drawnBy(load)) {
          drawnMah.merge(part, share * part.milliamps(), Double::sum);
        }
      }
    }
    chargeAt = scheduler.now();
    if (charging()) {
      // Charged back above a warning level: the next discharge warns again.
      lowArmed |= chargeMah > LOW_LEVEL / 100.0 * capacityMah + EPSILON_MAH;
      criticalArmed |= chargeMah > CRITICAL_LEVEL / 100.0 * capacityMah + EPSILON_MAH;
    }
  }

  /** Fires the warnings and the shutdown the charge has reached. */
  private void checkThresholds() {
    if (!draining()) {
      return;
    }
    if (lowArmed && chargeMah <= LOW_LEVEL / 100.0 * capacityMah + EPSILON_MAH) {
      lowArmed = false;
      int level = LOW_LEVEL;
      listeners.forEach(l -> l.lowBattery(level));
    }
    if (criticalArmed && chargeMah <= CRITICAL_LEVEL / 100.0 * capacityMah + EPSILON_MAH) {
      criticalArmed = false;
      int level = CRITICAL_LEVEL;
      listeners.forEach(l -> l.criticalBattery(level));
    }
    if (chargeMah <= EPSILON_MAH) {
      chargeMah = 0;
      poweredOn = false;
      abnormalPowerOff = true;
      listeners.forEach(BatteryListener::shutdown);
    }
  }

  /** Books the next crossing of a threshold for the state just set, and updates the LED. */
  private void reschedule() {
    if (nextCrossing != null) {
      nextCrossing.cancel();
      nextCrossing = null;
    }
    updateLed();
    if (draining()) {
      double target = nextThresholdMah();
      double hours = Math.max(0, (chargeMah - target) / load.currentMilliamps());
      nextCrossing = scheduler.schedule(hours(hours), () -> crossed(target));
    } else if (charging()) {
      if (chargeMah < cvStartMah()) {
        double hours = (cvStartMah() - chargeMah) / spec.chargeCurrentMa();
        nextCrossing = scheduler.schedule(hours(hours), () -> crossed(cvStartMah()));
      } else {
        nextCrossing = scheduler.schedule(hours(hoursToFull(chargeMah)), this::charged);
      }
    }
  }

  /** The highest armed warning level, else empty: the next one a discharge will reach. */
  private double nextThresholdMah() {
    if (lowArmed) {
      return LOW_LEVEL / 100.0 * capacityMah;
    }
    return criticalArmed ? CRITICAL_LEVEL / 100.0 * capacityMah : 0;
  }

  private synchronized void crossed(double targetMah) {
    nextCrossing = null;
    advance();
    // The crossing was booked for this instant: remove the rounding of nanoseconds.
    if (Math.abs(chargeMah - targetMah) < 1e-6 * capacityMah) {
      chargeMah = targetMah;
    }
    checkThresholds();
    reschedule();
  }

  private synchronized void charged() {
    nextCrossing = null;
    advance();
    chargeMah = capacityMah;
    full = true;
    listeners.forEach(BatteryListener::chargingFull);
    reschedule();
  }

  private void updateLed() {
    Led now =
        switch (chargingState()) {
          case DISCHARGING -> Led.OFF;
          case CHARGING -> Led.GREEN_BLINKING;
          case FULL -> Led.GREEN_SOLID;
        };
    if (now != led) {
      led = now;
      listeners.forEach(l -> l.ledChanged(now));
    }
  }

  private static Duration hours(double hours) {
    return Duration.ofNanos(Math.round(hours * NANOS_PER_HOUR));
  }
}
