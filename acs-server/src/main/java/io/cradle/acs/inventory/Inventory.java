package io.cradle.acs.inventory;

import io.agroal.api.AgroalDataSource;
import io.cradle.cwmp.message.Event;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.ParameterValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The device inventory's write path. An Inform is stored with a few statements (an upsert of the
 * device that also takes the session lease, and one batched upsert of its parameters) because every
 * periodic session pays for it.
 */
@ApplicationScoped
public class Inventory {

  /** What became of an Inform. */
  public sealed interface Admission {}

  /**
   * Stored; this session now owns the device. {@code hasOpenTasks} tells whether the task queue
   * needs a look at all, which most periodic sessions do not.
   */
  public record Admitted(
      long deviceId, String deviceKey, boolean isNew, String parameterKey, boolean hasOpenTasks)
      implements Admission {}

  /** Another session holds the device until {@code until}. */
  public record Busy(Instant until) implements Admission {}

  /** The device is unknown and auto-registration is off. */
  public record Unknown() implements Admission {}

  private static final String OPEN_TASKS =
      "exists(select 1 from task t where t.device_id = d.id"
          + " and t.status in ('QUEUED', 'SENT', 'AWAITING_TRANSFER'))";

  private static final String UPSERT_DEVICE =
      """
      insert into device as d (device_key, oui, product_class, serial_number, manufacturer, mac,
          software_version, hardware_version, provisioning_code, ip_address,
          connection_request_url, parameter_key, periodic_inform_interval,
          first_seen, last_inform, last_boot, last_events, session_id, session_expires)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      on conflict (device_key) do update set
          manufacturer = excluded.manufacturer,
          mac = coalesce(excluded.mac, d.mac),
          software_version = coalesce(excluded.software_version, d.software_version),
          hardware_version = coalesce(excluded.hardware_version, d.hardware_version),
          provisioning_code = coalesce(excluded.provisioning_code, d.provisioning_code),
          ip_address = coalesce(excluded.ip_address, d.ip_address),
          connection_request_url = coalesce(excluded.connection_request_url, d.connection_request_url),
          parameter_key = coalesce(excluded.parameter_key, d.parameter_key),
          periodic_inform_interval = coalesce(excluded.periodic_inform_interval, d.periodic_inform_interval),
          last_inform = excluded.last_inform,
          last_boot = coalesce(excluded.last_boot, d.last_boot),
          last_events = excluded.last_events,
          session_id = excluded.session_id,
          session_expires = excluded.session_expires
      where d.session_id is null or d.session_expires < excluded.last_inform
          or d.session_id = excluded.session_id
      returning d.id, (d.xmax = 0) as inserted, d.parameter_key, """
          + OPEN_TASKS
          + """

      """;

  private static final String UPSERT_PARAMETERS =
      """
      insert into device_parameter (device_id, name, value, type, changed_at)
      select ?, p.name, p.value, p.type, ? from unnest(?::text[], ?::text[], ?::text[]) as p(name, value, type)
      on conflict (device_id, name) do update set
          value = excluded.value, type = excluded.type, changed_at = excluded.changed_at
      where device_parameter.value is distinct from excluded.value
          or device_parameter.type is distinct from excluded.type
      """;

  private static final String INSERT_EVENTS =
      """
      insert into device_event (device_id, at, code, command_key)
      select ?, ?, e.code, e.key from unnest(?::text[], ?::text[]) as e(code, key)
      """;

  private final AgroalDataSource dataSource;
  private final List<InformHook> hooks;

  @Inject
  public Inventory(AgroalDataSource dataSource, Instance<InformHook> hooks) {
    this.dataSource = dataSource;
    this.hooks = hooks.stream().toList();
  }

  /**
   * Stores an Inform and takes the device's session lease until {@code leaseUntil}, in one short
   * JDBC transaction of its own: this runs for every session, and the task queue is only consulted
   * afterwards when the device has open tasks.
   */
  public Admission recordInform(
      Inform inform,
      String remoteAddress,
      String sessionId,
      Instant now,
      Instant leaseUntil,
      boolean autoRegister)
      throws SQLException {
    InformFacts facts = InformFacts.of(inform);
    String key = inform.deviceId().key();
    boolean boot = inform.hasEvent(Event.BOOT) || inform.hasEvent(Event.BOOTSTRAP);
    String ip = facts.ipAddress() != null ? facts.ipAddress() : remoteAddress;
    String events =
        inform.events().stream().map(Event::code).distinct().collect(Collectors.joining(","));
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        // Without auto-registration only known devices get in; the upsert then only updates.
        Optional<Admitted> stored =
            autoRegister || exists(c, key)
                ? upsert(c, inform, facts, ip, events, boot, sessionId, now, leaseUntil)
                : Optional.empty();
        Admission admission;
        if (stored.isEmpty()) {
          admission = leaseHolder(c, key).<Admission>map(Busy::new).orElseGet(Unknown::new);
        } else {
          storeParameters(c, stored.get().deviceId(), facts.parameters(), now);
          storeEvents(c, stored.get().deviceId(), inform.events(), now);
          boolean queued = false;
          for (InformHook hook : hooks) {
            queued |= hook.onInform(c, stored.get().deviceId(), inform, now);
          }
          Admitted admitted = stored.get();
          admission =
              queued && !admitted.hasOpenTasks()
                  ? new Admitted(
                      admitted.deviceId(),
                      admitted.deviceKey(),
                      admitted.isNew(),
                      admitted.parameterKey(),
                      true)
                  : admitted;
        }
        c.commit();
        return admission;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** A session's hold on a device. */
  public record Lease(long deviceId, String sessionId) {}

  /** Gives devices back after their sessions; a later session may start at once. */
  public void releaseLeases(List<Lease> leases) throws SQLException {
    if (leases.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "update device d set session_id = null, session_expires = null"
                    + " from unnest(?::bigint[], ?::text[]) as r(id, sid)"
                    + " where d.id = r.id and d.session_id = r.sid")) {
      st.setArray(1, c.createArrayOf("bigint", leases.stream().map(Lease::deviceId).toArray()));
      st.setArray(2, c.createArrayOf("text", leases.stream().map(Lease::sessionId).toArray()));
      st.executeUpdate();
    }
  }

