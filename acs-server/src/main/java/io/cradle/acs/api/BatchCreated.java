package io.cradle.acs.api;

import java.util.UUID;

/** The tasks a batch created: one per matching device, all with this batch id. */
public record BatchCreated(UUID batchId, int count) {}
