package io.cradle.acs.alarms;

import io.agroal.api.AgroalDataSource;
import io.cradle.acs.inventory.InformHook;
import io.cradle.cwmp.message.ParameterValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The alarms of the fleet: raised and cleared with the Informs that report them (in the Inform's
 * own transaction), raised for silent devices by {@link #sweepOffline}, acknowledged by people.
 */
@ApplicationScoped
public class Alarms implements InformHook {

  /** One alarm as stored. */
  public record Alarm(
      long id,
      long deviceId,
      String deviceKey,
      AlarmKind kind,
      String severity,
      Instant raisedAt,
      String detail,
      Instant clearedAt,
      Instant acknowledgedAt,
      String acknowledgedBy) {}

  /** Which alarms a list shows. */
  public enum Filter {
    /** The condition still holds. */
    OPEN,
    /** Nobody has acknowledged it yet, whether or not it still holds. */
    UNACKNOWLEDGED,
    ALL
  }

  private static final String RAISE =
      """
      insert into alarm (device_id, kind, severity, raised_at, detail) values (?, ?, ?, ?, ?)
      on conflict (device_id, kind) where cleared_at is null do update set detail = excluded.detail
      """;

  private static final String CLEAR =
      "update alarm set cleared_at = ? where device_id = ? and kind = ? and cleared_at is null";

  private static final String SWEEP_OFFLINE =
      """
      insert into alarm (device_id, kind, severity, raised_at, detail)
      select d.id, 'OFFLINE', ?, ?, 'no Inform since ' || to_char(d.last_inform at time zone 'UTC',
             'YYYY-MM-DD"T"HH24:MI:SS"Z"')
      from device d
      where d.last_inform + make_interval(secs => ? * coalesce(nullif(d.periodic_inform_interval, 0), ?)) < ?
      on conflict (device_id, kind) where cleared_at is null do nothing
      """;

  private static final String SELECT =
      """
      select a.id, a.device_id, d.device_key, a.kind, a.severity, a.raised_at, a.detail,
             a.cleared_at, a.acknowledged_at, a.acknowledged_by
      from alarm a join device d on d.id = a.device_id
      """;

  private final AgroalDataSource dataSource;

  @Inject
  public Alarms(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void onInform(Connection c, long deviceId, List<ParameterValue> parameters, Instant now)
      throws SQLException {
    // A device that informs is not offline; with no open OFFLINE alarm this is one index probe.
    clear(c, deviceId, AlarmKind.OFFLINE, now);
    for (AlarmRules.Change change : AlarmRules.of(parameters)) {
      if (change.raise()) {
        try (PreparedStatement s = c.prepareStatement(RAISE)) {
          s.setLong(1, deviceId);
          s.setString(2, change.kind().name());
          s.setString(3, change.kind().severity());
          s.setTimestamp(4, Timestamp.from(now));
          s.setString(5, change.detail());
          s.executeUpdate();
        }
      } else {
        clear(c, deviceId, change.kind(), now);
      }
    }
  }

  private static void clear(Connection c, long deviceId, AlarmKind kind, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(CLEAR)) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setLong(2, deviceId);
      s.setString(3, kind.name());
      s.executeUpdate();
    }
  }

  /**
   * Raises OFFLINE for every device silent for {@code missedInforms} periodic intervals ({@code
   * defaultIntervalSeconds} when it never reported one).
   *
   * @return how many alarms were raised
   */
  public int sweepOffline(Instant now, int missedInforms, long defaultIntervalSeconds)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(SWEEP_OFFLINE)) {
      s.setString(1, AlarmKind.OFFLINE.severity());
      s.setTimestamp(2, Timestamp.from(now));
      s.setInt(3, missedInforms);
      s.setLong(4, defaultIntervalSeconds);
      s.setTimestamp(5, Timestamp.from(now));
      return s.executeUpdate();
    }
  }

  /** The newest alarms first. */
  public List<Alarm> list(Filter filter, Optional<Long> deviceId, int limit) throws SQLException {
    StringBuilder sql = new StringBuilder(SELECT).append(" where true");
    if (filter == Filter.OPEN) {
      sql.append(" and a.cleared_at is null");
    } else if (filter == Filter.UNACKNOWLEDGED) {
      sql.append(" and a.acknowledged_at is null");
    }
    deviceId.ifPresent(id -> sql.append(" and a.device_id = ?"));
    // Critical alarms first: a worker down must not hide behind a hundred low batteries.
    sql.append(" order by (a.severity = 'critical') desc, a.raised_at desc, a.id desc limit ?");
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.toString())) {
      int i = 1;
      if (deviceId.isPresent()) {
        s.setLong(i++, deviceId.get());
      }
      s.setInt(i, limit);
      List<Alarm> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(read(r));
        }
      }
      return out;
    }
  }

  /**
   * Records who acknowledged the alarm; acknowledging twice keeps the first.
   *
   * @return the alarm, empty if there is no such alarm
   */
  public Optional<Alarm> acknowledge(long id, String who, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "update alarm set acknowledged_at = ?, acknowledged_by = ?"
                  + " where id = ? and acknowledged_at is null")) {
        s.setTimestamp(1, Timestamp.from(now));
        s.setString(2, who);
        s.setLong(3, id);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(SELECT + " where a.id = ?")) {
        s.setLong(1, id);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(read(r)) : Optional.empty();
        }
      }
    }
  }

  private static Alarm read(ResultSet r) throws SQLException {
    return new Alarm(
        r.getLong(1),
        r.getLong(2),
        r.getString(3),
        AlarmKind.valueOf(r.getString(4)),
        r.getString(5),
        instant(r.getTimestamp(6)),
        r.getString(7),
        instant(r.getTimestamp(8)),
        instant(r.getTimestamp(9)),
        r.getString(10));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
