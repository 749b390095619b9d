package io.cradle.cpe.phone;

import io.cradle.cpe.battery.Battery;
import io.cradle.cpe.battery.BatteryListener;
import io.cradle.cpe.battery.BatteryParameters;
import io.cradle.cpe.battery.LoadTracker;
import io.cradle.cpe.config.ConfigStoreException;
import io.cradle.cpe.config.PValueCatalog;
import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.connreq.ConnectionRequestServer;
import io.cradle.cpe.connreq.Credentials;
import io.cradle.cpe.firmware.FirmwareSlots;
import io.cradle.cpe.media.AudioSource;
import io.cradle.cpe.media.CallStats;
import io.cradle.cpe.model.DataModel;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.model.LiveValues;
import io.cradle.cpe.model.Parameter;
import io.cradle.cpe.model.Wp820DataModel;
import io.cradle.cpe.notify.EventNotifier;
import io.cradle.cpe.notify.PhoneEvent;
import io.cradle.cpe.provision.FirmwareCheck;
import io.cradle.cpe.provision.ProvisionReport;
import io.cradle.cpe.provision.Provisioner;
import io.cradle.cpe.provision.UpgradeNames;
import io.cradle.cpe.ptt.PttService;
import io.cradle.cpe.ptt.PttTransport;
import io.cradle.cpe.safe.AlarmKind;
import io.cradle.cpe.safe.ButtonActions;
import io.cradle.cpe.safe.EmergencyCall;
import io.cradle.cpe.safe.MotionSensor;
import io.cradle.cpe.safe.MultiFunctionButton;
import io.cradle.cpe.safe.SafeListener;
import io.cradle.cpe.safe.SafeMonitor;
import io.cradle.cpe.safe.SafeOutputs;
import io.cradle.cpe.safe.SafeParameters;
import io.cradle.cpe.safe.SafeState;
import io.cradle.cpe.safe.TonePlayer;
import io.cradle.cpe.sip.MediaPort;
import io.cradle.cpe.sip.SipNetwork;
import io.cradle.cpe.sip.SipParameters;
import io.cradle.cpe.sip.SipUserAgent;
import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cpe.tr069.CpeSession;
import io.cradle.cpe.tr069.PendingEvents;
import io.cradle.cpe.tr069.PeriodicInform;
import io.cradle.cpe.tr069.RetryPolicy;
import io.cradle.cpe.tr069.SessionAction;
import io.cradle.cpe.tr069.SessionEffect;
import io.cradle.cpe.transfer.FileTransfers;
import io.cradle.cpe.wifi.AccessPoint;
import io.cradle.cpe.wifi.WifiListener;
import io.cradle.cpe.wifi.WifiParameters;
import io.cradle.cpe.wifi.WifiRadio;
import io.cradle.cwmp.auth.DigestClient;
import io.cradle.cwmp.image.FirmwareVersion;
import io.cradle.cwmp.message.AcsRequest;
import io.cradle.cwmp.message.CpeResponse;
import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.Download;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultStruct;
import io.cradle.cwmp.message.TransferComplete;
import io.cradle.cwmp.message.Upload;
import io.cradle.cwmp.param.DateTimes;
import io.cradle.cwmp.param.ParameterType;
import io.cradle.cwmp.soap.Envelope;
import io.cradle.cwmp.soap.MalformedMessageException;
import io.cradle.cwmp.soap.SoapCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * One simulated WP820: its flash, configuration, data model, CWMP client and connection-request
 * endpoint, driven by its scheduler.
 *
 * <p>Every session runs as a task of the phone's {@link Scheduler}, so sessions never overlap and
 * the models need no locks. Sessions do blocking HTTP: in a fleet, the size of the shared timer
 * pool is the number of sessions in flight at once.
 */
public final class Phone {

  /** {@code Device.ManagementServer.PeriodicInformEnable}. */
  static final String PERIODIC_ENABLE = "P4506";

  /** {@code Device.ManagementServer.PeriodicInformInterval}, in seconds. */
  static final String PERIODIC_INTERVAL = "P4507";

  /** {@code Device.ManagementServer.PeriodicInformTime}. */
  static final String PERIODIC_TIME = "P4508";

  static final String CR_USERNAME = "P4511";
  static final String CR_PASSWORD = "P4512";
  static final String CR_PORT = "P4518";

  /** How often live values (IP, line state, …) are compared for value-change notification. */
  static final Duration LIVE_CHECK_INTERVAL = Duration.ofSeconds(60);

  /** Attempts at a download that broke off before a failure is reported, and the wait between. */
  static final int DOWNLOAD_ATTEMPTS = 3;

  static final Duration DOWNLOAD_RETRY_WAIT = Duration.ofSeconds(30);

  private static final int LOG_LINES = 32;

  private final DeviceIdentity identity;
  private final PValueStore store;
  private final Map<String, String> factorySettings;
  private final Flash flash;
  private final Scheduler scheduler;
  private final RandomGenerator random;
  private final RetryPolicy retryPolicy;
  private final String ipAddress;
  private final ConnectionRequestServer connectionRequests;
  private final PhoneObserver observer;
  private final Battery battery;
  private final ActivityLoad activityLoad;
  private final SafeMonitor safe;
  private final WifiRadio wifi;
  private final SipUserAgent sip;
  private final MediaPort media;
  private final PttService ptt;
  private final MultiFunctionButton button;
  private boolean sipRunning;
  private final FirmwareSlots firmware;
  private final DataModel model;
  private final PendingEvents events = new PendingEvents();
  private final CpeSession session;
  private final PeriodicInform periodic;
  private final CwmpTransport transport;
  private final Transfers transfers;
  private final Provisioner provisioner;
  private final EventNotifier notifier;
  private final Deque<String> log = new ArrayDeque<>();
  private static final SoapCodec CODEC = new SoapCodec();
  private final AtomicBoolean connectionRequestPending = new AtomicBoolean();
  private final AtomicBoolean valueChangePending = new AtomicBoolean();

