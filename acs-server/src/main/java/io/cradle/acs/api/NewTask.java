package io.cradle.acs.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A task for one device: the RPC ({@code kind}, e.g. {@code GetParameterValues}, and its fields in
 * {@code request}), optional expiry and attempt limit, and whether to knock on the device now.
 */
public record NewTask(
    String kind,
    JsonNode request,
    Instant expiresAt,
    Integer maxAttempts,
    Boolean connectionRequest) {}
