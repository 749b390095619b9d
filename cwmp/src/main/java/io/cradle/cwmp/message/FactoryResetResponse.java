package io.cradle.cwmp.message;

/** Empty acknowledgement of FactoryReset. */
public record FactoryResetResponse() implements CpeResponse {}
