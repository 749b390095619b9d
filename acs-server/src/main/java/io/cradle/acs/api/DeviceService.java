package io.cradle.acs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cradle.acs.alarms.Alarms;
import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import io.cradle.acs.connreq.ConnectionRequestOutcome;
import io.cradle.acs.connreq.ConnectionRequests;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.inventory.DeviceEvent;
import io.cradle.acs.inventory.DeviceParameter;
import io.cradle.acs.security.Times;
import io.cradle.acs.tasks.Task;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Device search, detail and the few device settings an operator edits. */
@ApplicationScoped
public class DeviceService {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** A search counts its matches up to here; the dashboard shows "10,000+" beyond. */
  public static final long COUNT_CAP = 10_000;

  private static final int RECENT = 20;
  private static final int MAX_TAG_LENGTH = 64;

  private final EntityManager em;
  private final ObjectMapper json;
  private final Audit audit;
  private final Clock clock;
  private final ConnectionRequests connectionRequests;
  private final Alarms alarms;

  @Inject
  public DeviceService(
      EntityManager em,
      ObjectMapper json,
      Audit audit,
      Clock clock,
      ConnectionRequests connectionRequests,
      Alarms alarms) {
    this.em = em;
    this.json = json;
    this.audit = audit;
    this.clock = clock;
    this.connectionRequests = connectionRequests;
    this.alarms = alarms;
  }

  /**
   * Knocks on the device now and answers with the outcome (within a few seconds). Audited as {@code
   * device.connection-request} with the outcome; the knock is not transactional, so its audit row
   * follows it.
   */
  public ConnectionRequestOutcome connectionRequest(String actor, String deviceKey) {
    long deviceId = idOf(deviceKey);
    ConnectionRequestOutcome outcome =
        connectionRequests
            .send(deviceKey)
            .orElseThrow(() -> ApiException.notFound("no device with key '" + deviceKey + "'"));
    audit.record(
        actor,
        "device.connection-request",
        AuditTargets.device(deviceId, deviceKey),
        null,
        null,
        outcome.text());
    return outcome;
  }

  /** Offset paging, for API callers that count pages; the dashboard pages by cursor. */
  @Transactional
  public DevicePage search(DeviceFilter filter, int limit, int offset) {
    return search(filter, DeviceSort.KEY, null, null, limit, offset);
  }

