package io.cradle.acs.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Templates, provisioning profiles, what each device was last given and the SIP pool, in plain
 * JDBC. Called inside the services' transactions (the connection joins them), so a change and its
 * audit row commit together.
 */
@ApplicationScoped
public class TemplateStore {

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private static final String TEMPLATE_COLUMNS =
      "id, name, scope, scope_value, pvalues, updated_at, updated_by";

  /**
   * Inventory devices (with their profile) after a device key, in key order: a page walks the
   * unique index on device_key, so the thousandth page costs what the first does.
   */
  private static final String INVENTORY_TARGETS_AFTER =
      """
      select d.id, d.device_key, coalesce(p.mac, d.mac), coalesce(p.serial_number, d.serial_number),
             coalesce(p.name, ''), coalesce(p.site, ''), coalesce(nullif(p.model, ''), d.product_class, ''),
             coalesce(p.variables, '{}'::jsonb), p.config_password
      from device d left join device_profile p on p.device_id = d.id
      where d.device_key > ? and coalesce(p.mac, d.mac) is not null
      order by d.device_key limit ?
      """;

  /** Profiles imported for phones that have not informed yet, after a MAC, in MAC order. */
  private static final String PROFILE_TARGETS_AFTER =
      """
      select null, null, p.mac, p.serial_number, p.name, p.site, p.model, p.variables, p.config_password
      from device_profile p where p.device_id is null and p.mac > ?
      order by p.mac limit ?
      """;

  private static final String TARGET_BY_DEVICE_KEY =
      """
      select d.id, d.device_key, coalesce(p.mac, d.mac), coalesce(p.serial_number, d.serial_number),
             coalesce(p.name, ''), coalesce(p.site, ''), coalesce(nullif(p.model, ''), d.product_class, ''),
             coalesce(p.variables, '{}'::jsonb), p.config_password
      from device d left join device_profile p on p.device_id = d.id
      where d.device_key = ? and coalesce(p.mac, d.mac) is not null
      """;

  private static final String TARGET_BY_PROFILE =
      """
      select d.id, d.device_key, p.mac, coalesce(p.serial_number, d.serial_number), p.name, p.site,
             coalesce(nullif(p.model, ''), d.product_class, ''), p.variables, p.config_password
      from device_profile p left join device d on d.id = p.device_id
      where p.mac = ?
      """;

  private static final String TARGET_BY_DEVICE_MAC =
      """
      select d.id, d.device_key, d.mac, d.serial_number, '', '', d.product_class, '{}'::jsonb, null
      from device d where d.mac = ? order by d.last_inform desc limit 1
      """;

  private final AgroalDataSource dataSource;
  private final ObjectMapper json;

