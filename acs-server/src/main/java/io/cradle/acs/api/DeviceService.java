package io.cradle.acs.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cradle.acs.audit.Audit;
import io.cradle.acs.audit.AuditTargets;
import io.cradle.acs.inventory.Device;
import io.cradle.acs.inventory.DeviceEvent;
import io.cradle.acs.inventory.DeviceParameter;
import io.cradle.acs.tasks.Task;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Device search, detail and the few device settings an operator edits. */
@ApplicationScoped
public class DeviceService {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  private static final int RECENT = 20;
  private static final int MAX_TAG_LENGTH = 64;

  private final EntityManager em;
  private final ObjectMapper json;
  private final Audit audit;
  private final Clock clock;

  @Inject
  public DeviceService(EntityManager em, ObjectMapper json, Audit audit, Clock clock) {
    this.em = em;
    this.json = json;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public DevicePage search(DeviceFilter filter, int limit, int offset) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (offset < 0) {
      throw ApiException.badRequest("offset cannot be negative, was " + offset);
    }
    Instant now = clock.instant();
    DeviceFilter.Sql sql = filter.toSql(now);
    Query count = em.createNativeQuery("select count(*) from device d" + sql.where());
    sql.parameters().forEach(count::setParameter);
    Query page =
        em.createNativeQuery(
            "select d.* from device d"
                + sql.where()
                + " order by d.device_key limit :limit offset :offset",
            Device.class);
    sql.parameters().forEach(page::setParameter);
    page.setParameter("limit", limit).setParameter("offset", offset);
    @SuppressWarnings("unchecked")
    List<Device> devices = page.getResultList();
    return new DevicePage(
        devices.stream().map(d -> DeviceSummary.of(d, now)).toList(),
        ((Number) count.getSingleResult()).longValue(),
        limit,
        offset);
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
      if (tag == null || tag.isBlank() || tag.strip().length() > MAX_TAG_LENGTH) {
        throw ApiException.badRequest(
            "a tag must be 1 to " + MAX_TAG_LENGTH + " characters, was '" + tag + "'");
      }
      tags.add(tag.strip());
    }
    Device d = find(deviceKey);
    Tags before = new Tags(d.tags == null ? List.of() : List.of(d.tags));
    d.tags = tags.toArray(String[]::new);
    Tags after = new Tags(List.copyOf(tags));
    audit.record(actor, "device.tags", AuditTargets.device(d.id, d.deviceKey), before, after);
    return after;
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
