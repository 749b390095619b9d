package io.cradle.acs.connreq;

import io.cradle.acs.inventory.Device;
import io.cradle.cwmp.auth.DigestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Connection Requests to known devices: picks the credential (the device's own, else the fleet's),
 * sends, and records the outcome on the device and in the {@code cradle.connection.requests}
 * counter.
 */
@ApplicationScoped
public class ConnectionRequests {

  private static final Logger LOG = Logger.getLogger(ConnectionRequests.class);

  /** What sending needs to know about a device, read in a short transaction of its own. */
  private record Target(
      long deviceId, String deviceKey, String url, String username, String password) {}

  private final ConnectionRequestConfig config;
  private final ConnectionRequester requester;
  private final MeterRegistry metrics;
  private final Clock clock;
  private final ExecutorService background;

  @Inject
  public ConnectionRequests(ConnectionRequestConfig config, MeterRegistry metrics, Clock clock) {
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    this.requester =
        new ConnectionRequester(
            ConnectionRequester.httpClient(config.connectTimeout()),
            new DigestClient(new SecureRandom()),
            config.timeout());
    AtomicInteger threads = new AtomicInteger();
    this.background =
        Executors.newFixedThreadPool(
            config.concurrency(),
            r -> {
              Thread t = new Thread(r, "cradle-connection-request-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Sends one now and waits for its outcome (at most the configured timeout); empty if no device
   * has this key. Must not be called inside a transaction: it would be held open while waiting.
   */
  public Optional<ConnectionRequestOutcome> send(String deviceKey) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Device.findByKey(deviceKey).map(this::target))
        .map(this::sendTo);
  }

  /** Queues one for each device; outcomes are recorded as they come in. */
  public void sendLater(Collection<Long> deviceIds) {
    for (long id : deviceIds) {
      background.submit(() -> sendInBackground(id));
    }
  }

  private void sendInBackground(long deviceId) {
    try {
      QuarkusTransaction.requiringNew()
          .call(() -> Device.<Device>findByIdOptional(deviceId).map(this::target))
          .ifPresent(this::sendTo);
    } catch (RuntimeException e) {
      LOG.warnf(e, "Connection Request to device %d failed", deviceId);
    }
  }

  private ConnectionRequestOutcome sendTo(Target target) {
    Instant sentAt = clock.instant();
    ConnectionRequestOutcome outcome =
        requester.send(target.url(), target.username(), target.password()).join();
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                Device.update(
                    "lastCrAt = ?1, lastCrOutcome = ?2 where id = ?3",
                    sentAt,
                    outcome.text(),
                    target.deviceId()));
    metrics
        .counter(
            "cradle.connection.requests",
            "outcome",
            outcome.result().name().toLowerCase(Locale.ROOT))
        .increment();
    LOG.debugf(
        "Connection Request to %s: %s %s", target.deviceKey(), outcome.text(), outcome.detail());
    return outcome;
  }

  private Target target(Device device) {
    boolean own = device.crUsername != null && !device.crUsername.isEmpty();
    return new Target(
        device.id,
        device.deviceKey,
        device.connectionRequestUrl,
        own ? device.crUsername : config.username(),
        own ? (device.crPassword == null ? "" : device.crPassword) : config.password());
  }

  @PreDestroy
  void stop() {
    background.shutdownNow();
  }
}
