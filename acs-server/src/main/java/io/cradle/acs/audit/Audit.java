package io.cradle.acs.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The audit log: who did what, when, to which targets, with the values before and after. Rows are
 * only ever added (the database refuses UPDATE and DELETE on {@code audit_event}).
 *
 * <p>{@link #record} joins the caller's transaction, so a change and its audit row commit or roll
 * back together; called outside a transaction it writes the row in its own.
 */
@ApplicationScoped
public class Audit {

  /** The actor for what the ACS does by itself (first-run admin, configured password). */
  public static final String SYSTEM = "system";

  private final EntityManager em;
  private final ObjectMapper json;
  private final Clock clock;

  @Inject
  public Audit(EntityManager em, ObjectMapper json, Clock clock) {
    this.em = em;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Records one action. {@code before} and {@code after} are any values Jackson can write (records,
   * maps, lists), or null where there is nothing to show.
   */
  @Transactional
  public void record(
      String actor, String action, AuditTargets targets, Object before, Object after) {
    record(actor, action, targets, before, after, null);
  }

  @Transactional
  public void record(
      String actor,
      String action,
      AuditTargets targets,
      Object before,
      Object after,
      String detail) {
    em.createNativeQuery(
            "insert into audit_event"
                + " (at, actor, action, target_type, target_ids, device_ids, before, after, detail)"
                + " values (?1, ?2, ?3, ?4, cast(?5 as text[]), cast(?6 as bigint[]),"
                + " cast(?7 as jsonb), cast(?8 as jsonb), ?9)")
        .setParameter(1, clock.instant())
        .setParameter(2, actor)
        .setParameter(3, action)
        .setParameter(4, targets.type())
        .setParameter(5, textArray(targets.ids()))
        .setParameter(
            6,
            targets.deviceIds().stream()
                .map(String::valueOf)
                .collect(Collectors.joining(",", "{", "}")))
        .setParameter(7, toJson(before))
        .setParameter(8, toJson(after))
        .setParameter(9, detail)
        .executeUpdate();
  }

  private String toJson(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write audit value " + value, e);
    }
  }

  /** A PostgreSQL array literal with every element quoted. */
  static String textArray(List<String> values) {
    return values.stream()
        .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }
}
