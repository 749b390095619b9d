package io.cradle.acs.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cradle.acs.security.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the audit log: newest first, filtered by device, actor and action. */
@ApplicationScoped
public class AuditLog {

  /** What to show; null fields do not filter. */
  public record Filter(Long deviceId, String actor, String action) {}

  private final EntityManager em;
  private final ObjectMapper json;

  @Inject
  public AuditLog(EntityManager em, ObjectMapper json) {
    this.em = em;
    this.json = json;
  }

  /** The id of the device with this key, if there is one. */
  @Transactional
  public java.util.Optional<Long> deviceId(String deviceKey) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery("select id from device where device_key = ?1")
            .setParameter(1, deviceKey)
            .getResultList();
    return ids.stream().findFirst().map(Number::longValue);
  }

  @Transactional
  public AuditPage search(Filter filter, int limit, int offset) {
    List<String> where = new ArrayList<>();
    Map<String, Object> parameters = new HashMap<>();
    if (filter.deviceId() != null) {
      where.add("device_ids @> cast(:device as bigint[])");
      parameters.put("device", "{" + filter.deviceId() + "}");
    }
    if (filter.actor() != null) {
      // A user's own actions and those of the user's tokens.
      where.add("(actor = :actor or actor like :actorToken)");
      parameters.put("actor", filter.actor());
      parameters.put("actorToken", likeEscaped(filter.actor()) + " via token %");
    }
    if (filter.action() != null) {
      // "task" finds task.create and task.cancel; "task.create" only that.
      where.add("(action = :action or action like :actionPrefix)");
      parameters.put("action", filter.action());
      parameters.put("actionPrefix", likeEscaped(filter.action()) + ".%");
    }
    String clause = where.isEmpty() ? "" : " where " + String.join(" and ", where);
    Query count = em.createNativeQuery("select count(*) from audit_event" + clause);
    parameters.forEach(count::setParameter);
    Query page =
        em.createNativeQuery(
            "select id, at, actor, action, target_type, array_to_json(target_ids)::text,"
                + " array_to_json(device_ids)::text, before::text, after::text, detail"
                + " from audit_event"
                + clause
                + " order by id desc limit :limit offset :offset");
    parameters.forEach(page::setParameter);
    page.setParameter("limit", limit).setParameter("offset", offset);
    @SuppressWarnings("unchecked")
    List<Object[]> rows = page.getResultList();
    return new AuditPage(
        rows.stream().map(this::view).toList(),
        ((Number) count.getSingleResult()).longValue(),
        limit,
        offset);
  }

  private AuditEventView view(Object[] r) {
    try {
      return new AuditEventView(
          ((Number) r[0]).longValue(),
          Times.instant(r[1]),
          (String) r[2],
          (String) r[3],
          (String) r[4],
          json.readValue((String) r[5], new TypeReference<List<String>>() {}),
          json.readValue((String) r[6], new TypeReference<List<Long>>() {}),
          node(r[7]),
          node(r[8]),
          (String) r[9]);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable audit row " + r[0], e);
    }
  }

  private JsonNode node(Object text) throws JsonProcessingException {
    return text == null ? null : json.readTree((String) text);
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