  private volatile boolean powered;
  private volatile boolean networkUp = true;
  private volatile ConnectionRequestServer.Registration registration;
  private Instant bootedAt;
  private String periodicSettings;
  private Cancellable retry;
  private Cancellable liveChecks;
  private Cancellable automaticUpgrade;
  private boolean bootNotified;

  private Phone(Builder b) {
    this.identity = b.identity;
    this.store = b.store != null ? b.store : new PValueStore(PValueCatalog.wp820());
    this.factorySettings = Map.copyOf(b.factorySettings);
    this.flash = b.flash;
    this.scheduler = b.scheduler;
    this.random = b.random;
    this.retryPolicy = b.retryPolicy;
    this.ipAddress = b.ipAddress;
    this.connectionRequests = b.connectionRequests;
    this.observer = b.observer;
    this.battery = b.battery;
    this.activityLoad =
        battery == null ? null : new ActivityLoad(new LoadTracker(scheduler, battery), store);
    List<Consumer<DataModel.Builder>> contributions = new ArrayList<>(b.contributions);
    if (battery != null) {
      contributions.add(tree -> BatteryParameters.addTo(tree, battery));
    }
    this.media = b.media;
    this.sip =
        b.sipNetwork == null
            ? null
            : new SipUserAgent(
                store,
                b.sipNetwork,
                ipAddress,
                scheduler,
                new SplittableRandom(random.nextLong()),
                identity.softwareVersion(),
                b.media,
                this::sipEvent);
    if (sip != null) {
      sip.onCheckSync(this::checkSync);
      sip.onMessageWaitingChanged(this::liveValuesChanged);
      contributions.add(tree -> SipParameters.addTo(tree, sip));
    }
    if (sip != null && b.media instanceof CallMedia callMedia) {
      contributions.add(tree -> addLineStats(tree, sip, callMedia));
    }
    EmergencyCall emergencyCall =
        b.emergencyCall != EmergencyCall.NONE || sip == null
            ? b.emergencyCall
            : this::dialEmergency;
    this.safe =
        b.motion == null
            ? null
            : new SafeMonitor(
                scheduler,
                store,
                b.motion,
                new SafeOutputs(TonePlayer.NONE, emergencyCall, this::safeAlarmRaised));
    if (safe != null) {
      contributions.add(tree -> SafeParameters.addTo(tree, safe));
    }
    this.ptt =
        b.pttTransport == null
            ? null
            : new PttService(
                scheduler,
                store,
                b.pttTransport,
                new Random(random.nextLong()),
                AudioSource.silence(),
                (frame, length) -> {},
                new Busy());
    if (ptt != null) {
      b.pagingTransports.forEach(ptt::listenForPaging);
    } else if (!b.pagingTransports.isEmpty()) {
      throw new IllegalStateException("multicast paging needs the PTT transport (Builder.ptt)");
    }
    ButtonActions actions = new Buttons(ptt != null ? ptt : ButtonActions.NONE);
    this.button = safe == null ? null : new MultiFunctionButton(scheduler, store, safe, actions);
    this.wifi = b.wifi;
    if (wifi != null) {
      contributions.add(tree -> WifiParameters.addTo(tree, wifi));
    }
    try {
      if (flash.get(Flash.RUNNING_FIRMWARE).isEmpty()) {
        // A phone fresh from the factory: its settings are the factory ones.
        store.setAll(factorySettings);
        flash.put(Flash.RUNNING_FIRMWARE, identity.softwareVersion());
        flash.saveSettings(store);
      } else {
        flash.loadSettings(store);
      }
    } catch (ConfigStoreException e) {
      throw new IllegalStateException("the flash of " + identity.serialNumber() + " is corrupt", e);
    }
    this.firmware =
        new FirmwareSlots(
            FirmwareVersion.parse(flash.get(Flash.RUNNING_FIRMWARE).orElseThrow()),
            flash.get(Flash.STAGED_FIRMWARE).map(FirmwareVersion::parse));
    this.bootedAt = scheduler.now();
    LiveValues live =
        LiveValues.placeholders(() -> Duration.between(bootedAt, scheduler.now()).toSeconds())
            .withIpAddress(() -> ipAddress)
            .withSoftwareVersion(() -> firmware.running().toString());
    if (connectionRequests != null) {
      live = live.withConnectionRequestUrl(this::connectionRequestUrlOrDefault);
    }
    if (sip != null) {
      live = live.withLineStatus(sip::lineStatus).withCallState(sip::callState);
    }
    this.model = Wp820DataModel.create(identity, store, live, contributions);
    this.session =
        new CpeSession(CpeSession.deviceIdOf(identity), model, events, scheduler.clock());
    this.periodic = new PeriodicInform(scheduler, () -> inform(new Event(Event.PERIODIC)));
    this.transport = new CwmpTransport(store, b.http, new DigestClient(random));
    FileTransfers files = new FileTransfers(b.http, new DigestClient(random), userAgent());
    this.transfers =
        new Transfers(files, store, firmware, identity.macAddress(), identity.modelName());
    this.provisioner = new Provisioner(store, files, identity.macAddress(), identity.modelName());
    checkedNames().ifPresent(provisioner::restoreLastCheckedNames);
    this.notifier = new EventNotifier(store, b.http, userAgent());
    model.notifications().onActiveChange(this::valueChanged);
    if (battery != null) {
      battery.followChargingTone(store);
      battery.addListener(new PowerSupply());
    }
    if (wifi != null) {
      wifi.addListener(new Coverage());
    }
    if (activityLoad != null) {
      if (wifi != null) {
        wifi.addListener(activityLoad);
      }
      if (ptt != null) {
        ptt.addListener(activityLoad);
        activityLoad.followPttListening();
      }
      if (safe != null) {
        safe.addListener(activityLoad);
      }
    }
    if (safe != null) {
      safe.addListener(
          new SafeListener() {
            @Override
            public void stateChanged(SafeState state) {
              // A warning or an alarm is for the ACS to hear now, not at the next poll.
              liveValuesChanged();
            }
          });
    }
    store.addListener(changed -> saveSettings());
  }