  @Inject
  public TemplateStore(AgroalDataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  // ---- templates

  public List<Template> templates() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select "
                    + TEMPLATE_COLUMNS
                    + " from config_template order by scope, scope_value")) {
      List<Template> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(template(r));
        }
      }
      // Enum order (global, model, site, device), not the text order the database sorts by.
      out.sort(java.util.Comparator.comparing(Template::scope).thenComparing(Template::match));
      return out;
    }
  }

  public Optional<Template> template(long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select " + TEMPLATE_COLUMNS + " from config_template where id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(template(r)) : Optional.empty();
      }
    }
  }

  /** Empty if the name or the (scope, match) pair is taken: the caller says which. */
  public Optional<Long> insertTemplate(
      String name, Scope scope, String match, Map<String, String> pvalues, Instant now, String by)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into config_template (name, scope, scope_value, pvalues, updated_at,"
                    + " updated_by) values (?, ?, ?, ?::jsonb, ?, ?) on conflict do nothing"
                    + " returning id")) {
      s.setString(1, name);
      s.setString(2, scope.wire());
      s.setString(3, match);
      s.setString(4, toJson(pvalues));
      s.setTimestamp(5, Timestamp.from(now));
      s.setString(6, by);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  public boolean templateNameTaken(String name, long exceptId) throws SQLException {
    return exists("select 1 from config_template where name = ? and id <> ?", name, exceptId);
  }

  public boolean templateScopeTaken(Scope scope, String match, long exceptId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select 1 from config_template where scope = ? and scope_value = ? and id <> ?")) {
      s.setString(1, scope.wire());
      s.setString(2, match);
      s.setLong(3, exceptId);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  public void updateTemplate(
      long id,
      String name,
      Scope scope,
      String match,
      Map<String, String> pvalues,
      Instant now,
      String by)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "update config_template set name = ?, scope = ?, scope_value = ?,"
                    + " pvalues = ?::jsonb, updated_at = ?, updated_by = ? where id = ?")) {
      s.setString(1, name);
      s.setString(2, scope.wire());
      s.setString(3, match);
      s.setString(4, toJson(pvalues));
      s.setTimestamp(5, Timestamp.from(now));
      s.setString(6, by);
      s.setLong(7, id);
      s.executeUpdate();
    }
  }

  public void deleteTemplate(long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("delete from config_template where id = ?")) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }

  // ---- devices to render for

  /**
   * Up to {@code limit} devices to render for, after the one labelled {@code after} (null: from the
   * start): inventory devices by device key, then profiles not yet linked by MAC. A label is a
   * device key or, for those profiles, a MAC, so it says which of the two walks to continue.
   */
  public List<DeviceTarget> targetsAfter(String after, boolean inventoryOnly, int limit)
      throws SQLException {
    boolean inProfiles = after != null && TemplateService.MAC.matcher(after).matches();
    if (!inProfiles) {
      List<DeviceTarget> devices =
          queryTargets(INVENTORY_TARGETS_AFTER, after == null ? "" : after, limit);
      if (!devices.isEmpty() || inventoryOnly) {
        return devices;
      }
    }
    return inventoryOnly
        ? List.of()
        : queryTargets(PROFILE_TARGETS_AFTER, inProfiles ? after : "", limit);
  }

  /** An inventory device by its device key, if it has a MAC to render for. */
  public Optional<DeviceTarget> targetByKey(String deviceKey) throws SQLException {
    return queryTargets(TARGET_BY_DEVICE_KEY, deviceKey, null).stream().findFirst();
  }

  private List<DeviceTarget> queryTargets(String sql, String key, Integer limit)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, key);
      if (limit != null) {
        s.setInt(2, limit);
      }
      List<DeviceTarget> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(target(r));
        }
      }
      return out;
    }
  }

  /** The device a phone asking for {@code cfg<mac>.xml} is: its profile first, else inventory. */
  public Optional<DeviceTarget> target(String mac) throws SQLException {
    for (String sql : List.of(TARGET_BY_PROFILE, TARGET_BY_DEVICE_MAC)) {
      List<DeviceTarget> found = queryTargets(sql, mac, null);
      if (!found.isEmpty()) {
        return Optional.of(found.get(0));
      }
    }
    return Optional.empty();
  }

  // ---- what each device was last given

  public Map<String, Map<String, String>> given(Collection<String> macs) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select mac, pvalues from device_config where mac = any(?)")) {
      s.setArray(1, c.createArrayOf("text", macs.toArray()));
      Map<String, Map<String, String>> out = new HashMap<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), fromJson(r.getString(2)));
        }
      }
      return out;
    }
  }

  /** Stores what {@code mac} was given, unless it is what it already had. */
  public void recordGiven(String mac, Map<String, String> pvalues, Instant now, String by)
      throws SQLException {
    recordGiven(Map.of(mac, pvalues), now, by);
  }

  /** Stores what each MAC was given, in one statement; rows that would not change are left. */
  public void recordGiven(Map<String, ? extends Map<String, String>> byMac, Instant now, String by)
      throws SQLException {
    if (byMac.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                """
                insert into device_config (mac, pvalues, given_at, given_by)
                select g.mac, g.pvalues::jsonb, ?, ? from unnest(?::text[], ?::text[]) as g(mac, pvalues)
                on conflict (mac) do update set pvalues = excluded.pvalues,
                    given_at = excluded.given_at, given_by = excluded.given_by
                where device_config.pvalues is distinct from excluded.pvalues
                """)) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setString(2, by);
      s.setArray(3, c.createArrayOf("text", byMac.keySet().toArray()));
      s.setArray(4, c.createArrayOf("text", byMac.values().stream().map(this::toJson).toArray()));
      s.executeUpdate();
    }
  }

  /**
   * The MACs among {@code rendered} that were not given every one of those values: a template
   * changes them. Answered by the database (jsonb containment), so the unchanged majority of a
   * fleet is never read back into Java.
   */
  public Set<String> changing(Map<String, ? extends Map<String, String>> rendered)
      throws SQLException {
    if (rendered.isEmpty()) {
      return Set.of();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                """
                select r.mac from unnest(?::text[], ?::text[]) as r(mac, pvalues)
                left join device_config g on g.mac = r.mac
                where g.pvalues is null or not g.pvalues @> r.pvalues::jsonb
                """)) {
      s.setArray(1, c.createArrayOf("text", rendered.keySet().toArray()));
      s.setArray(
          2, c.createArrayOf("text", rendered.values().stream().map(this::toJson).toArray()));
      Set<String> out = new HashSet<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
      return out;
    }
  }

  // ---- what devices report

  /** A reported value and when it last changed. */
  public record Reported(String value, Instant changedAt) {}

  /** The named parameters of these devices: device id → parameter → value. */
  public Map<Long, Map<String, Reported>> reported(
      Collection<Long> deviceIds, Collection<String> names) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select device_id, name, value, changed_at from device_parameter"
                    + " where device_id = any(?) and name = any(?)")) {
      s.setArray(1, c.createArrayOf("bigint", deviceIds.toArray()));
      s.setArray(2, c.createArrayOf("text", names.toArray()));
      Map<Long, Map<String, Reported>> out = new HashMap<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.computeIfAbsent(r.getLong(1), k -> new HashMap<>())
              .put(r.getString(2), new Reported(r.getString(3), r.getTimestamp(4).toInstant()));
        }
      }
      return out;
    }
  }

  // ---- SIP accounts

  private static final String ACCOUNT_COLUMNS =
      "id, server, user_id, auth_id, password, display_name, mac, line";

  public List<SipAccount> accounts() throws SQLException {
    return queryAccounts(
        "select " + ACCOUNT_COLUMNS + " from sip_account order by server, user_id", null);
  }

  public List<SipAccount> accountsOf(String mac) throws SQLException {
    return queryAccounts(
        "select " + ACCOUNT_COLUMNS + " from sip_account where mac = ? order by line", mac);
  }

  public Optional<SipAccount> account(long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select " + ACCOUNT_COLUMNS + " from sip_account where id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(account(r)) : Optional.empty();
      }
    }
  }

  /** The accounts assigned to these MACs, by MAC. */
  public Map<String, List<SipAccount>> assignedAccounts(Collection<String> macs)
      throws SQLException {
    Map<String, List<SipAccount>> out = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select " + ACCOUNT_COLUMNS + " from sip_account where mac = any(?)")) {
      s.setArray(1, c.createArrayOf("text", macs.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          SipAccount a = account(r);
          out.computeIfAbsent(a.mac(), k -> new ArrayList<>()).add(a);
        }
      }
    }
    return out;
  }

  /** Empty if (server, user id) is taken. */
  public Optional<Long> insertAccount(SipAccount a) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into sip_account (server, user_id, auth_id, password, display_name, mac,"
                    + " line) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning id")) {
      bindAccount(s, a);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  public void updateAccount(SipAccount a) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "update sip_account set server = ?, user_id = ?, auth_id = ?, password = ?,"
                    + " display_name = ?, mac = ?, line = ? where id = ?")) {
      bindAccount(s, a);
      s.setLong(8, a.id());
      s.executeUpdate();
    }
  }

  public void deleteAccount(long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("delete from sip_account where id = ?")) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }

  /** The account on a device's line, other than {@code exceptId}. */
  public Optional<SipAccount> accountOnLine(String mac, int line, long exceptId)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select "
                    + ACCOUNT_COLUMNS
                    + " from sip_account where mac = ? and line = ? and id <> ?")) {
      s.setString(1, mac);
      s.setInt(2, line);
      s.setLong(3, exceptId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(account(r)) : Optional.empty();
      }
    }
  }

  public boolean accountTaken(String server, String userId, long exceptId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select 1 from sip_account where server = ? and user_id = ? and id <> ?")) {
      s.setString(1, server);
      s.setString(2, userId);
      s.setLong(3, exceptId);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** A line as a phone reports it, with the account the pool assigned to it (if any). */
  public record LineRow(
      long deviceId,
      String deviceKey,
      String mac,
      int line,
      String status,
      Instant statusChangedAt,
      Instant lastInform,
      Long accountId,
      String server,
      String userId) {}

  /**
   * Every line some phone reported a status for, and every assigned account's line, fleet-wide.
   * {@code status} is null for an assigned line the phone never reported.
   */
  public List<LineRow> lines(String statusFilter, String deviceKey, String mac, int limit)
      throws SQLException {
    String sql =
        """
        with reported as (
          select dp.device_id, cast(substring(dp.name from 'VoiceProfile\\.([0-9]+)\\.') as int) as line,
                 dp.value as status, dp.changed_at
          from device_parameter dp
          where dp.name like 'Device.Services.VoiceService.1.VoiceProfile.%.Line.1.Status'
        ), devices as (
          select d.id, d.device_key, coalesce(p.mac, d.mac) as mac, d.last_inform
          from device d left join device_profile p on p.device_id = d.id
        ), assigned as (
          select dv.id as device_id, a.line, a.id as account_id, a.server, a.user_id
          from sip_account a join devices dv on dv.mac = a.mac
        )
        select dv.id, dv.device_key, dv.mac, coalesce(r.line, a.line), r.status, r.changed_at,
               dv.last_inform, a.account_id, a.server, a.user_id
        from reported r
        full join assigned a on a.device_id = r.device_id and a.line = r.line
        join devices dv on dv.id = coalesce(r.device_id, a.device_id)
        where (?::text is null or coalesce(r.status, 'Unknown') = ?)
          and (?::text is null or dv.device_key = ? or dv.mac = ?)
        order by dv.device_key, 4
        limit ?
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, statusFilter);
      s.setString(2, statusFilter);
      s.setString(3, deviceKey);
      s.setString(4, deviceKey);
      s.setString(5, mac);
      s.setInt(6, limit);
      List<LineRow> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long accountId = r.getLong(8);
          Long account = r.wasNull() ? null : accountId;
          out.add(
              new LineRow(
                  r.getLong(1),
                  r.getString(2),
                  r.getString(3),
                  r.getInt(4),
                  r.getString(5),
                  instant(r.getTimestamp(6)),
                  instant(r.getTimestamp(7)),
                  account,
                  r.getString(9),
                  r.getString(10)));
        }
      }
      return out;
    }
  }

  // ---- helpers

  private List<SipAccount> queryAccounts(String sql, String mac) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      if (mac != null) {
        s.setString(1, mac);
      }
      List<SipAccount> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(account(r));
        }
      }
      return out;
    }
  }

  private static void bindAccount(PreparedStatement s, SipAccount a) throws SQLException {
    s.setString(1, a.server());
    s.setString(2, a.userId());
    s.setString(3, a.authId());
    s.setString(4, a.password());
    s.setString(5, a.displayName());
    s.setString(6, a.mac());
    if (a.line() == null) {
      s.setNull(7, java.sql.Types.SMALLINT);
    } else {
      s.setInt(7, a.line());
    }
  }

  private static SipAccount account(ResultSet r) throws SQLException {
    int line = r.getInt(8);
    return new SipAccount(
        r.getLong(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        r.getString(7),
        r.wasNull() ? null : line);
  }

  private boolean exists(String sql, String text, long id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, text);
      s.setLong(2, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private Template template(ResultSet r) throws SQLException {
    return new Template(
        r.getLong(1),
        r.getString(2),
        Scope.parse(r.getString(3)).orElseThrow(),
        r.getString(4),
        sorted(fromJson(r.getString(5))),
        r.getTimestamp(6).toInstant(),
        r.getString(7));
  }

  private DeviceTarget target(ResultSet r) throws SQLException {
    long id = r.getLong(1);
    Long deviceId = r.wasNull() ? null : id;
    return new DeviceTarget(
        deviceId,
        r.getString(2),
        r.getString(3),
        r.getString(4),
        nonNull(r.getString(5)),
        nonNull(r.getString(6)),
        nonNull(r.getString(7)),
        fromJson(r.getString(8)),
        r.getString(9));
  }

  static Map<String, String> sorted(Map<String, String> pvalues) {
    Map<String, String> out = new TreeMap<>(PValueCatalog.BY_NUMBER);
    out.putAll(pvalues);
    return out;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  String toJson(Map<String, String> map) {
    try {
      return json.writeValueAsString(new LinkedHashMap<>(map));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  Map<String, String> fromJson(String text) {
    if (text == null) {
      return Map.of();
    }
    try {
      return json.readValue(text, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not a map of strings: " + text, e);
    }
  }
}
