package io.cradle.acs.webhooks;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries from the outbox. A run claims a batch with {@code FOR UPDATE SKIP LOCKED}
 * and pushes each claimed delivery's next attempt past the HTTP timeout before sending, in a
 * transaction of its own: any number of ACS nodes run this side by side, no delivery is sent by two
 * at once, and one claimed by a node that dies is sent again once its claim lapses. Receivers may
 * therefore see an event twice (at least once) and dedupe by its id.
 */
@ApplicationScoped
public class DeliveryWorker {

  private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

  /** The longest error text kept in the log: enough to act on, not a whole HTML error page. */
  private static final int MAX_ERROR = 300;

  private static final String CLAIM =
      """
      update webhook_delivery d set attempts = d.attempts + 1, last_attempt_at = ?,
          next_attempt_at = ?
      from webhook_subscription s, webhook_event e
      where d.id in (
              select dd.id from webhook_delivery dd
              join webhook_subscription ss on ss.id = dd.subscription_id and ss.enabled
              where dd.status = 'PENDING' and dd.next_attempt_at <= ?
              order by dd.next_attempt_at limit ?
              for update of dd skip locked)
          and s.id = d.subscription_id and e.id = d.event_id
      returning d.id, d.attempts, s.url, s.secret, e.id, e.type, e.payload
      """;

  private record Claimed(
      long id, int attempts, String url, String secret, UUID eventId, String type, String body) {}

  private record Result(Claimed delivery, Integer status, String error) {
    boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }
  }

  private final AgroalDataSource dataSource;
  private final WebhookConfig config;
  private final Clock clock;
  private final HttpClient http;

  @Inject
  public DeliveryWorker(AgroalDataSource dataSource, WebhookConfig config, Clock clock) {
    this.dataSource = dataSource;
    this.config = config;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Scheduled(
      every = "${cradle.webhooks.deliver-every:2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void run() {
    try {
      deliverDue();
    } catch (SQLException e) {
      // The database is down: the outbox keeps every event, the next run catches up.
      LOG.warnf("webhook delivery failed: %s", e.getMessage());
    }
  }

  @Scheduled(every = "1h", delay = 5, delayUnit = java.util.concurrent.TimeUnit.MINUTES)
  void purgeOld() {
    try {
      int purged = purge(clock.instant().minus(config.keep()));
      if (purged > 0) {
        LOG.infof("purged %d webhook event(s) older than %s", purged, config.keep());
      }
    } catch (SQLException e) {
      LOG.warnf("webhook purge failed: %s", e.getMessage());
    }
  }

  /**
   * Deletes events created before {@code before} (their deliveries go with them) unless a delivery
   * of theirs is still pending: the outbox and the log must not grow forever.
   *
   * @return how many events were deleted
   */
  public int purge(Instant before) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "delete from webhook_event e where e.created_at < ? and not exists (select 1"
                    + " from webhook_delivery d where d.event_id = e.id and d.status = 'PENDING')")) {
      s.setTimestamp(1, Timestamp.from(before));
      return s.executeUpdate();
    }
  }

  /**
   * Sends what is due now, one batch.
   *
   * @return how many deliveries were attempted
   */
  public int deliverDue() throws SQLException {
    Instant now = clock.instant();
    List<Claimed> claimed = claim(now);
    if (claimed.isEmpty()) {
      return 0;
    }
    List<CompletableFuture<Result>> sending = new ArrayList<>();
    for (Claimed d : claimed) {
      sending.add(send(d, now));
    }
    List<Result> results = sending.stream().map(CompletableFuture::join).toList();
    record(results, clock.instant());
    return results.size();
  }

  private List<Claimed> claim(Instant now) throws SQLException {
    // The claim outlasts the attempt, so the run that claimed a delivery records its outcome.
    Instant claimedUntil = now.plus(config.timeout().multipliedBy(3));
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(CLAIM)) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setTimestamp(2, Timestamp.from(claimedUntil));
      s.setTimestamp(3, Timestamp.from(now));
      s.setInt(4, config.batchSize());
      List<Claimed> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(
              new Claimed(
                  r.getLong(1),
                  r.getInt(2),
                  r.getString(3),
                  r.getString(4),
                  r.getObject(5, UUID.class),
                  r.getString(6),
                  r.getString(7)));
        }
      }
      return out;
    }
  }

  private CompletableFuture<Result> send(Claimed d, Instant now) {
    byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(d.url()))
              .timeout(config.timeout())
              .header("Content-Type", "application/json")
              .header("User-Agent", "Cradle-Webhooks/1")
              .header("X-Cradle-Event", d.type())
              .header("X-Cradle-Event-Id", d.eventId().toString())
              .header(Signatures.HEADER, Signatures.sign(d.secret(), now.getEpochSecond(), body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(new Result(d, null, "bad URL: " + e.getMessage()));
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, failure) ->
                failure == null
                    ? new Result(
                        d,
                        response.statusCode(),
                        response.statusCode() / 100 == 2
                            ? null
                            : "receiver answered HTTP " + response.statusCode())
                    : new Result(d, null, describe(failure)));
  }

  private static String describe(Throwable failure) {
    Throwable t = failure.getCause() != null ? failure.getCause() : failure;
    String text =
        t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
  }

  private void record(List<Result> results, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "update webhook_delivery set status = ?, next_attempt_at = ?, last_status = ?,"
                    + " last_error = ?, delivered_at = ? where id = ?")) {
      for (Result r : results) {
        int attempts = r.delivery().attempts();
        String status;
        Instant next = now;
        if (r.delivered()) {
          status = "DELIVERED";
        } else if (attempts >= config.maxAttempts()) {
          status = "FAILED";
          LOG.warnf(
              "webhook %s to %s given up after %d attempts: %s",
              r.delivery().eventId(), r.delivery().url(), attempts, r.error());
        } else {
          status = "PENDING";
          next = now.plus(backoff(attempts, config.firstRetry(), config.longestRetry()));
        }
        s.setString(1, status);
        s.setTimestamp(2, Timestamp.from(next));
        if (r.status() == null) {
          s.setNull(3, java.sql.Types.INTEGER);
        } else {
          s.setInt(3, r.status());
        }
        s.setString(4, r.error());
        s.setTimestamp(5, r.delivered() ? Timestamp.from(now) : null);
        s.setLong(6, r.delivery().id());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /**
   * The wait after {@code attempts} failed attempts: {@code first}, doubling, at most {@code
   * longest}.
   */
  static Duration backoff(int attempts, Duration first, Duration longest) {
    Duration wait = first.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
    return wait.compareTo(longest) > 0 ? longest : wait;
  }
}