  /** A phone to build; everything but its identity and scheduler has a default. */
  public static Builder builder(DeviceIdentity identity, Scheduler scheduler) {
    return new Builder(identity, scheduler);
  }

  /** The phone's TR-069 data model over its P-value store. */
  public DataModel model() {
    return model;
  }

  /** The phone's settings. */
  public PValueStore store() {
    return store;
  }

  /** The firmware version running now. */
  public FirmwareVersion softwareVersion() {
    return firmware.running();
  }

  /** The ConnectionRequestURL the phone listens on; empty without a server or before boot. */
  public Optional<String> connectionRequestUrl() {
    ConnectionRequestServer.Registration r = registration;
    return r == null ? Optional.empty() : Optional.of(r.url());
  }

  /** PTT and multicast paging, when the phone has a multicast transport. */
  public Optional<PttService> ptt() {
    return Optional.ofNullable(ptt);
  }

  /**
   * The phone's SIP user agent (its two accounts and their calls), when it was built with a SIP
   * network; touch it only on the phone's scheduler.
   */
  public Optional<SipUserAgent> sip() {
    return Optional.ofNullable(sip);
  }

  /** The multi-function button (PTT, SAFE/Panic, mute, speed dial), with the SAFE monitor. */
  public Optional<MultiFunctionButton> button() {
    return Optional.ofNullable(button);
  }

  /** The SAFE/Panic monitor, when the phone has a motion sensor. */
  public Optional<SafeMonitor> safe() {
    return Optional.ofNullable(safe);
  }

  /** The ACS URL the last BOOTSTRAP was delivered to; empty until then and after a reset. */
  public Optional<String> bootstrappedAcsUrl() {
    return flash.get(Flash.BOOTSTRAPPED_ACS);
  }

  /** Powers the phone on: a {@code 1 BOOT} session (with {@code 0 BOOTSTRAP} if due). */
  public void boot() {
    scheduler.schedule(Duration.ZERO, () -> powerOn(null));
  }

  /**
   * Powers the phone off: its connection-request endpoint closes at once, its timers stop, and a
   * session in flight is its last. What is in its flash stays.
   */
  public void shutdown() {
    if (battery != null) {
      battery.powerOff();
    }
    powerOff();
  }

  /** Off without a word to anyone, as a switched-off or dead phone is. */
  private void powerOff() {
    powered = false;
    closeConnectionRequests();
    scheduler.schedule(
        Duration.ZERO,
        () -> {
          stopTimers();
          haltSip();
        });
  }

  /** SIP runs while the phone is on and has a network; each start registers afresh. */
  private void startSip() {
    if (sip != null && !sipRunning && powered && networkUp) {
      sipRunning = true;
      sip.start();
    }
  }

  private void haltSip() {
    if (sip != null && sipRunning) {
      sipRunning = false;
      sip.halt();
    }
  }

  /** What the SIP stack did: event URLs, line state for the ACS, the battery's call load. */
  private void sipEvent(PhoneEvent event, Map<String, String> variables) {
    Map<String, String> all = new HashMap<>(notificationVariables());
    all.putAll(variables);
    notifier.notify(event, all);
    if (activityLoad != null) {
      activityLoad.callEvent(event);
    }
    liveValuesChanged();
  }

  /** The SIP server's NOTIFY check-sync (answered already): provision now, or reboot. */
  private void checkSync(int account, boolean reboot) {
    if (!powered) {
      return;
    }
    log("SIP NOTIFY on account " + account + ": " + (reboot ? "reboot" : "check-sync"));
    if (reboot) {
      reboot(null);
    } else {
      provision(false);
    }
  }

  /**
   * Dials {@code number} on {@code account} as the dial page's Send key does: through the account's
   * dial plan (P290/P459 with its prefix P66), so a number the plan blocks or does not match is not
   * sent, and the outcome says why.
   *
   * @throws IllegalStateException if the phone has no SIP, the account is not active, or it is in a
   *     call it does not hold
   */
  public SipUserAgent.DialOutcome dial(int account, String number) {
    return sipOrThrow().dialNumber(account, number);
  }

  /**
   * The Redial key: the number last dialed on {@code account}, through the dial plan again.
   *
   * @throws IllegalStateException as {@link #dial}, or if nothing was dialed yet
   */
  public SipUserAgent.DialOutcome redial(int account) {
    return sipOrThrow().redial(account);
  }

  private SipUserAgent sipOrThrow() {
    if (sip == null) {
      throw new IllegalStateException("this phone was built without SIP");
    }
    return sip;
  }