  /**
   * One page of matching devices in {@code sort} order: the first, the one after the device keyed
   * {@code after}, or the one before the device keyed {@code before} (keyset paging: as fast at the
   * 100,000th device as at the first). {@code offset} is only allowed without a cursor.
   */
  @Transactional
  public DevicePage search(
      DeviceFilter filter, DeviceSort sort, String after, String before, int limit, int offset) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (offset < 0) {
      throw ApiException.badRequest("offset cannot be negative, was " + offset);
    }
    after = blankToNull(after);
    before = blankToNull(before);
    if (after != null && before != null) {
      throw ApiException.badRequest("give after or before, not both");
    }
    if ((after != null || before != null) && offset != 0) {
      throw ApiException.badRequest("offset cannot be combined with after or before");
    }
    Instant now = clock.instant();
    DeviceFilter.Sql sql = filter.toSql(now);
    String cursor = after != null ? after : before;
    boolean backwards = before != null;
    // Walking backwards reads the order reversed from the cursor, then turns the rows round.
    boolean descending = sort.descending() != backwards;
    String direction = descending ? " desc" : "";
    String expr = sort.expression("d");
    StringBuilder query = new StringBuilder("select d.* from device d").append(sql.where());
    Map<String, Object> parameters = new HashMap<>(sql.parameters());
    boolean byKey = sort == DeviceSort.KEY;
    if (cursor != null) {
      // Also refuses a cursor whose device is gone.
      String value = cursorValue(sort, cursor);
      // A row comparison the index on (sort key, device key) answers directly.
      query.append(" and (");
      if (!byKey) {
        query.append(expr).append(", ");
      }
      query.append("d.device_key) ").append(descending ? "<" : ">").append(" (");
      if (!byKey) {
        query.append("cast(:cursorValue as ").append(sort.sqlType()).append("), ");
        parameters.put("cursorValue", value);
      }
      query.append(":cursorKey)");
      parameters.put("cursorKey", cursor);
    }
    query.append(" order by ");
    if (!byKey) {
      query.append(expr).append(direction).append(", ");
    }
    query.append("d.device_key").append(direction).append(" limit :limit offset :offset");
    Query page = em.createNativeQuery(query.toString(), Device.class);
    parameters.forEach(page::setParameter);
    page.setParameter("limit", limit + 1).setParameter("offset", offset);
    @SuppressWarnings("unchecked")
    List<Device> rows = new ArrayList<>(page.getResultList());
    boolean more = rows.size() > limit;
    if (more) {
      rows.remove(limit);
    }
    if (backwards) {
      Collections.reverse(rows);
    }
    Map<Long, List<String>> alarms = openAlarms(rows.stream().map(d -> d.id).toList());
    List<DeviceSummary> items =
        rows.stream()
            .map(d -> DeviceSummary.of(d, now, alarms.getOrDefault(d.id, List.of())))
            .toList();
    String first = items.isEmpty() ? null : items.get(0).deviceKey();
    String last = items.isEmpty() ? null : items.get(items.size() - 1).deviceKey();
    String next = backwards ? (items.isEmpty() ? null : last) : (more ? last : null);
    String previous =
        backwards ? (more ? first : null) : (after != null || offset > 0 ? first : null);
    // A first page that holds every match has counted them already.
    long total = cursor == null && offset == 0 && !more ? items.size() : cappedCount(sql);
    return new DevicePage(
        items, Math.min(total, COUNT_CAP), total > COUNT_CAP, limit, offset, next, previous);
  }

  /** Counts up to one more than the cap, so a page never counts 100,000 rows. */
  private long cappedCount(DeviceFilter.Sql sql) {
    Query count =
        em.createNativeQuery(
            "select count(*) from (select 1 from device d"
                + sql.where()
                + " limit "
                + (COUNT_CAP + 1)
                + ") matching");
    sql.parameters().forEach(count::setParameter);
    return ((Number) count.getSingleResult()).longValue();
  }

  private String cursorValue(DeviceSort sort, String deviceKey) {
    @SuppressWarnings("unchecked")
    List<String> values =
        em.createNativeQuery(
                "select cast("
                    + sort.expression("d")
                    + " as text) from device d where d.device_key = :key")
            .setParameter("key", deviceKey)
            .getResultList();
    if (values.isEmpty()) {
      throw ApiException.badRequest(
          "there is no device '" + deviceKey + "' to page from any more; start at the first page");
    }
    return values.get(0);
  }

  /** The kinds of the open alarms of these devices, critical first. */
  private Map<Long, List<String>> openAlarms(List<Long> deviceIds) {
    if (deviceIds.isEmpty()) {
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select device_id, kind from alarm where cleared_at is null"
                    + " and device_id in (:ids)"
                    + " order by case severity when 'critical' then 0 when 'major' then 1 else 2"
                    + " end, kind")
            .setParameter("ids", deviceIds)
            .getResultList();
    Map<Long, List<String>> byDevice = new HashMap<>();
    for (Object[] r : rows) {
      byDevice
          .computeIfAbsent(((Number) r[0]).longValue(), id -> new ArrayList<>())
          .add((String) r[1]);
    }
    return byDevice;
  }

  /** The fleet right now: devices online, offline, and those that informed since {@code since}. */
  public record FleetCounts(long online, long offline, long informedSince) {}

  @Transactional
  public FleetCounts counts(Instant since) {
    Map<String, Object> parameters = new HashMap<>();
    String online = DeviceFilter.onlineCondition(parameters, clock.instant());
    Query count =
        em.createNativeQuery(
            "select count(*) filter (where "
                + online
                + "), count(*) filter (where not "
                + online
                + "), count(*) filter (where d.last_inform > :since) from device d");
    parameters.forEach(count::setParameter);
    count.setParameter("since", since);
    Object[] r = (Object[]) count.getSingleResult();
    return new FleetCounts(
        ((Number) r[0]).longValue(), ((Number) r[1]).longValue(), ((Number) r[2]).longValue());
  }

  /** Ids of every device the filter matches. */
  @Transactional
  public List<Long> select(DeviceFilter filter) {
    DeviceFilter.Sql sql = filter.toSql(clock.instant());
    Query ids = em.createNativeQuery("select d.id from device d" + sql.where() + " order by d.id");
    sql.parameters().forEach(ids::setParameter);
    @SuppressWarnings("unchecked")
    List<Number> found = ids.getResultList();
    return found.stream().map(Number::longValue).toList();
  }

  /**
   * Writes the matching devices as CSV, row by row from a server-side cursor, so exporting the
   * whole fleet holds one fetch of rows in memory, not the fleet.
   */
  @Transactional
  public void exportCsv(DeviceFilter filter, DeviceSort sort, Writer out) throws IOException {
    Instant now = clock.instant();
    DeviceFilter.Sql sql = filter.toSql(now);
    String direction = sort.descending() ? " desc" : "";
    Query rows =
        em.createNativeQuery(
                "select d.device_key, d.serial_number, d.mac, d.product_class,"
                    + " d.software_version, d.ip_address, d.last_inform,"
                    + " d.periodic_inform_interval, array_to_string(d.tags, ' '),"
                    + " (select string_agg(a.kind, ' ' order by a.kind) from alarm a"
                    + " where a.device_id = d.id and a.cleared_at is null)"
                    + " from device d"
                    + sql.where()
                    + " order by "
                    + sort.expression("d")
                    + direction
                    + ", d.device_key"
                    + direction)
            .setHint("org.hibernate.fetchSize", 1000);
    sql.parameters().forEach(rows::setParameter);
    out.write(
        "device_key,serial_number,mac,model,software_version,ip_address,last_inform,online,tags,"
            + "alarms\r\n");
    try (Stream<?> stream = rows.getResultStream()) {
      for (Iterator<?> it = stream.iterator(); it.hasNext(); ) {
        Object[] r = (Object[]) it.next();
        Device d = new Device();
        d.lastInform = Times.instant(r[6]);
        d.periodicInformInterval = r[7] == null ? null : ((Number) r[7]).intValue();
        out.write(
            Csv.row(
                (String) r[0],
                (String) r[1],
                (String) r[2],
                (String) r[3],
                (String) r[4],
                (String) r[5],
                d.lastInform == null ? "" : d.lastInform.toString(),
                d.isOnline(now) ? "online" : "offline",
                (String) r[8],
                (String) r[9]));
      }
    }
  }

  /**
   * Adds a tag to every matching device that lacks it, in one statement. Audited as {@code
   * device.tags} with the tag added and every device it was added to.
   */
  @Transactional
  public int addTag(String actor, DeviceFilter filter, String tag, boolean all) {
    String t = checkedTag(tag);
    refuseWholeFleetByAccident(filter, all);
    DeviceFilter.Sql sql = filter.toSql(clock.instant());
    Query update =
        em.createNativeQuery(
            "update device d set tags = array_append(d.tags, :newTag)"
                + sql.where()
                + " and not (:newTag = any(d.tags)) returning d.id");
    sql.parameters().forEach(update::setParameter);
    update.setParameter("newTag", t);
    @SuppressWarnings("unchecked")
    List<Number> touched = update.getResultList();
    List<Long> ids = touched.stream().map(Number::longValue).toList();
    audit.record(
        actor,
        "device.tags",
        new AuditTargets("devices", List.of(), ids),
        null,
        Map.of("added", t, "devices", ids.size()));
    return ids.size();
  }

  /**
   * The devices a selection's connection requests go to, audited as {@code
   * device.connection-request} (one row for the selection) before they are knocked on.
   */
  @Transactional
  public List<Long> connectionRequestsFor(String actor, DeviceFilter filter, boolean all) {
    refuseWholeFleetByAccident(filter, all);
    List<Long> ids = select(filter);
    audit.record(
        actor,
        "device.connection-request",
        new AuditTargets("devices", List.of(), ids),
        null,
        Map.of("devices", ids.size()),
        "queued for " + ids.size() + " device(s)");
    return ids;
  }

  static void refuseWholeFleetByAccident(DeviceFilter filter, boolean all) {
    if (filter.selectsAll() && !all) {
      throw ApiException.badRequest(
          "the selection matches every device; give devices, tag, productClass,"
              + " softwareVersion, query, online or alarm, or \"all\": true if every device is"
              + " meant");
    }
  }

  @Transactional
  public DeviceDetail detail(String deviceKey) {
    Device d = find(deviceKey);
    List<ParameterView> parameters =
        DeviceParameter.ofDevice(d.id).stream().map(ParameterView::of).toList();
    List<EventView> events = DeviceEvent.recent(d.id, RECENT).stream().map(EventView::of).toList();
    List<TaskView> tasks =
        Task.ofDevice(d.id, RECENT).stream().map(t -> TaskView.of(t, d.deviceKey, json)).toList();
    return new DeviceDetail(
        d.deviceKey,
        d.oui,
        d.productClass,
        d.serialNumber,
        d.manufacturer,
        d.mac,
        d.softwareVersion,
        d.hardwareVersion,
        d.provisioningCode,
        d.ipAddress,
        d.connectionRequestUrl,
        d.crUsername != null,
        d.lastCrAt,
        d.lastCrOutcome,
        d.periodicInformInterval,
        d.tags == null ? List.of() : List.of(d.tags),
        d.firstSeen,
        d.lastInform,
        d.lastBoot,
        d.lastEvents,
        d.isOnline(clock.instant()),
        d.poorWifiDbm,
        alarms.poorWifiDbm(d.poorWifiDbm),
        parameters,
        events,
        tasks);
  }

  /**
   * Replaces the device's tags; blanks are refused, duplicates dropped, order kept. Audited as
   * {@code device.tags} with the tags before and after.
   */
  @Transactional
  public Tags setTags(String actor, String deviceKey, Tags body) {
    if (body == null || body.tags() == null) {
      throw ApiException.badRequest("give the tags as {\"tags\": [\"floor-2\", ...]}");
    }
    Set<String> tags = new LinkedHashSet<>();
    for (String tag : body.tags()) {
      tags.add(checkedTag(tag));
    }
    Device d = find(deviceKey);
    Tags before = new Tags(d.tags == null ? List.of() : List.of(d.tags));
    d.tags = tags.toArray(String[]::new);
    Tags after = new Tags(List.copyOf(tags));
    audit.record(actor, "device.tags", AuditTargets.device(d.id, d.deviceKey), before, after);
    return after;
  }

  /**
   * Changes the device's own settings: {@code {"poorWifiDbm": -70}} (null: the fleet's threshold
   * again). Audited as {@code device.settings} with before and after; the device's last reported
   * signal is judged against the new threshold at once.
   */
  @Transactional
  public DeviceDetail changeSettings(String actor, String deviceKey, JsonNode body)
      throws SQLException {
    if (body == null || !body.isObject() || body.isEmpty()) {
      throw ApiException.badRequest("give the settings to change, e.g. {\"poorWifiDbm\": -70}");
    }
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals("poorWifiDbm")) {
        throw ApiException.badRequest(
            "'" + name + "' is not a device setting; the one there is: poorWifiDbm");
      }
    }
    JsonNode dbm = body.get("poorWifiDbm");
    if (!dbm.isNull() && !(dbm.isIntegralNumber() && dbm.canConvertToInt())) {
      throw ApiException.badRequest(
          "poorWifiDbm must be a whole number of dBm or null, was " + dbm.toString());
    }
    Integer own = dbm.isNull() ? null : dbm.intValue();
    alarms.checkPoorWifiDbm(own);
    Device d = find(deviceKey);
    Map<String, Object> before = Collections.singletonMap("poorWifiDbm", d.poorWifiDbm);
    d.poorWifiDbm = own;
    alarms.rejudge(d.id, own, clock.instant());
    audit.record(
        actor,
        "device.settings",
        AuditTargets.device(d.id, d.deviceKey),
        before,
        Collections.singletonMap("poorWifiDbm", own));
    return detail(deviceKey);
  }

  /** Audited as {@code device.cr-credential}, with the user names only, never the passwords. */
  @Transactional
  public void setConnectionRequestCredential(
      String actor, String deviceKey, ConnectionRequestCredential credential) {
    if (credential == null) {
      throw ApiException.badRequest(
          "give {\"username\": ..., \"password\": ...}, or a null username for the fleet default");
    }
    Device d = find(deviceKey);
    Map<String, Object> before = crState(d);
    boolean own = credential.username() != null && !credential.username().isEmpty();
    d.crUsername = own ? credential.username() : null;
    d.crPassword = own ? (credential.password() == null ? "" : credential.password()) : null;
    audit.record(
        actor, "device.cr-credential", AuditTargets.device(d.id, d.deviceKey), before, crState(d));
  }

  /** The device's id, or 404. */
  @Transactional
  public long idOf(String deviceKey) {
    return find(deviceKey).id;
  }

  private static String checkedTag(String tag) {
    if (tag == null || tag.isBlank() || tag.strip().length() > MAX_TAG_LENGTH) {
      throw ApiException.badRequest(
          "a tag must be 1 to " + MAX_TAG_LENGTH + " characters, was '" + tag + "'");
    }
    return tag.strip();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static Map<String, Object> crState(Device d) {
    return d.crUsername == null
        ? Map.of("fleetDefault", true)
        : Map.of("fleetDefault", false, "username", d.crUsername);
  }

  private static Device find(String deviceKey) {
    return Device.findByKey(deviceKey)
        .orElseThrow(() -> ApiException.notFound("no device with key '" + deviceKey + "'"));
  }
}
