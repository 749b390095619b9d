package io.cradle.acs.alarms;

import io.agroal.api.AgroalDataSource;
import io.cradle.acs.api.ApiException;
import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import io.cradle.acs.inventory.InformHook;
import io.cradle.acs.tasks.TaskOutcome;
import io.cradle.acs.tasks.TaskStatus;
import io.cradle.acs.webhooks.EventType;
import io.cradle.acs.webhooks.Webhooks;
import io.cradle.cwmp.message.Download;
import io.cradle.cwmp.message.Inform;
import io.cradle.cwmp.message.ParameterValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alarms of the fleet: raised and cleared with what the devices report (in the transaction that
 * stores the report), with task outcomes (in the task's transaction), by the sweeps for silence and
 * for conditions that lasted, and acknowledged or cleared by people. Every raise, acknowledgement
 * and clear writes its webhook event in the same transaction.
 */
@ApplicationScoped
public class Alarms implements InformHook {

  /** One alarm as stored. {@code clearedBy} is null when the condition ended by itself. */
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
      String acknowledgedBy,
      String clearedBy) {}

  /** Which alarms a list shows. */
  public enum Filter {
    /** The condition still holds. */
    OPEN,
    /** Nobody has acknowledged it yet, whether or not it still holds. */
    UNACKNOWLEDGED,
    /** Cleared: the history. */
    CLEARED,
    ALL
  }

  /** Returns whether the row is new, so only a new alarm is announced. */
  private static final String RAISE =
      """
      insert into alarm as a (device_id, kind, severity, raised_at, detail) values (?, ?, ?, ?, ?)
      on conflict (device_id, kind) where cleared_at is null do update set detail = excluded.detail
      returning a.id, (a.xmax = 0)
      """;

  private static final String CLEAR =
      "update alarm set cleared_at = ? where device_id = ? and kind = ? and cleared_at is null"
          + " returning id";

  private static final String ONLINE =
      "d.last_inform + make_interval(secs => ? * coalesce(nullif(d.periodic_inform_interval, 0), ?))";

  private static final String SWEEP_OFFLINE =
      """
      insert into alarm (device_id, kind, severity, raised_at, detail)
      select d.id, 'OFFLINE', ?, ?, 'no Inform since ' || to_char(d.last_inform at time zone 'UTC',
             'YYYY-MM-DD"T"HH24:MI:SS"Z"')
      from device d
      where %s < ?
      on conflict (device_id, kind) where cleared_at is null do nothing
      returning id
      """
          .formatted(ONLINE);

  /** Conditions that lasted their grace period, on devices still online, become alarms. */
  private static final String SWEEP_CONDITIONS =
      """
      insert into alarm (device_id, kind, severity, raised_at, detail)
      select c.device_id, c.kind, ?, ?, c.detail
      from alarm_condition c join device d on d.id = c.device_id
      where c.kind = ? and c.since <= ? and %s >= ?
      on conflict (device_id, kind) where cleared_at is null do nothing
      returning id
      """
          .formatted(ONLINE);

  private static final String CLEAR_REPEATED_FAULTS =
      """
      update alarm a set cleared_at = ?
      where a.kind = 'REPEATED_FAULTS' and a.cleared_at is null
        and (select count(*) from task t where t.device_id = a.device_id and t.status = 'FAILED'
             and t.completed_at >= ?) < ?
      returning a.id
      """;

  private static final String CONDITION_VALUES =
      """
      select name, value from device_parameter
      where device_id = ? and (name like '%.Line.%.Status' or name like '%.Line.%.Enable'
          or name like '%.WiFi.EndPoint.%.Stats.SignalStrength')
      """;

  private static final String SELECT =
      """
      select a.id, a.device_id, d.device_key, a.kind, a.severity, a.raised_at, a.detail,
             a.cleared_at, a.acknowledged_at, a.acknowledged_by, a.cleared_by
      from alarm a join device d on d.id = a.device_id
      """;

  private final AgroalDataSource dataSource;
  private final Webhooks webhooks;
  private final Audit audit;
  private final AlarmsConfig config;

  @Inject
  public Alarms(AgroalDataSource dataSource, Webhooks webhooks, Audit audit, AlarmsConfig config) {
    this.dataSource = dataSource;
    this.webhooks = webhooks;
    this.audit = audit;
    this.config = config;
  }

  @Override
  public boolean onInform(Connection c, long deviceId, Inform inform, Instant now)
      throws SQLException {
    // A device that informs is not offline; with no open OFFLINE alarm this is one index probe.
    clear(c, deviceId, AlarmKind.OFFLINE, now);
    evaluate(c, deviceId, inform.parameters(), now);
    return false;
  }

  @Override
  public void onValues(Connection c, long deviceId, Collection<ParameterValue> values, Instant now)
      throws SQLException {
    evaluate(c, deviceId, values, now);
  }

  private void evaluate(
      Connection c, long deviceId, Collection<ParameterValue> parameters, Instant now)
      throws SQLException {
    for (AlarmRules.Change change : AlarmRules.of(parameters)) {
      if (change.raise()) {
        raise(c, deviceId, change.kind(), change.detail(), now);
      } else {
        clear(c, deviceId, change.kind(), now);
      }
    }
    if (AlarmRules.touchesConditions(parameters)) {
      judgeConditions(c, deviceId, ownPoorWifiDbm(c, deviceId), now);
    }
  }

  /** The report may carry one line of two: judge on everything the device last said. */
  private void judgeConditions(Connection c, long deviceId, Integer ownPoorWifiDbm, Instant now)
      throws SQLException {
    for (AlarmRules.Condition condition :
        AlarmRules.conditions(conditionValues(c, deviceId), poorWifiDbm(ownPoorWifiDbm))) {
      apply(c, deviceId, condition, now);
    }
  }

  /** The POOR_WIFI threshold of a device with this setting of its own (null: the fleet's). */
  public int poorWifiDbm(Integer own) {
    return own != null ? own : config.poorWifiDbm();
  }

  /**
   * Refuses a threshold outside what a WP820 can report as a usable signal, naming the range; null
   * (the fleet's) passes.
   */
  public void checkPoorWifiDbm(Integer dbm) {
    if (dbm != null && (dbm < AlarmRules.POOR_WIFI_MIN_DBM || dbm > AlarmRules.POOR_WIFI_MAX_DBM)) {
      throw ApiException.badRequest(
          "poorWifiDbm must be between "
              + AlarmRules.POOR_WIFI_MIN_DBM
              + " and "
              + AlarmRules.POOR_WIFI_MAX_DBM
              + " dBm, or null for the fleet's "
              + config.poorWifiDbm()
              + ", was "
              + dbm);
    }
  }

  /**
   * Judges a device's last reported lines and signal again, as a new report would be, once its own
   * threshold became {@code ownPoorWifiDbm}: a poor signal starts its grace period now, and an
   * alarm the new threshold no longer supports clears. Runs in the caller's transaction, which
   * changed the threshold (and may not have written it yet, so it is passed).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void rejudge(long deviceId, Integer ownPoorWifiDbm, Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      judgeConditions(c, deviceId, ownPoorWifiDbm, now);
    }
  }

  private static Integer ownPoorWifiDbm(Connection c, long deviceId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select poor_wifi_dbm from device where id = ?")) {
      s.setLong(1, deviceId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return null;
        }
        int dbm = r.getInt(1);
        return r.wasNull() ? null : dbm;
      }
    }
  }

  private static Map<String, String> conditionValues(Connection c, long deviceId)
      throws SQLException {
    Map<String, String> values = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(CONDITION_VALUES)) {
      s.setLong(1, deviceId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (AlarmRules.isConditionParameter(r.getString(1))) {
            values.put(r.getString(1), r.getString(2));
          }
        }
      }
    }
    return values;
  }

  private void apply(Connection c, long deviceId, AlarmRules.Condition condition, Instant now)
      throws SQLException {
    String kind = condition.kind().name();
    if (!condition.holds()) {
      try (PreparedStatement s =
          c.prepareStatement("delete from alarm_condition where device_id = ? and kind = ?")) {
        s.setLong(1, deviceId);
        s.setString(2, kind);
        s.executeUpdate();
      }
      clear(c, deviceId, condition.kind(), now);
      return;
    }
    Instant since;
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into alarm_condition as c (device_id, kind, since, detail) values (?, ?, ?, ?)"
                + " on conflict (device_id, kind) do update set detail = excluded.detail"
                + " returning c.since")) {
      s.setLong(1, deviceId);
      s.setString(2, kind);
      s.setTimestamp(3, Timestamp.from(now));
      s.setString(4, condition.detail());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        since = r.getTimestamp(1).toInstant();
      }
    }
    if (!since.plus(grace(condition.kind())).isAfter(now)) {
      raise(c, deviceId, condition.kind(), condition.detail(), now);
    }
  }

  private Duration grace(AlarmKind kind) {
    return kind == AlarmKind.POOR_WIFI ? config.poorWifiAfter() : config.sipUnregisteredAfter();
  }

  private void raise(Connection c, long deviceId, AlarmKind kind, String detail, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(RAISE)) {
      s.setLong(1, deviceId);
      s.setString(2, kind.name());
      s.setString(3, kind.severity());
      s.setTimestamp(4, Timestamp.from(now));
      s.setString(5, detail);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        if (r.getBoolean(2)) {
          announce(c, EventType.ALARM_RAISED, r.getLong(1), now);
        }
      }
    }
  }

  private void clear(Connection c, long deviceId, AlarmKind kind, Instant now) throws SQLException {
    List<Long> cleared = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(CLEAR)) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setLong(2, deviceId);
      s.setString(3, kind.name());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          cleared.add(r.getLong(1));
        }
      }
    }
    for (long id : cleared) {
      announce(c, EventType.ALARM_CLEARED, id, now);
    }
  }

  private void announce(Connection c, EventType type, long alarmId, Instant now)
      throws SQLException {
    Optional<Alarm> alarm = find(c, alarmId);
    if (alarm.isPresent()) {
      webhooks.publish(c, type, alarm.get(), now);
    }
  }

  /** A firmware Download's faults and failure raise FIRMWARE_FAILED; failed tasks add up. */
  void onTaskOutcome(@Observes TaskOutcome outcome) throws SQLException {
    boolean firmware =
        outcome.request() instanceof Download d
            && Download.FIRMWARE_UPGRADE_IMAGE.equals(d.fileType());
    boolean failed = outcome.status() == TaskStatus.FAILED;
    if (!firmware && !failed) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      if (firmware && outcome.status() == TaskStatus.DONE) {
        clear(c, outcome.deviceId(), AlarmKind.FIRMWARE_FAILED, outcome.at());
      } else if (firmware && (outcome.faulted() || failed)) {
        Download d = (Download) outcome.request();
        raise(
            c,
            outcome.deviceId(),
            AlarmKind.FIRMWARE_FAILED,
            "firmware "
                + d.url()
                + ": fault "
                + outcome.faultCode()
                + (outcome.faultString() == null ? "" : " " + outcome.faultString())
                + (failed
                    ? " (failed after " + outcome.attempts() + " attempt(s))"
                    : " (attempt "
                        + outcome.attempts()
                        + " of "
                        + outcome.maxAttempts()
                        + ", will retry)"),
            outcome.at());
      }
      if (failed) {
        int recent = failedSince(c, outcome, outcome.at().minus(config.repeatedFaultsWindow()));
        if (recent >= config.repeatedFaults()) {
          raise(
              c,
              outcome.deviceId(),
              AlarmKind.REPEATED_FAULTS,
              recent
                  + " tasks failed within "
                  + config.repeatedFaultsWindow().toMinutes()
                  + " min (last: "
                  + outcome.kind()
                  + (outcome.faultCode() == null ? "" : ", fault " + outcome.faultCode())
                  + ")",
              outcome.at());
        }
      }
    }
  }

  /** Failed tasks of the device since {@code from}, counting this one (not yet flushed). */
  private static int failedSince(Connection c, TaskOutcome outcome, Instant from)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select count(*) from task where device_id = ? and status = 'FAILED'"
                + " and completed_at >= ? and id <> ?")) {
      s.setLong(1, outcome.deviceId());
      s.setTimestamp(2, Timestamp.from(from));
      s.setLong(3, outcome.taskId());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1) + 1;
      }
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
    return inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(SWEEP_OFFLINE)) {
            s.setString(1, AlarmKind.OFFLINE.severity());
            s.setTimestamp(2, Timestamp.from(now));
            s.setInt(3, missedInforms);
            s.setLong(4, defaultIntervalSeconds);
            s.setTimestamp(5, Timestamp.from(now));
            return announceAll(c, s, EventType.ALARM_RAISED, now);
          }
        });
  }

  /**
   * Raises the conditions that lasted their grace period on devices still online ({@code
   * missedInforms} and {@code defaultIntervalSeconds} as for {@link #sweepOffline}), and clears
   * REPEATED_FAULTS whose failures left the window.
   *
   * @return how many alarms were raised or cleared
   */
  public int sweepConditions(Instant now, int missedInforms, long defaultIntervalSeconds)
      throws SQLException {
    return inTransaction(
        c -> {
          int changed = 0;
          for (AlarmKind kind : List.of(AlarmKind.SIP_UNREGISTERED, AlarmKind.POOR_WIFI)) {
            try (PreparedStatement s = c.prepareStatement(SWEEP_CONDITIONS)) {
              s.setString(1, kind.severity());
              s.setTimestamp(2, Timestamp.from(now));
              s.setString(3, kind.name());
              s.setTimestamp(4, Timestamp.from(now.minus(grace(kind))));
              s.setInt(5, missedInforms);
              s.setLong(6, defaultIntervalSeconds);
              s.setTimestamp(7, Timestamp.from(now));
              changed += announceAll(c, s, EventType.ALARM_RAISED, now);
            }
          }
          try (PreparedStatement s = c.prepareStatement(CLEAR_REPEATED_FAULTS)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setTimestamp(2, Timestamp.from(now.minus(config.repeatedFaultsWindow())));
            s.setInt(3, config.repeatedFaults());
            changed += announceAll(c, s, EventType.ALARM_CLEARED, now);
          }
          return changed;
        });
  }

  private int announceAll(Connection c, PreparedStatement s, EventType type, Instant now)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        ids.add(r.getLong(1));
      }
    }
    for (long id : ids) {
      announce(c, type, id, now);
    }
    return ids.size();
  }

  private interface Work {
    int run(Connection c) throws SQLException;
  }

  private int inTransaction(Work work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        int n = work.run(c);
        c.commit();
        return n;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** Critical first, then the newest. */
  public List<Alarm> list(Filter filter, Optional<Long> deviceId, int limit) throws SQLException {
    StringBuilder sql = new StringBuilder(SELECT).append(" where true");
    if (filter == Filter.OPEN) {
      sql.append(" and a.cleared_at is null");
    } else if (filter == Filter.UNACKNOWLEDGED) {
      sql.append(" and a.acknowledged_at is null");
    } else if (filter == Filter.CLEARED) {
      sql.append(" and a.cleared_at is not null");
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
   * Records who acknowledged the alarm, audited; acknowledging twice keeps the first.
   *
   * @return the alarm, empty if there is no such alarm
   */
  @Transactional
  public Optional<Alarm> acknowledge(long id, String who, Instant now) throws SQLException {
    return byPerson(
        id,
        who,
        now,
        "update alarm set acknowledged_at = ?, acknowledged_by = ?"
            + " where id = ? and acknowledged_at is null",
        "alarm.acknowledge",
        EventType.ALARM_ACKNOWLEDGED);
  }

  /**
   * Clears the alarm by hand, audited; clearing a cleared alarm changes nothing. A condition that
   * still holds starts over and alarms again once it has lasted.
   *
   * @return the alarm, empty if there is no such alarm
   */
  @Transactional
  public Optional<Alarm> clear(long id, String who, Instant now) throws SQLException {
    Optional<Alarm> alarm =
        byPerson(
            id,
            who,
            now,
            "update alarm set cleared_at = ?, cleared_by = ? where id = ? and cleared_at is null",
            "alarm.clear",
            EventType.ALARM_CLEARED);
    if (alarm.isPresent()) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement s =
              c.prepareStatement(
                  "delete from alarm_condition where device_id = ? and kind = ? and since < ?")) {
        s.setLong(1, alarm.get().deviceId());
        s.setString(2, alarm.get().kind().name());
        s.setTimestamp(3, Timestamp.from(now));
        s.executeUpdate();
      }
    }
    return alarm;
  }

  private Optional<Alarm> byPerson(
      long id, String who, Instant now, String update, String action, EventType type)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      int changed;
      try (PreparedStatement s = c.prepareStatement(update)) {
        s.setTimestamp(1, Timestamp.from(now));
        s.setString(2, who);
        s.setLong(3, id);
        changed = s.executeUpdate();
      }
      Optional<Alarm> alarm = find(c, id);
      if (alarm.isPresent() && changed > 0) {
        Alarm a = alarm.get();
        audit.record(
            who,
            action,
            AuditTargets.device(a.deviceId(), a.deviceKey()),
            null,
            Map.of("alarm", a.id(), "kind", a.kind().name(), "by", who));
        webhooks.publish(c, type, a, now);
      }
      return alarm;
    }
  }

  private static Optional<Alarm> find(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT + " where a.id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
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
        r.getString(10),
        r.getString(11));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
