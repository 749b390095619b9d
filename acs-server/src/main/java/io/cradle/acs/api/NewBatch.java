package io.cradle.acs.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The same task for every device a selector matches; with {@code dryRun} only how many devices that
 * would be.
 */
public record NewBatch(
    Selector selector,
    String kind,
    JsonNode request,
    Instant expiresAt,
    Integer maxAttempts,
    Boolean connectionRequest,
    Boolean dryRun) {}
