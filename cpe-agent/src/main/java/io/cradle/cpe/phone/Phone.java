package io.cradle.cpe.phone;

import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.model.DataModel;
import io.cradle.cpe.model.DeviceIdentity;
import io.cradle.cpe.model.LiveValues;
import io.cradle.cpe.model.Wp820DataModel;
import io.cradle.cpe.time.Cancellable;
import io.cradle.cpe.time.Scheduler;
import io.cradle.cpe.tr069.CpeSession;
import io.cradle.cpe.tr069.PendingEvents;
import io.cradle.cpe.tr069.PeriodicInform;
import io.cradle.cpe.tr069.RetryPolicy;
import io.cradle.cpe.tr069.SessionAction;
import io.cradle.cpe.tr069.SessionEffect;
import io.cradle.cwmp.auth.DigestClient;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.soap.MalformedMessageException;
import io.cradle.cwmp.soap.SoapCodec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * One simulated WP820: its configuration, data model and CWMP client, driven by its scheduler.
 *
 * <p>Every session runs as a task of the phone's {@link Scheduler}, so sessions never overlap and
 * the models need no locks. Downloads and Uploads the ACS asks for are acknowledged by the session
 * but not carried out.
 */
public final class Phone {

  /** {@code Device.ManagementServer.PeriodicInformEnable}. */
  static final String PERIODIC_ENABLE = "P4506";

  /** {@code Device.ManagementServer.PeriodicInformInterval}, in seconds. */
  static final String PERIODIC_INTERVAL = "P4507";

  private final PValueStore store;
  private final Scheduler scheduler;
  private final RandomGenerator random;
  private final RetryPolicy retryPolicy;
  private final DataModel model;
  private final PendingEvents events = new PendingEvents();
  private final CpeSession session;
  private final PeriodicInform periodic;
  private final CwmpTransport transport;
  private final SoapCodec codec = new SoapCodec();
  private final AtomicBoolean connectionRequestPending = new AtomicBoolean();

  private Instant bootedAt;
  private String bootstrappedAcsUrl;
  private String periodicSettings;
  private Cancellable retry;

  /**
   * A powered-off phone; {@link #boot} starts it.
   *
   * @param random the phone's own stream: retry waits and Digest client nonces
   */
  public Phone(
      DeviceIdentity identity,
      PValueStore store,
      Scheduler scheduler,
      HttpClient http,
      RandomGenerator random,
      RetryPolicy retryPolicy) {
    this.store = Objects.requireNonNull(store, "store");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.random = Objects.requireNonNull(random, "random");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.bootedAt = scheduler.now();
    this.model =
        Wp820DataModel.create(
            identity,
            store,
            LiveValues.placeholders(() -> Duration.between(bootedAt, scheduler.now()).toSeconds()));
    this.session =
        new CpeSession(CpeSession.deviceIdOf(identity), model, events, scheduler.clock());
    this.periodic = new PeriodicInform(scheduler, () -> inform(new Event(Event.PERIODIC)));
    this.transport = new CwmpTransport(store, http, new DigestClient(random));
  }

  /** The phone's TR-069 data model over its P-value store. */
  public DataModel model() {
    return model;
  }

  /** The ACS URL the last BOOTSTRAP was delivered to; empty until then and after a reset. */
  public Optional<String> bootstrappedAcsUrl() {
    return Optional.ofNullable(bootstrappedAcsUrl);
  }

  /** Powers the phone on: a {@code 1 BOOT} session (with {@code 0 BOOTSTRAP} if due). */
  public void boot() {
    scheduler.schedule(Duration.ZERO, () -> restart(null));
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

  /** A (re)boot on the scheduler: queues BOOT and the reboot's own event, then informs. */
  private void restart(Event cause) {
    bootedAt = scheduler.now();
    configurePeriodic();
    if (cause != null) {
      events.add(cause);
    }
    inform(new Event(Event.BOOT));
  }

  private void inform(Event event) {
    events.add(event);
    runSession();
  }

  /** One whole session, on the scheduler thread. */
  private void runSession() {
    if (retry != null) {
      // This session delivers what the retry would have.
      retry.cancel();
      retry = null;
    }
    // A phone informs a new ACS (first boot, factory reset, changed URL) with BOOTSTRAP.
    if (!transport.acsUrl().equals(bootstrappedAcsUrl)) {
      events.add(new Event(Event.BOOTSTRAP));
    }
    SessionAction action = session.start();
    while (true) {
      if (action instanceof SessionAction.Post post) {
        action = exchange(codec.encode(post.envelope()));
      } else if (action instanceof SessionAction.PostEmpty) {
        action = exchange(new byte[0]);
      } else if (action instanceof SessionAction.End end) {
        transport.endSession();
        onEnd(end);
        return;
      } else if (action instanceof SessionAction.Failed failed) {
        transport.endSession();
        onFailed(failed);
        return;
      }
    }
  }

  private SessionAction exchange(byte[] body) {
    CwmpTransport.Reply reply;
    try {
      reply = transport.post(body);
    } catch (IOException | IllegalArgumentException e) {
      return session.onTransportFailure(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return session.onTransportFailure("interrupted");
    }
    if (reply.status() != 200 && reply.status() != 204) {
      return session.onTransportFailure("HTTP " + reply.status());
    }
    if (reply.body().length == 0) {
      return session.onEmptyResponse();
    }
    try {
      return session.onResponse(codec.decode(reply.body()));
    } catch (MalformedMessageException e) {
      return session.onUndecodable(e);
    }
  }

  private void onEnd(SessionAction.End end) {
    if (!events.contains(Event.BOOTSTRAP)) {
      bootstrappedAcsUrl = transport.acsUrl();
    }
    configurePeriodic();
    for (SessionEffect effect : end.effects()) {
      if (effect instanceof SessionEffect.RebootAfterSession reboot) {
        scheduler.schedule(
            Duration.ZERO, () -> restart(new Event(Event.M_REBOOT, reboot.commandKey())));
      } else if (effect instanceof SessionEffect.FactoryResetAfterSession) {
        store.factoryReset();
        bootstrappedAcsUrl = null;
        scheduler.schedule(Duration.ZERO, () -> restart(null));
      } else if (effect instanceof SessionEffect.ScheduleInform scheduled) {
        scheduler.schedule(
            scheduled.delay(),
            () -> {
              events.add(new Event(Event.M_SCHEDULE_INFORM, scheduled.commandKey()));
              inform(new Event(Event.SCHEDULED));
            });
      }
    }
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
    String settings = enabled + "/" + interval;
    if (!settings.equals(periodicSettings)) {
      periodicSettings = settings;
      periodic.configure(enabled, Duration.ofSeconds(interval), Optional.empty());
    }
  }
}