  /**
   * The multi-function button's actions: PTT and the screens go to the PTT service (or nowhere),
   * Speed Dial dials through the dial plan as any number the user dials.
   */
  private final class Buttons implements ButtonActions {
    private final ButtonActions ptt;

    Buttons(ButtonActions ptt) {
      this.ptt = ptt;
    }

    @Override
    public void pttStart() {
      ptt.pttStart();
    }

    @Override
    public void pttStop() {
      ptt.pttStop();
    }

    @Override
    public void openPttSettings() {
      ptt.openPttSettings();
    }

    @Override
    public void openSafeStatus() {
      ptt.openSafeStatus();
    }

    @Override
    public void openStatusPage() {
      ptt.openStatusPage();
    }

    @Override
    public void toggleMute() {
      ptt.toggleMute();
    }

    @Override
    public void speedDial(int account, String number) {
      if (sip == null) {
        return;
      }
      try {
        SipUserAgent.DialOutcome outcome = sip.dialNumber(account, number);
        log(
            "speed dial "
                + number
                + " on account "
                + account
                + ": "
                + outcome.refusal().orElse("calling"));
      } catch (IllegalStateException | IllegalArgumentException e) {
        log("speed dial " + number + " on account " + account + " impossible: " + e.getMessage());
      }
    }
  }

  /** The SAFE emergency call, through the phone's own SIP stack. */
  private void dialEmergency(int account, String number, boolean forceSpeaker) {
    try {
      sip.dial(account, number);
      log("emergency call to " + number + " on account " + account);
    } catch (IllegalStateException e) {
      log("emergency call to " + number + " impossible: " + e.getMessage());
    }
  }

  /**
   * What the Wi-Fi radio means for the management plane: no association, no network (sessions fail
   * and are retried, the endpoint is gone); association or a roam brings it back and the new AP and
   * signal are there for the ACS to see.
   */
  private final class Coverage implements WifiListener {
    @Override
    public void associated(AccessPoint ap, String ip) {
      networkRestored();
      liveValuesChanged();
    }

    @Override
    public void roamed(AccessPoint from, AccessPoint to, Duration gap, String ip) {
      if (media instanceof CallMedia calls) {
        // The reassociation's gap is lost audio, counted in the calls' statistics.
        calls.interrupt(gap);
      }
      liveValuesChanged();
    }

    @Override
    public void lostCoverage(AccessPoint last) {
      networkLost();
    }

    @Override
    public void disconnected(AccessPoint last) {
      networkLost();
    }
  }

  /** The TR-104 statistics that {@link CallStats#tr104()} reports, by name. */
  private static final List<String> LINE_STATS =
      List.of(
          "PacketsSent",
          "PacketsReceived",
          "BytesSent",
          "BytesReceived",
          "PacketsLost",
          "ReceivePacketLossRate",
          "FarEndPacketLossRate",
          "ReceiveInterarrivalJitter",
          "FarEndInterarrivalJitter",
          "RoundTripDelay",
          "X_CRADLE_RFactor",
          "X_CRADLE_MOS");

  /**
   * {@code Line.1.Stats.*} of each account: the RTP statistics of its call in progress (0 between
   * calls), read live from the call's stream.
   */
  private static void addLineStats(DataModel.Builder tree, SipUserAgent sip, CallMedia media) {
    for (int account = 1; account <= 2; account++) {
      int line = account;
      String prefix = "Device.Services.VoiceService.1.VoiceProfile." + account + ".Line.1.Stats.";
      for (String name : LINE_STATS) {
        ParameterType type =
            name.startsWith("X_") ? ParameterType.STRING : ParameterType.UNSIGNED_INT;
        tree.add(
            Parameter.live(
                    prefix + name,
                    type,
                    () ->
                        sip.call(line)
                            .flatMap(call -> media.stream(call.localRtpPort()))
                            .map(stream -> stream.stats().tr104().get(name))
                            .orElse(type == ParameterType.STRING ? "" : "0"))
                .denyActiveNotify());
      }
    }
  }

  /** What PTT needs to know to arbitrate: DND (P8446) and whether a SIP call is up. */
  private final class Busy implements PttService.CallStatus {
    @Override
    public boolean dnd() {
      return store.get("P8446").orElse("0").equals("1");
    }

    @Override
    public boolean inCall() {
      return sip != null && (!"Idle".equals(sip.callState(1)) || !"Idle".equals(sip.callState(2)));
    }
  }

  /** The battery's say in the phone's life: it dies at 0 %, boots on the charger, warns. */
  private final class PowerSupply implements BatteryListener {
    @Override
    public void shutdown() {
      powerOff();
    }

    @Override
    public void autoBootOnCharger() {
      boot();
    }

    @Override
    public void lowBattery(int level) {
      liveValuesChanged();
    }

    @Override
    public void criticalBattery(int level) {
      liveValuesChanged();
    }

    @Override
    public void chargingStarted(boolean chargingTone) {
      liveValuesChanged();
    }
  }

  /**
   * A Connection Request was accepted: opens a {@code 6 CONNECTION REQUEST} session. Requests
   * arriving while one is waiting to run or running are coalesced into it, as the ACS only needs
   * one session.
   *
   * @return whether this request starts a session (false when coalesced)
   */
  public boolean connectionRequest() {
    if (!connectionRequestPending.compareAndSet(false, true)) {
      return false;
    }
    scheduler.schedule(
        Duration.ZERO,
        () -> {
          try {
            inform(new Event(Event.CONNECTION_REQUEST));
          } finally {
            connectionRequestPending.set(false);
          }
        });
    return true;
  }

