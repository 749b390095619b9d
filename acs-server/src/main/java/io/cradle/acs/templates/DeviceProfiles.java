package io.cradle.acs.templates;

import io.agroal.api.AgroalDataSource;
import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import io.cradle.acs.inventory.InformHook;
import io.cradle.cwmp.message.Inform;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Zero-touch provisioning profiles: devices imported from CSV by MAC (serial, name, site, model,
 * tags, variables) before the phone first boots. A profile is linked to the inventory's device at
 * the device's first Inform (by the MAC its Inform carries in {@code Device.LAN.MACAddress}, or by
 * serial number for a CPE that does not send it), in the Inform's transaction, and its tags are
 * added to the device's.
 */
@ApplicationScoped
public class DeviceProfiles implements InformHook {

  /** Columns with a meaning; any other column is a variable of that name. */
  static final List<String> COLUMNS =
      List.of("mac", "serial", "name", "site", "model", "tags", "config_password");

  private static final String LINK_AT_INFORM =
      """
      with d as (select id, mac, serial_number from device where id = ?)
      update device_profile p set device_id = d.id, updated_at = ?
      from d
      where p.device_id is null and (p.mac = d.mac or p.serial_number = d.serial_number)
      returning p.tags
      """;

  private static final String LINK_IMPORTED =
      """
      update device_profile p set device_id = d.id
      from device d
      where p.mac = any(?) and p.device_id is null
        and (d.mac = p.mac or d.serial_number = p.serial_number)
      """;

  /** Adds tags, keeping the device's order and dropping duplicates. */
  private static final String ADD_TAGS =
      """
      update device set tags = array(
          select t from unnest(tags || ?::text[]) with ordinality as u(t, i) group by t order by min(i))
      where id = ? and not (tags @> ?::text[])
      """;

  /** A row that was refused, with its line in the file. */
  public record RowError(int line, String mac, String error) {}

  /** What an import did, or (with errors) why nothing was imported. */
  public record ImportReport(
      int rows, int created, int updated, int linked, List<RowError> errors) {}

  /** A profile as listed; variables that look like passwords are masked. */
  public record ProfileView(
      String mac,
      String serialNumber,
      String name,
      String site,
      String model,
      List<String> tags,
      Map<String, String> variables,
      boolean configPassword,
      String deviceKey) {}

  private record Profile(
      int line,
      String mac,
      String serial,
      String name,
      String site,
      String model,
      List<String> tags,
      Map<String, String> variables,
      String configPassword) {}

  private final AgroalDataSource dataSource;
  private final TemplateStore store;
  private final Audit audit;
  private final Clock clock;

