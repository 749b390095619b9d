package io.cradle.acs.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** One audit log entry as the API shows it. */
public record AuditEventView(
    long id,
    Instant at,
    String actor,
    String action,
    String targetType,
    List<String> targetIds,
    List<Long> deviceIds,
    JsonNode before,
    JsonNode after,
    String detail) {}
