package io.cradle.acs.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.cradle.acs.api.ApiException;
import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhook subscriptions and the outbox. {@link #publish} writes an event and one delivery per
 * subscriber on the caller's connection, so the event commits exactly when the change it reports
 * does; {@link DeliveryWorker} sends it afterwards. Managed by admins only (the secrets sign what
 * other systems will trust).
 */
@ApplicationScoped
public class Webhooks {

  /** A subscription as shown; its secret is shown only once, when it is created. */
  public record Subscription(
      long id,
      String url,
      List<String> eventTypes,
      boolean enabled,
      String description,
      Instant createdAt,
      String createdBy) {}

  /** A new subscription with its secret, the one time it is shown. */
  public record Created(Subscription subscription, String secret) {}

  /** One event's delivery to one subscription: the delivery log. */
  public record Delivery(
      long id,
      UUID eventId,
      String eventType,
      String status,
      int attempts,
      Instant nextAttemptAt,
      Instant lastAttemptAt,
      Integer lastStatus,
      String lastError,
      Instant deliveredAt,
      Instant createdAt) {}

  static final int MAX_URL_LENGTH = 2000;

  private static final String SUBSCRIPTION_COLUMNS =
      "id, url, event_types, enabled, description, created_at, created_by";

  /** Events go only where someone listens: without subscribers nothing is written. */
  private static final String PUBLISH =
      """
      with subscriber as (
          select id from webhook_subscription where enabled and ? = any(event_types)),
      event as (
          insert into webhook_event (id, type, payload, created_at)
          select ?, ?, ?, ? where exists (select 1 from subscriber)
          returning id)
      insert into webhook_delivery (subscription_id, event_id, status, next_attempt_at, created_at)
      select subscriber.id, event.id, 'PENDING', ?, ? from subscriber, event
      """;

  private static final String PUBLISH_TEST =
      """
      with event as (
          insert into webhook_event (id, type, payload, created_at) values (?, ?, ?, ?)
          returning id)
      insert into webhook_delivery (subscription_id, event_id, status, next_attempt_at, created_at)
      select ?, event.id, 'PENDING', ?, ? from event
      """;

  private final AgroalDataSource dataSource;
  private final ObjectMapper json;
  private final Audit audit;

  @Inject
  public Webhooks(AgroalDataSource dataSource, ObjectMapper json, Audit audit) {
    this.dataSource = dataSource;
    this.json = json;
    this.audit = audit;
  }

  /**
   * Writes an event for every enabled subscription to {@code type}, on {@code c} (join the
   * transaction of the change it reports).
   *
   * @return the event's id (receivers dedupe by it)
   */
  public UUID publish(Connection c, EventType type, Object data, Instant now) throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement s = c.prepareStatement(PUBLISH)) {
      s.setString(1, type.wire());
      s.setObject(2, id);
      s.setString(3, type.wire());
      s.setString(4, payload(id, type, data, now));
      s.setTimestamp(5, Timestamp.from(now));
      s.setTimestamp(6, Timestamp.from(now));
      s.setTimestamp(7, Timestamp.from(now));
      s.executeUpdate();
    }
    return id;
  }

  /** {@link #publish} in the current JTA transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public UUID publish(EventType type, Object data, Instant now) {
    try (Connection c = dataSource.getConnection()) {
      return publish(c, type, data, now);
    } catch (SQLException e) {
      throw new IllegalStateException("could not write " + type.wire() + " event", e);
    }
  }

  private String payload(UUID id, EventType type, Object data, Instant now) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id.toString());
    body.put("type", type.wire());
    body.put("createdAt", now.toString());
    body.put("data", data);
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + type.wire() + " payload", e);
    }
  }

  @Transactional
  public Created create(
      String actor, String url, List<String> eventTypes, String description, Instant now)
      throws SQLException {
    String checkedUrl = checkUrl(url);
    String[] types = checkTypes(eventTypes);
    String secret = Signatures.newSecret();
    String about = description == null ? "" : description.strip();
    long id;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into webhook_subscription"
                    + " (url, event_types, secret, enabled, description, created_at, created_by)"
                    + " values (?, ?, ?, true, ?, ?, ?) returning id")) {
      s.setString(1, checkedUrl);
      s.setArray(2, c.createArrayOf("text", types));
      s.setString(3, secret);
      s.setString(4, about);
      s.setTimestamp(5, Timestamp.from(now));
      s.setString(6, actor);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        id = r.getLong(1);
      }
    }
    Subscription created = get(id).orElseThrow();
    audit.record(actor, "webhook.create", target(id), null, auditView(created));
    return new Created(created, secret);
  }

  /** Changes what is given (null: unchanged). */
  @Transactional
  public Subscription update(
      String actor, long id, String url, List<String> eventTypes, Boolean enabled)
      throws SQLException {
    Subscription before = get(id).orElseThrow(() -> notFound(id));
    String newUrl = url == null ? before.url() : checkUrl(url);
    String[] types =
        eventTypes == null ? before.eventTypes().toArray(String[]::new) : checkTypes(eventTypes);
    boolean on = enabled == null ? before.enabled() : enabled;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "update webhook_subscription set url = ?, event_types = ?, enabled = ?"
                    + " where id = ?")) {
      s.setString(1, newUrl);
      s.setArray(2, c.createArrayOf("text", types));
      s.setBoolean(3, on);
      s.setLong(4, id);
      s.executeUpdate();
    }
    Subscription after = get(id).orElseThrow();
    audit.record(actor, "webhook.update", target(id), auditView(before), auditView(after));
    return after;
  }

  /** Deletes the subscription with its delivery log; undelivered events to it are dropped. */
  @Transactional
  public void delete(String actor, long id) throws SQLException {
    Subscription before = get(id).orElseThrow(() -> notFound(id));
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("delete from webhook_subscription where id = ?")) {
      s.setLong(1, id);
      s.executeUpdate();
    }
    audit.record(actor, "webhook.delete", target(id), auditView(before), null);
  }

  /** Queues a {@code webhook.test} event for this one subscription, enabled or not. */
  @Transactional
  public UUID sendTest(String actor, long id, Instant now) throws SQLException {
    get(id).orElseThrow(() -> notFound(id));
    UUID eventId = UUID.randomUUID();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(PUBLISH_TEST)) {
      s.setObject(1, eventId);
      s.setString(2, EventType.TEST.wire());
      s.setString(
          3,
          payload(
              eventId,
              EventType.TEST,
              Map.of("subscription", id, "message", "test event sent by " + actor),
              now));
      s.setTimestamp(4, Timestamp.from(now));
      s.setLong(5, id);
      s.setTimestamp(6, Timestamp.from(now));
      s.setTimestamp(7, Timestamp.from(now));
      s.executeUpdate();
    }
    audit.record(actor, "webhook.test", target(id), null, Map.of("event", eventId.toString()));
    return eventId;
  }

  public List<Subscription> list() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select " + SUBSCRIPTION_COLUMNS + " from webhook_subscription order by id")) {
      List<Subscription> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(subscription(r));
        }
      }
      return out;
    }
  }

  public Optional<Subscription> get(long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select " + SUBSCRIPTION_COLUMNS + " from webhook_subscription where id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(subscription(r)) : Optional.empty();
      }
    }
  }

  /** The subscription's deliveries, newest first. */
  public List<Delivery> deliveries(long subscriptionId, int limit) throws SQLException {
    get(subscriptionId).orElseThrow(() -> notFound(subscriptionId));
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select d.id, d.event_id, e.type, d.status, d.attempts, d.next_attempt_at,"
                    + " d.last_attempt_at, d.last_status, d.last_error, d.delivered_at,"
                    + " d.created_at from webhook_delivery d"
                    + " join webhook_event e on e.id = d.event_id"
                    + " where d.subscription_id = ? order by d.id desc limit ?")) {
      s.setLong(1, subscriptionId);
      s.setInt(2, limit);
      List<Delivery> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(
              new Delivery(
                  r.getLong(1),
                  r.getObject(2, UUID.class),
                  r.getString(3),
                  r.getString(4),
                  r.getInt(5),
                  instant(r.getTimestamp(6)),
                  instant(r.getTimestamp(7)),
                  (Integer) r.getObject(8),
                  r.getString(9),
                  instant(r.getTimestamp(10)),
                  instant(r.getTimestamp(11))));
        }
      }
      return out;
    }
  }

  /** Only http and https with a host: anything else could not be delivered, or should not be. */
  static String checkUrl(String url) {
    if (url == null || url.isBlank()) {
      throw ApiException.badRequest("url is required");
    }
    String u = url.strip();
    if (u.length() > MAX_URL_LENGTH) {
      throw ApiException.badRequest("url is longer than " + MAX_URL_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      throw ApiException.badRequest("url is not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ApiException.badRequest(
          "url must be http:// or https://, not "
              + (scheme.isEmpty() ? "a URL without a scheme" : scheme + ":"));
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw ApiException.badRequest("url has no host: " + u);
    }
    if (uri.getUserInfo() != null) {
      throw ApiException.badRequest(
          "url must not carry credentials; receivers verify the signature instead");
    }
    return u;
  }

  static String[] checkTypes(List<String> eventTypes) {
    if (eventTypes == null || eventTypes.isEmpty()) {
      throw ApiException.badRequest(
          "eventTypes must name at least one of " + String.join(", ", subscribable()));
    }
    for (String t : eventTypes) {
      if (t == null || EventType.subscribable(t).isEmpty()) {
        throw ApiException.badRequest(
            "unknown event type '" + t + "'; known: " + String.join(", ", subscribable()));
      }
    }
    return eventTypes.stream().distinct().toArray(String[]::new);
  }

  /** The event types a subscription may ask for, by wire name. */
  public static List<String> subscribable() {
    return Arrays.stream(EventType.values())
        .filter(t -> t != EventType.TEST)
        .map(EventType::wire)
        .toList();
  }

  private static Map<String, Object> auditView(Subscription s) {
    return Map.of("url", s.url(), "eventTypes", s.eventTypes(), "enabled", s.enabled());
  }

  private static AuditTargets target(long id) {
    return new AuditTargets("webhook", List.of(String.valueOf(id)), List.of());
  }

  private static ApiException notFound(long id) {
    return ApiException.notFound("no webhook subscription " + id);
  }

  private static Subscription subscription(ResultSet r) throws SQLException {
    Array types = r.getArray(3);
    return new Subscription(
        r.getLong(1),
        r.getString(2),
        List.of((String[]) types.getArray()),
        r.getBoolean(4),
        r.getString(5),
        instant(r.getTimestamp(6)),
        r.getString(7));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