  /**
   * A subsystem changed a value the data model reads live (battery level, SAFE state, Wi-Fi
   * signal…): compare the live values now rather than at the next poll, so an actively notified
   * change reaches the ACS at once.
   */
  public void liveValuesChanged() {
    scheduler.schedule(Duration.ZERO, this::checkLiveValues);
  }

  /**
   * The phone lost its network (out of Wi-Fi coverage): its connection-request endpoint goes away
   * and sessions fail until {@link #networkRestored}, retried with the usual back-off.
   */
  public void networkLost() {
    networkUp = false;
    closeConnectionRequests();
    scheduler.schedule(Duration.ZERO, this::haltSip);
  }

  /** The network is back: the endpoint listens again and what waited to be said is said now. */
  public void networkRestored() {
    scheduler.schedule(
        Duration.ZERO,
        () -> {
          networkUp = true;
          if (!powered) {
            return;
          }
          openConnectionRequests();
          startSip();
          if (retry != null) {
            runSession();
          }
        });
  }

  /** An active notification fired: one {@code 4 VALUE CHANGE} session for changes made so far. */
  private void valueChanged() {
    if (valueChangePending.compareAndSet(false, true)) {
      scheduler.schedule(
          Duration.ZERO,
          () -> {
            valueChangePending.set(false);
            if (model.notifications().activeChangePending()) {
              runSession();
            }
          });
    }
  }

  /** Power on (or the end of a reboot): firmware, endpoint, timers, then the BOOT session. */
  private void powerOn(Event cause) {
    if (battery != null && !battery.powerOn()) {
      // An empty battery out of the cradle: the power key does nothing.
      return;
    }
    powered = true;
    bootedAt = scheduler.now();
    bootNotified = false;
    firmware.activateOnReboot().ifPresent(this::recordRunningFirmware);
    log("boot, firmware " + firmware.running());
    if (provision(true)) {
      return;
    }
    if (wifi != null) {
      // The Boot Inform waits for an association: until then sessions fail and are retried.
      networkUp = wifi.associated();
      wifi.start();
    }
    openConnectionRequests();
    startSip();
    configurePeriodic();
    if (safe != null) {
      safe.start();
    }
    if (liveChecks == null) {
      liveChecks = scheduler.every(LIVE_CHECK_INTERVAL, this::checkLiveValues);
    }
    for (Flash.PendingTransfer t : flash.pendingTransfers()) {
      events.add(new Event(Event.TRANSFER_COMPLETE));
      events.add(
          new Event(t.upload() ? Event.M_UPLOAD : Event.M_DOWNLOAD, t.outcome().commandKey()));
    }
    if (cause != null) {
      events.add(cause);
    }
    inform(new Event(Event.BOOT));
  }

  /**
   * Fetches and applies config files and checks for firmware, as the phone does at boot and on its
   * automatic-upgrade schedule. A new image is flashed and booted at once.
   *
   * @return whether the phone is rebooting into new firmware
   */
  private boolean provision(boolean atBoot) {
    ProvisionReport report = provisioner.provisionConfig();
    log("provisioning: " + report);
    FirmwareCheck check = provisioner.checkFirmware(firmware.running(), atBoot);
    log("firmware check: " + check);
    provisioner.lastCheckedNames().ifPresent(this::rememberCheckedNames);
    if (check instanceof FirmwareCheck.Image image
        && firmware.stage(image.image()) == FirmwareSlots.StageOutcome.STAGED) {
      flash.put(Flash.STAGED_FIRMWARE, image.image().version().toString());
      reboot(null);
      return true;
    }
    scheduleAutomaticUpgrade();
    return false;
  }

  /** P238=1 checks firmware only when these names changed, so they outlive a power cycle. */
  private void rememberCheckedNames(UpgradeNames names) {
    flash.put(Flash.CHECKED_NAMES + "firmwarePrefix", names.firmwarePrefix());
    flash.put(Flash.CHECKED_NAMES + "firmwarePostfix", names.firmwarePostfix());
    flash.put(Flash.CHECKED_NAMES + "configPrefix", names.configPrefix());
    flash.put(Flash.CHECKED_NAMES + "configPostfix", names.configPostfix());
  }

  private Optional<UpgradeNames> checkedNames() {
    return flash
        .get(Flash.CHECKED_NAMES + "firmwarePrefix")
        .map(
            firmwarePrefix ->
                new UpgradeNames(
                    firmwarePrefix,
                    flash.get(Flash.CHECKED_NAMES + "firmwarePostfix").orElse(""),
                    flash.get(Flash.CHECKED_NAMES + "configPrefix").orElse(""),
                    flash.get(Flash.CHECKED_NAMES + "configPostfix").orElse("")));
  }

  private void scheduleAutomaticUpgrade() {
    if (automaticUpgrade != null) {
      automaticUpgrade.cancel();
      automaticUpgrade = null;
    }
    provisioner
        .nextAutomaticCheck(scheduler.now())
        .ifPresent(
            at ->
                automaticUpgrade =
                    scheduler.scheduleAt(
                        at,
                        () -> {
                          if (powered) {
                            provision(false);
                          }
                        }));
  }

  private void reboot(Event cause) {
    stopTimers();
    haltSip();
    closeConnectionRequests();
    scheduler.schedule(Duration.ZERO, () -> powerOn(cause));
  }

  private void recordRunningFirmware(FirmwareVersion version) {
    flash.put(Flash.STAGED_FIRMWARE, null);
    flash.put(Flash.RUNNING_FIRMWARE, version.toString());
  }

