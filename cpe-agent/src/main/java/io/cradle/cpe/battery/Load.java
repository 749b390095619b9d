package io.cradle.cpe.battery;

/**
 * What the phone is doing right now, as far as its battery is concerned: the phone sets a new
 * {@code Load} on its {@link Battery} whenever one of these changes.
 *
 * <p>Currents are battery currents in mA, calibrated on the admin guide's "Battery Information"
 * (1500 mAh, up to 150 h standby, up to 7.5 h talk time):
 *
 * <ul>
 *   <li>{@link #IDLE_MA} = 1500 mAh / 150 h = <b>10 mA</b>: registered on Wi-Fi, screen off, radio
 *       in power save between beacons. This is the whole standby draw, so an idle phone lasts 150
 *       h.
 *   <li>{@link #CALL_MA} = 1500 mAh / 7.5 h − 10 mA = <b>190 mA</b> on top of idle: radio awake for
 *       RTP every 20 ms both ways, codec, earpiece. A call at the ear (the proximity sensor turns
 *       the screen off) draws 200 mA in all, so a continuous call lasts 7.5 h.
 *   <li>{@link #SCREEN_MA} = <b>60 mA</b>: LCD and backlight on (assumption: typical 2.4" TFT).
 *   <li>{@link #SPEAKER_MA} = <b>80 mA</b>: hands-free loudspeaker amplifier instead of the
 *       earpiece (assumption).
 *   <li>{@link #WIFI_SCAN_MA} = <b>40 mA</b>: while a scan or a reassociation is in progress the
 *       radio sweeps channels instead of sleeping (assumption). {@link LoadTracker} sets it for
 *       {@link LoadTracker#SCAN_TIME} per scan: at the Poor Signal Scanning Interval (5 s) that
 *       averages 8 mA, nearly doubling standby; at the good one (600 s) 0.07 mA.
 *   <li>{@link #PTT_LISTEN_MA} = <b>15 mA</b>: listening to PTT/paging multicast keeps the radio
 *       awake for every DTIM beacon and decodes the groups (assumption).
 * </ul>
 *
 * The guide's two figures fix idle and call exactly; the other four are our estimates and only add
 * to those, so the two calibrated figures are untouched by them.
 *
 * @param screenOn the LCD is lit
 * @param inCall a call (or a PTT transmission) has audio flowing
 * @param speaker the loudspeaker is in use (hands-free, ringing)
 * @param wifiScanning a Wi-Fi scan is running
 * @param pttListening subscribed PTT/paging multicast channels are being listened to
 */
public record Load(
    boolean screenOn, boolean inCall, boolean speaker, boolean wifiScanning, boolean pttListening) {

  /** Standby on Wi-Fi: 1500 mAh / 150 h. */
  public static final double IDLE_MA = 10.0;

  /** A call adds this to idle: 1500 mAh / 7.5 h = 200 mA in all. */
  public static final double CALL_MA = 190.0;

  /** The screen adds this. */
  public static final double SCREEN_MA = 60.0;

  /** The loudspeaker adds this. */
  public static final double SPEAKER_MA = 80.0;

  /** A running Wi-Fi scan adds this. */
  public static final double WIFI_SCAN_MA = 40.0;

  /** Listening to PTT multicast adds this. */
  public static final double PTT_LISTEN_MA = 15.0;

  /** Standby on Wi-Fi, screen off: 10 mA. */
  public static final Load IDLE = new Load(false, false, false, false, false);

  /** A call at the ear, screen off by the proximity sensor: 200 mA. */
  public static final Load CALL = new Load(false, true, false, false, false);

  /** The battery current this load draws, in mA. */
  public double currentMilliamps() {
    double ma = 0;
    for (Part part : Part.values()) {
      if (part.drawnBy(this)) {
        ma += part.milliamps();
      }
    }
    return ma;
  }

  /** The parts a load is made of, each with its share of the current. */
  public enum Part {
    /** Standby on Wi-Fi, always drawn while the phone is on. */
    IDLE(IDLE_MA),
    SCREEN(SCREEN_MA),
    CALL(CALL_MA),
    SPEAKER(SPEAKER_MA),
    WIFI_SCAN(WIFI_SCAN_MA),
    PTT_LISTEN(PTT_LISTEN_MA);

    private final double milliamps;

    Part(double milliamps) {
      this.milliamps = milliamps;
    }

    public double milliamps() {
      return milliamps;
    }

    /** Whether {@code load} includes this part. */
    public boolean drawnBy(Load load) {
      return switch (this) {
        case IDLE -> true;
        case SCREEN -> load.screenOn();
        case CALL -> load.inCall();
        case SPEAKER -> load.speaker();
        case WIFI_SCAN -> load.wifiScanning();
        case PTT_LISTEN -> load.pttListening();
      };
    }

    /** {@code load} with this part on or off; {@link #IDLE} cannot be switched. */
    public Load set(Load load, boolean on) {
      return switch (this) {
        case IDLE -> throw new IllegalArgumentException("the idle draw is always on");
        case SCREEN -> load.withScreenOn(on);
        case CALL -> load.withInCall(on);
        case SPEAKER -> load.withSpeaker(on);
        case WIFI_SCAN -> load.withWifiScanning(on);
        case PTT_LISTEN -> load.withPttListening(on);
      };
    }
  }

  public Load withScreenOn(boolean on) {
    return new Load(on, inCall, speaker, wifiScanning, pttListening);
  }

  public Load withInCall(boolean on) {
    return new Load(screenOn, on, speaker, wifiScanning, pttListening);
  }

  public Load withSpeaker(boolean on) {
    return new Load(screenOn, inCall, on, wifiScanning, pttListening);
  }

  public Load withWifiScanning(boolean on) {
    return new Load(screenOn, inCall, speaker, on, pttListening);
  }

  public Load withPttListening(boolean on) {
    return new Load(screenOn, inCall, speaker, wifiScanning, on);
  }
}
