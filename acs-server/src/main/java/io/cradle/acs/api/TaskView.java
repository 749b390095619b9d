package io.cradle.acs.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cradle.acs.tasks.Task;
import io.cradle.acs.tasks.TaskStatus;
import java.time.Instant;
import java.util.UUID;

/** A task and its outcome; {@code request} and {@code result} are the RPC and answer as JSON. */
public record TaskView(
    long id,
    String deviceKey,
    UUID batchId,
    String kind,
    JsonNode request,
    String commandKey,
    TaskStatus status,
    int attempts,
    int maxAttempts,
    Instant notBefore,
    Instant expiresAt,
    Instant createdAt,
    Instant sentAt,
    Instant completedAt,
    Integer faultCode,
    String faultString,
    JsonNode result) {

  /** Shown instead of a transfer's password. */
  public static final String MASK = "********";

  static TaskView of(Task t, String deviceKey, ObjectMapper json) {
    return new TaskView(
        t.id,
        deviceKey,
        t.batchId,
        t.kind,
        masked(tree(json, t.request)),
        t.commandKey,
        t.status,
        t.attempts,
        t.maxAttempts,
        t.notBefore,
        t.expiresAt,
        t.createdAt,
        t.sentAt,
        t.completedAt,
        t.faultCode,
        t.faultString,
        tree(json, t.result));
  }

  /**
   * The request with a Download's or Upload's password masked: an Upload to this ACS carries the
   * device's CWMP credential, which no API caller, page or audit row needs to see.
   */
  private static JsonNode masked(JsonNode request) {
    if (request instanceof ObjectNode o && !o.path("password").asText().isEmpty()) {
      o.put("password", MASK);
    }
    return request;
  }

  private static JsonNode tree(ObjectMapper json, String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("task JSON in the database is unreadable", e);
    }
  }
}