  private void checkLiveValues() {
    if (powered) {
      model.notifications().checkLiveValues();
    }
  }

  private void inform(Event event) {
    if (!powered) {
      return;
    }
    events.add(event);
    runSession();
  }

  /** One whole session, on the scheduler thread. */
  private void runSession() {
    if (!powered) {
      return;
    }
    if (retry != null) {
      // This session delivers what the retry would have.
      retry.cancel();
      retry = null;
    }
    // A phone informs a new ACS (first boot, factory reset, changed URL) with BOOTSTRAP.
    if (!Optional.of(transport.acsUrl()).equals(bootstrappedAcsUrl())) {
      events.add(new Event(Event.BOOTSTRAP));
    }
    model.notifications().checkLiveValues();
    if (!model.notifications().pendingChanged().isEmpty()) {
      events.add(new Event(Event.VALUE_CHANGE));
    }
    if (events.isEmpty()) {
      // Nothing left to say: a connection request that failed is not retried (its event is gone).
      return;
    }
    List<Event> delivered = events.forInform();
    SessionAction action =
        session.start(
            flash.pendingTransfers().stream().map(Flash.PendingTransfer::outcome).toList());
    String answering = null;
    while (true) {
      if (action instanceof SessionAction.Post post) {
        CwmpMessage body = post.envelope().body();
        if (answering != null && (body instanceof CpeResponse || body instanceof Fault)) {
          observer.rpcAnswered(answering, body instanceof Fault f ? f.code() : 0);
        }
        Exchange exchange = exchange(CODEC.encode(post.envelope()));
        action = exchange.next();
        answering = exchange.acsMethod();
      } else if (action instanceof SessionAction.PostEmpty) {
        Exchange exchange = exchange(new byte[0]);
        action = exchange.next();
        answering = exchange.acsMethod();
      } else if (action instanceof SessionAction.End end) {
        transport.endSession();
        log("session ok: " + delivered.stream().map(Event::code).toList());
        onEnd(end);
        observer.sessionSucceeded(delivered);
        return;
      } else if (action instanceof SessionAction.Failed failed) {
        transport.endSession();
        log("session failed: " + failed.reason());
        onFailed(failed);
        observer.sessionFailed(failed.reason());
        return;
      }
    }
  }

  /** The session's next action, and the ACS request it answers to, if the ACS sent one. */
  private record Exchange(SessionAction next, String acsMethod) {}