  @Inject
  public DeviceProfiles(
      AgroalDataSource dataSource, TemplateStore store, Audit audit, Clock clock) {
    this.dataSource = dataSource;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public boolean onInform(Connection c, long deviceId, Inform inform, Instant now)
      throws SQLException {
    List<String> tags = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(LINK_AT_INFORM)) {
      s.setLong(1, deviceId);
      s.setTimestamp(2, Timestamp.from(now));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          for (String t : (String[]) r.getArray(1).getArray()) {
            tags.add(t);
          }
        }
      }
    }
    if (!tags.isEmpty()) {
      addTags(c, deviceId, tags);
    }
    return false;
  }

  /**
   * Imports a CSV (header: mac, serial, name, site, model, tags (';'-separated), config_password,
   * then one column per variable). All rows or none: any bad row refuses the file with every row's
   * error. A row replaces its profile's fields; config_password is kept when the column is missing
   * or the cell empty. Audited as {@code device.import}.
   */
  @Transactional
  public ImportReport importCsv(String actor, String text) throws SQLException {
    if (text == null || text.isBlank()) {
      return refused(
          List.of(
              new RowError(0, "", "the file is empty; the first line must be a header with mac")));
    }
    List<Csv.Row> rows;
    try {
      rows = Csv.parse(text);
    } catch (Csv.CsvException e) {
      return refused(List.of(new RowError(e.line, "", e.getMessage())));
    }
    List<String> header = rows.get(0).fields().stream().map(h -> h.strip()).toList();
    List<RowError> errors = new ArrayList<>();
    Set<String> seenHeaders = new HashSet<>();
    for (String h : header) {
      String key = COLUMNS.contains(h.toLowerCase(Locale.ROOT)) ? h.toLowerCase(Locale.ROOT) : h;
      if (!seenHeaders.add(key)) {
        errors.add(new RowError(1, "", "column '" + h + "' appears twice"));
      } else if (!COLUMNS.contains(key) && !Rendering.VARIABLE_NAME.matcher(h).matches()) {
        errors.add(
            new RowError(
                1,
                "",
                "column '"
                    + h
                    + "' is neither one of "
                    + COLUMNS
                    + " nor a variable name (letters, digits, . _ -)"));
      }
    }
    if (!seenHeaders.contains("mac")) {
      errors.add(
          new RowError(
              1,
              "",
              "the header has no 'mac' column; it must list mac, then any of serial, name, site, model, tags, config_password and variables"));
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    List<Profile> profiles = new ArrayList<>();
    Map<String, Integer> macLines = new HashMap<>();
    Map<String, Integer> serialLines = new HashMap<>();
    for (Csv.Row row : rows.subList(1, rows.size())) {
      List<String> f = row.fields();
      if (f.size() != header.size()) {
        errors.add(
            new RowError(
                row.line(),
                f.isEmpty() ? "" : f.get(0),
                "has " + f.size() + " fields, the header has " + header.size()));
        continue;
      }
      Map<String, String> cells = new LinkedHashMap<>();
      Map<String, String> variables = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        String h = header.get(i);
        String lower = h.toLowerCase(Locale.ROOT);
        if (COLUMNS.contains(lower)) {
          cells.put(lower, f.get(i).strip());
        } else if (!f.get(i).isEmpty()) {
          variables.put(h, f.get(i));
        }
      }
      String rawMac = cells.get("mac");
      String mac = Macs.normalize(rawMac);
      List<String> rowErrors = new ArrayList<>();
      if (!TemplateService.MAC.matcher(mac).matches()) {
        rowErrors.add("MAC '" + rawMac + "' is not 12 hex digits");
      } else if (macLines.containsKey(mac)) {
        rowErrors.add("MAC " + mac + " is also on line " + macLines.get(mac));
      } else {
        macLines.put(mac, row.line());
      }
      String serial = cells.getOrDefault("serial", "");
      if (!serial.isEmpty()) {
        if (serialLines.containsKey(serial)) {
          rowErrors.add("serial " + serial + " is also on line " + serialLines.get(serial));
        } else {
          serialLines.put(serial, row.line());
        }
      }
      List<String> tags =
          new ArrayList<>(
              new LinkedHashSet<>(
                  java.util.Arrays.stream(cells.getOrDefault("tags", "").split(";"))
                      .map(String::strip)
                      .filter(t -> !t.isEmpty())
                      .toList()));
      String password = cells.getOrDefault("config_password", "");
      if (password.length() > 64) {
        rowErrors.add("config_password is longer than 64 characters (the phone's P1359 limit)");
      }
      for (String field : List.of("name", "site", "model")) {
        if (cells.getOrDefault(field, "").length() > 200) {
          rowErrors.add(field + " is longer than 200 characters");
        }
      }
      if (!rowErrors.isEmpty()) {
        errors.add(new RowError(row.line(), rawMac, String.join("; ", rowErrors)));
        continue;
      }
      profiles.add(
          new Profile(
              row.line(),
              mac,
              serial.isEmpty() ? null : serial,
              cells.getOrDefault("name", ""),
              cells.getOrDefault("site", ""),
              cells.getOrDefault("model", "").isEmpty()
                  ? ""
                  : Rendering.normalizeModel(cells.get("model")),
              tags,
              variables,
              password.isEmpty() ? null : password));
    }
    if (profiles.isEmpty() && errors.isEmpty()) {
      errors.add(new RowError(0, "", "the file has a header but no devices"));
    }
    if (errors.isEmpty()) {
      errors.addAll(serialsTakenElsewhere(profiles));
      errors.addAll(unmask(profiles));
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    Instant now = clock.instant();
    int created = 0;
    try (Connection c = dataSource.getConnection()) {
      for (Profile p : profiles) {
        created += upsert(c, p, now) ? 1 : 0;
      }
      List<String> macs = profiles.stream().map(Profile::mac).toList();
      int linked;
      try (PreparedStatement s = c.prepareStatement(LINK_IMPORTED)) {
        s.setArray(1, c.createArrayOf("text", macs.toArray()));
        linked = s.executeUpdate();
      }
      List<Long> deviceIds = new ArrayList<>();
      Map<String, List<String>> tagsByMac = new HashMap<>();
      profiles.forEach(p -> tagsByMac.put(p.mac(), p.tags()));
      try (PreparedStatement s =
          c.prepareStatement(
              "select mac, device_id from device_profile where mac = any(?) and device_id is not null")) {
        s.setArray(1, c.createArrayOf("text", macs.toArray()));
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            deviceIds.add(r.getLong(2));
            if (!tagsByMac.get(r.getString(1)).isEmpty()) {
              addTags(c, r.getLong(2), tagsByMac.get(r.getString(1)));
            }
          }
        }
      }
      ImportReport report =
          new ImportReport(profiles.size(), created, profiles.size() - created, linked, List.of());
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("macs", macs);
      after.put("created", created);
      after.put("updated", profiles.size() - created);
      after.put("linked", linked);
      audit.record(
          actor, "device.import", new AuditTargets("profile", macs, deviceIds), null, after);
      return report;
    }
  }

  /**
   * The profiles and the inventory's devices with a known MAC, as a CSV import takes them;
   * password-like variables masked (imported back, a mask keeps the value).
   */
  public String exportCsv() throws SQLException {
    List<ProfileView> views = list(null, Integer.MAX_VALUE, true);
    Set<String> variableNames = new TreeSet<>();
    views.forEach(v -> variableNames.addAll(v.variables().keySet()));
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>(COLUMNS.subList(0, 6));
    header.addAll(variableNames);
    Csv.append(out, header);
    for (ProfileView v : views) {
      List<String> row = new ArrayList<>();
      row.add(v.mac());
      row.add(v.serialNumber());
      row.add(v.name());
      row.add(v.site());
      row.add(v.model());
      row.add(String.join(";", v.tags()));
      variableNames.forEach(n -> row.add(v.variables().getOrDefault(n, "")));
      Csv.append(out, row);
    }
    return out.toString();
  }

  /**
   * Profiles (with their device's tags once linked), then inventory devices without one; only the
   * one MAC when {@code mac} is not null.
   */
  public List<ProfileView> list(String mac, int limit, boolean maskSecrets) throws SQLException {
    String sql =
        """
        select p.mac, p.serial_number, p.name, p.site, p.model, coalesce(d.tags, p.tags), p.variables,
               p.config_password is not null, d.device_key
        from device_profile p left join device d on d.id = p.device_id
        where (?::text is null or p.mac = ?)
        union all
        select d.mac, d.serial_number, '', '', d.product_class, d.tags, '{}'::jsonb, false, d.device_key
        from device d
        where d.mac is not null and not exists (select 1 from device_profile p where p.device_id = d.id)
          and (?::text is null or d.mac = ?)
        order by 1
        limit ?
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 1; i <= 4; i++) {
        s.setString(i, mac);
      }
      s.setInt(5, limit);
      List<ProfileView> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Map<String, String> variables = new LinkedHashMap<>(store.fromJson(r.getString(7)));
          if (maskSecrets) {
            variables.replaceAll(
                (k, v) -> k.toLowerCase(Locale.ROOT).contains("password") ? TemplateViews.MASK : v);
          }
          out.add(
              new ProfileView(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  r.getString(5),
                  List.of((String[]) r.getArray(6).getArray()),
                  variables,
                  r.getBoolean(8),
                  r.getString(9)));
        }
      }
      return out;
    }
  }

  private List<RowError> serialsTakenElsewhere(List<Profile> profiles) throws SQLException {
    List<RowError> errors = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select mac from device_profile where serial_number = ? and mac <> ?")) {
      for (Profile p : profiles) {
        if (p.serial() == null) {
          continue;
        }
        s.setString(1, p.serial());
        s.setString(2, p.mac());
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            errors.add(
                new RowError(
                    p.line(),
                    p.mac(),
                    "serial " + p.serial() + " belongs to the profile of MAC " + r.getString(1)));
          }
        }
      }
    }
    return errors;
  }

  /**
   * The export masks password-like variables; a masked cell imported back keeps the stored value,
   * so an export can be edited and imported again without knowing the passwords.
   */
  private List<RowError> unmask(List<Profile> profiles) throws SQLException {
    List<RowError> errors = new ArrayList<>();
    for (Profile p : profiles) {
      if (!p.variables().containsValue(TemplateViews.MASK)) {
        continue;
      }
      Map<String, String> stored = Map.of();
      try (Connection c = dataSource.getConnection();
          PreparedStatement s =
              c.prepareStatement("select variables from device_profile where mac = ?")) {
        s.setString(1, p.mac());
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            stored = store.fromJson(r.getString(1));
          }
        }
      }
      for (Map.Entry<String, String> v : p.variables().entrySet()) {
        if (TemplateViews.MASK.equals(v.getValue())) {
          String kept = stored.get(v.getKey());
          if (kept == null) {
            errors.add(
                new RowError(
                    p.line(),
                    p.mac(),
                    v.getKey()
                        + " is "
                        + TemplateViews.MASK
                        + " but the device has no stored value to keep"));
          } else {
            v.setValue(kept);
          }
        }
      }
    }
    return errors;
  }

  /** True if the profile is new. */
  private boolean upsert(Connection c, Profile p, Instant now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            insert into device_profile as p (mac, serial_number, name, site, model, tags, variables,
                config_password, updated_at)
            values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
            on conflict (mac) do update set serial_number = excluded.serial_number,
                name = excluded.name, site = excluded.site, model = excluded.model,
                tags = excluded.tags, variables = excluded.variables,
                config_password = coalesce(excluded.config_password, p.config_password),
                updated_at = excluded.updated_at
            returning (p.xmax = 0)
            """)) {
      s.setString(1, p.mac());
      s.setString(2, p.serial());
      s.setString(3, p.name());
      s.setString(4, p.site());
      s.setString(5, p.model());
      s.setArray(6, c.createArrayOf("text", p.tags().toArray()));
      s.setString(7, store.toJson(p.variables()));
      s.setString(8, p.configPassword());
      s.setTimestamp(9, Timestamp.from(now));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  private static void addTags(Connection c, long deviceId, List<String> tags) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ADD_TAGS)) {
      java.sql.Array array = c.createArrayOf("text", tags.toArray());
      s.setArray(1, array);
      s.setLong(2, deviceId);
      s.setArray(3, array);
      s.executeUpdate();
    }
  }

  private static ImportReport refused(List<RowError> errors) {
    return new ImportReport(0, 0, 0, 0, List.copyOf(errors));
  }
}