  /** Stores values a device reported outside an Inform (GetParameterValues results). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void recordValues(long deviceId, Collection<ParameterValue> values, Instant now)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      storeParameters(c, deviceId, values, now);
      // The offline check needs the device's own interval; a read of it is as good as an Inform's.
      Integer interval = InformFacts.periodicInformInterval(values);
      if (interval != null) {
        try (PreparedStatement st =
            c.prepareStatement(
                "update device set periodic_inform_interval = ? where id = ?"
                    + " and periodic_inform_interval is distinct from ?")) {
          st.setInt(1, interval);
          st.setLong(2, deviceId);
          st.setInt(3, interval);
          st.executeUpdate();
        }
      }
      for (InformHook hook : hooks) {
        hook.onValues(c, deviceId, values, now);
      }
    }
  }

  private Optional<Admitted> upsert(
      Connection c,
      Inform inform,
      InformFacts f,
      String ip,
      String events,
      boolean boot,
      String sessionId,
      Instant now,
      Instant leaseUntil)
      throws SQLException {
    var id = inform.deviceId();
    try (PreparedStatement st = c.prepareStatement(UPSERT_DEVICE)) {
      int i = 0;
      st.setString(++i, id.key());
      st.setString(++i, id.oui());
      st.setString(++i, id.productClass());
      st.setString(++i, id.serialNumber());
      st.setString(++i, id.manufacturer());
      st.setString(++i, f.mac());
      st.setString(++i, f.softwareVersion());
      st.setString(++i, f.hardwareVersion());
      st.setString(++i, f.provisioningCode());
      st.setString(++i, ip);
      st.setString(++i, f.connectionRequestUrl());
      st.setString(++i, f.parameterKey());
      setInteger(st, ++i, f.periodicInformInterval());
      st.setTimestamp(++i, Timestamp.from(now));
      st.setTimestamp(++i, Timestamp.from(now));
      st.setTimestamp(++i, boot ? Timestamp.from(now) : null);
      st.setString(++i, events);
      st.setString(++i, sessionId);
      st.setTimestamp(++i, Timestamp.from(leaseUntil));
      return admitted(st, id.key());
    }
  }

  private static boolean exists(Connection c, String key) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("select 1 from device where device_key = ?")) {
      st.setString(1, key);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static Optional<Admitted> admitted(PreparedStatement st, String key) throws SQLException {
    try (ResultSet rs = st.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new Admitted(rs.getLong(1), key, rs.getBoolean(2), rs.getString(3), rs.getBoolean(4)));
    }
  }

  private static Optional<Instant> leaseHolder(Connection c, String key) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("select session_expires from device where device_key = ?")) {
      st.setString(1, key);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Timestamp until = rs.getTimestamp(1);
        return Optional.of(until == null ? Instant.now() : until.toInstant());
      }
    }
  }

  private static void storeParameters(
      Connection c, long deviceId, Collection<ParameterValue> values, Instant now)
      throws SQLException {
    if (values.isEmpty()) {
      return;
    }
    List<ParameterValue> unique =
        values.stream()
            .collect(
                Collectors.toMap(
                    ParameterValue::name, v -> v, (a, b) -> b, java.util.LinkedHashMap::new))
            .values()
            .stream()
            .toList();
    try (PreparedStatement st = c.prepareStatement(UPSERT_PARAMETERS)) {
      st.setLong(1, deviceId);
      st.setTimestamp(2, Timestamp.from(now));
      st.setArray(3, textArray(c, unique.stream().map(ParameterValue::name)));
      st.setArray(4, textArray(c, unique.stream().map(ParameterValue::value)));
      st.setArray(5, textArray(c, unique.stream().map(v -> v.type().xsdName())));
      st.executeUpdate();
    }
  }

  /** Periodic events are not kept as history: last_inform already says it, and they are most. */
  private static void storeEvents(Connection c, long deviceId, List<Event> events, Instant now)
      throws SQLException {
    List<Event> kept = events.stream().filter(e -> !e.code().equals(Event.PERIODIC)).toList();
    if (kept.isEmpty()) {
      return;
    }
    try (PreparedStatement st = c.prepareStatement(INSERT_EVENTS)) {
      st.setLong(1, deviceId);
      st.setTimestamp(2, Timestamp.from(now));
      st.setArray(3, textArray(c, kept.stream().map(Event::code)));
      st.setArray(4, textArray(c, kept.stream().map(Event::commandKey)));
      st.executeUpdate();
    }
  }

  private static Array textArray(Connection c, java.util.stream.Stream<String> values)
      throws SQLException {
    return c.createArrayOf("text", values.toArray());
  }

  private static void setInteger(PreparedStatement st, int index, Integer value)
      throws SQLException {
    if (value == null) {
      st.setNull(index, Types.INTEGER);
    } else {
      st.setInt(index, value);
    }
  }
}