  private Exchange exchange(byte[] body) {
    if (!networkUp) {
      return new Exchange(session.onTransportFailure("no network"), null);
    }
    CwmpTransport.Reply reply;
    try {
      reply = transport.post(body);
    } catch (IOException | IllegalArgumentException e) {
      return new Exchange(session.onTransportFailure(e.toString()), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Exchange(session.onTransportFailure("interrupted"), null);
    }
    if (reply.status() != 200 && reply.status() != 204) {
      return new Exchange(session.onTransportFailure("HTTP " + reply.status()), null);
    }
    if (reply.body().length == 0) {
      return new Exchange(session.onEmptyResponse(), null);
    }
    try {
      Envelope envelope = CODEC.decode(reply.body());
      String method = envelope.body() instanceof AcsRequest<?> r ? r.method() : null;
      return new Exchange(session.onResponse(envelope), method);
    } catch (MalformedMessageException e) {
      return new Exchange(session.onUndecodable(e), e.method().orElse(null));
    }
  }

  private void onEnd(SessionAction.End end) {
    if (!events.contains(Event.BOOTSTRAP)) {
      flash.put(Flash.BOOTSTRAPPED_ACS, transport.acsUrl());
    }
    configurePeriodic();
    if (!bootNotified) {
      bootNotified = true;
      notifier.notify(PhoneEvent.BOOTUP_COMPLETED, notificationVariables());
    }
    for (SessionEffect effect : end.effects()) {
      if (effect instanceof SessionEffect.RebootAfterSession reboot) {
        reboot(new Event(Event.M_REBOOT, reboot.commandKey()));
      } else if (effect instanceof SessionEffect.FactoryResetAfterSession) {
        factoryReset();
      } else if (effect instanceof SessionEffect.ScheduleInform scheduled) {
        scheduler.schedule(
            scheduled.delay(),
            () -> {
              events.add(new Event(Event.M_SCHEDULE_INFORM, scheduled.commandKey()));
              inform(new Event(Event.SCHEDULED));
            });
      } else if (effect instanceof SessionEffect.StartDownload start) {
        Download download = start.download();
        scheduler.schedule(
            Duration.ofSeconds(download.delaySeconds()),
            () -> download(download, scheduler.now(), 1));
      } else if (effect instanceof SessionEffect.StartUpload start) {
        Upload upload = start.upload();
        scheduler.schedule(Duration.ofSeconds(upload.delaySeconds()), () -> upload(upload));
      } else if (effect instanceof SessionEffect.TransferCompleteAcknowledged acknowledged) {
        flash.pendingTransfers(
            flash.pendingTransfers().stream()
                .filter(t -> !t.outcome().commandKey().equals(acknowledged.commandKey()))
                .toList());
      }
    }
  }

  /**
   * One attempt at an accepted Download. A transfer that broke off is tried again a few times, with
   * the old firmware running meanwhile; a new image reboots the phone, which reports the
   * TransferComplete from its new firmware.
   */
  private void download(Download download, Instant started, int attempt) {
    if (!powered) {
      return;
    }
    Transfers.Outcome outcome = transfers.download(download);
    if (outcome.retryable() && attempt < DOWNLOAD_ATTEMPTS) {
      log("download " + download.url() + " broke off, retrying: " + outcome.fault().faultString());
      scheduler.schedule(
          DOWNLOAD_RETRY_WAIT.multipliedBy(attempt),
          () -> download(download, started, attempt + 1));
      return;
    }
    if (outcome.rebootToActivate()) {
      firmware.staged().ifPresent(v -> flash.put(Flash.STAGED_FIRMWARE, v.toString()));
    }
    log("download " + download.url() + ": " + describe(outcome.fault()));
    complete(false, download.commandKey(), download.fileType(), outcome.fault(), started);
    if (outcome.rebootToActivate()) {
      reboot(null);
    } else {
      reportTransfers(false, download.commandKey());
    }
  }

  private void upload(Upload upload) {
    if (!powered) {
      return;
    }
    Instant started = scheduler.now();
    Transfers.Outcome outcome = transfers.upload(upload, String.join("\n", log) + "\n");
    log("upload " + upload.url() + ": " + describe(outcome.fault()));
    complete(true, upload.commandKey(), upload.fileType(), outcome.fault(), started);
    reportTransfers(true, upload.commandKey());
  }

  /** Keeps the outcome in flash until the ACS acknowledges its TransferComplete. */
  private void complete(
      boolean upload, String commandKey, String fileType, FaultStruct fault, Instant started) {
    List<Flash.PendingTransfer> pending = new ArrayList<>(flash.pendingTransfers());
    pending.add(
        new Flash.PendingTransfer(
            upload,
            new TransferComplete(
                commandKey, fault, DateTimes.format(started), DateTimes.format(scheduler.now()))));
    flash.pendingTransfers(pending);
    observer.transferCompleted(fileType, fault.faultCode());
  }

  private void reportTransfers(boolean upload, String commandKey) {
    events.add(new Event(Event.TRANSFER_COMPLETE));
    events.add(new Event(upload ? Event.M_UPLOAD : Event.M_DOWNLOAD, commandKey));
    runSession();
  }

  private static String describe(FaultStruct fault) {
    return fault.isSuccess() ? "ok" : fault.faultCode() + " " + fault.faultString();
  }

  private void log(String line) {
    if (log.size() == LOG_LINES) {
      log.removeFirst();
    }
    log.addLast(DateTimes.format(scheduler.now()) + " " + line);
  }

  private void safeAlarmRaised(AlarmKind kind) {
    notifier.notify(PhoneEvent.SAFE_PANIC_CALL, notificationVariables());
  }

  /** The {@code $variables} of event notification URLs that a phone without calls knows. */
  private Map<String, String> notificationVariables() {
    return Map.of(
        "phone_ip", ipAddress,
        "mac", identity.macAddress().replace(":", "").toLowerCase(Locale.ROOT),
        "product", identity.modelName(),
        "program_version", firmware.running().toString(),
        "hardware_version", identity.hardwareVersion());
  }

  /** The HTTP User-Agent of Grandstream provisioning, e.g. for the config server's logs. */
  private String userAgent() {
    return FileTransfers.grandstreamUserAgent(
        identity.modelName(),
        identity.hardwareVersion(),
        firmware.running().toString(),
        identity.macAddress());
  }

  /** Settings back to the factory's, TR-069 memory wiped; the firmware stays. */
  private void factoryReset() {
    store.factoryReset();
    store.setAll(factorySettings);
    try {
      flash.erase(store);
    } catch (ConfigStoreException e) {
      throw new UncheckedIOException(new IOException(e.getMessage(), e));
    }
    reboot(null);
  }

  /**
   * Effects acknowledged before a failure are dropped: the ACS did not see the session complete, so
   * it asks again in the retry.
   */
  private void onFailed(SessionAction.Failed failed) {
    Duration wait = retryPolicy.waitBefore(failed.retryCount(), random);
    retry = scheduler.schedule(wait, this::runSession);
  }

  /** Restarts the periodic timer only when its settings changed, so sessions do not shift it. */
  private void configurePeriodic() {
    boolean enabled = store.get(PERIODIC_ENABLE).orElse("0").equals("1");
    long interval = Long.parseLong(store.get(PERIODIC_INTERVAL).orElse("86400"));
    String phase = store.get(PERIODIC_TIME).orElse("");
    String settings = enabled + "/" + interval + "/" + phase;
    if (!settings.equals(periodicSettings)) {
      periodicSettings = settings;
      periodic.configure(enabled, Duration.ofSeconds(interval), DateTimes.parse(phase));
    }
  }

  private void stopTimers() {
    if (safe != null) {
      safe.stop();
    }
    if (wifi != null) {
      wifi.stop();
    }
    periodic.stop();
    periodicSettings = null;
    if (retry != null) {
      retry.cancel();
      retry = null;
    }
    if (liveChecks != null) {
      liveChecks.cancel();
      liveChecks = null;
    }
    if (automaticUpgrade != null) {
      automaticUpgrade.cancel();
      automaticUpgrade = null;
    }
  }

  private void saveSettings() {
    try {
      flash.saveSettings(store);
    } catch (ConfigStoreException e) {
      throw new UncheckedIOException(new IOException(e.getMessage(), e));
    }
  }

  private void openConnectionRequests() {
    if (connectionRequests == null || registration != null || !networkUp) {
      return;
    }
    int port = Integer.parseInt(store.get(CR_PORT).orElse("7547"));
    // An unguessable path, as real CPEs use, so a scan of the address space finds nothing to poke.
    byte[] secret = new byte[8];
    new SplittableRandom(random.nextLong()).nextBytes(secret);
    try {
      registration =
          connectionRequests.register(
              new InetSocketAddress(InetAddress.getByName(ipAddress), port),
              "/cr/" + HexFormat.of().formatHex(secret),
              () ->
                  new Credentials(
                      store.get(CR_USERNAME).orElse(""), store.get(CR_PASSWORD).orElse("")),
              this::connectionRequest);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen for connection requests on " + ipAddress + ":" + port, e);
    }
  }

  private void closeConnectionRequests() {
    ConnectionRequestServer.Registration r = registration;
    registration = null;
    if (r != null) {
      r.close();
    }
  }

  private String connectionRequestUrlOrDefault() {
    ConnectionRequestServer.Registration r = registration;
    return r != null ? r.url() : "";
  }

  /** The parts of a phone; everything but identity and scheduler has a default. */
  public static final class Builder {
    private final DeviceIdentity identity;
    private final Scheduler scheduler;
    private PValueStore store;
    private Map<String, String> factorySettings = Map.of();
    private Flash flash = Flash.inMemory();
    private HttpClient http;
    private RandomGenerator random;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private String ipAddress = "127.0.0.1";
    private ConnectionRequestServer connectionRequests;
    private PhoneObserver observer = PhoneObserver.NONE;
    private Battery battery;
    private MotionSensor motion;
    private WifiRadio wifi;
    private SipNetwork sipNetwork;
    private MediaPort media = MediaPort.NONE;
    private PttTransport pttTransport;
    private final Map<Integer, PttTransport> pagingTransports = new TreeMap<>();
    private EmergencyCall emergencyCall = EmergencyCall.NONE;
    private final List<Consumer<DataModel.Builder>> contributions = new ArrayList<>();

    private Builder(DeviceIdentity identity, Scheduler scheduler) {
      this.identity = Objects.requireNonNull(identity, "identity");
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The store to use (default: a fresh WP820 store). */
    public Builder store(PValueStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Settings the phone has out of the box and again after a factory reset, on top of the
     * catalog's defaults: what DHCP options 43/66 or an operator's firmware give a real phone (ACS
     * URL and credentials, config server). Applied when the flash is new.
     */
    public Builder factorySettings(Map<String, String> settings) {
      this.factorySettings = Map.copyOf(settings);
      return this;
    }

    /** Where the phone keeps what survives a power cycle (default: in memory). */
    public Builder flash(Flash flash) {
      this.flash = Objects.requireNonNull(flash, "flash");
      return this;
    }

    /** The HTTP client for the ACS and file servers; a fleet shares one. */
    public Builder http(HttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** The phone's own random stream: retry waits, Digest client nonces, its endpoint path. */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** The phone's IP address: reported to the ACS, and where its endpoint listens. */
    public Builder ipAddress(String ipAddress) {
      this.ipAddress = Objects.requireNonNull(ipAddress, "ipAddress");
      return this;
    }

    /** The server that hosts the phone's connection-request endpoint (default: none). */
    public Builder connectionRequests(ConnectionRequestServer server) {
      this.connectionRequests = Objects.requireNonNull(server, "server");
      return this;
    }

    /**
     * Parameters another subsystem adds to the phone's data model (its live values and settings).
     */
    public Builder parameters(Consumer<DataModel.Builder> contribution) {
      contributions.add(Objects.requireNonNull(contribution, "contribution"));
      return this;
    }

    /** The phone's battery, on the phone's scheduler (default: none, mains powered). */
    public Builder battery(Battery battery) {
      this.battery = Objects.requireNonNull(battery, "battery");
      return this;
    }

    /** The wearer's motion, for SAFE/Panic (default: none, no SAFE monitoring). */
    public Builder motion(MotionSensor motion) {
      this.motion = Objects.requireNonNull(motion, "motion");
      return this;
    }

    /** Who places the SAFE emergency call (default: no one, until the SIP stack does). */
    public Builder emergencyCall(EmergencyCall emergencyCall) {
      this.emergencyCall = Objects.requireNonNull(emergencyCall, "emergencyCall");
      return this;
    }

    /** The phone's Wi-Fi radio, on the phone's scheduler (default: none, always connected). */
    public Builder wifi(WifiRadio wifi) {
      this.wifi = Objects.requireNonNull(wifi, "wifi");
      return this;
    }

    /**
     * The SIP network the phone's two accounts use (a fleet shares one {@code JainSipHost});
     * default: none, no SIP.
     */
    public Builder sip(SipNetwork network) {
      this.sipNetwork = Objects.requireNonNull(network, "network");
      return this;
    }

    /** The multicast group transport for PTT and paging (default: none, no PTT). */
    public Builder ptt(PttTransport transport) {
      this.pttTransport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * The multicast group of the Multicast Paging address of {@code priority} (1-10), joined for
     * receiving and sending pages; needs {@link #ptt}.
     */
    public Builder paging(int priority, PttTransport transport) {
      if (priority < 1 || priority > 10) {
        throw new IllegalArgumentException("paging priority " + priority + " is not 1-10");
      }
      pagingTransports.put(priority, Objects.requireNonNull(transport, "transport"));
      return this;
    }

    /** Where calls get their RTP (default: port numbers only, no media). */
    public Builder media(MediaPort media) {
      this.media = Objects.requireNonNull(media, "media");
      return this;
    }

    public Builder observer(PhoneObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    public Phone build() {
      if (http == null) {
        http = CwmpTransport.newHttpClient();
      }
      if (random == null) {
        random = new SplittableRandom(identity.macAddress().hashCode());
      }
      return new Phone(this);
    }
  }
}
