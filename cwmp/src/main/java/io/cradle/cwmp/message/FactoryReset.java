package io.cradle.cwmp.message;

/** FactoryReset: the CPE comes back with {@code 0 BOOTSTRAP}. */
public record FactoryReset() implements AcsRequest<FactoryResetResponse> {}
