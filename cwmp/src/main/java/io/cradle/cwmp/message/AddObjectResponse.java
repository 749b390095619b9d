package io.cradle.cwmp.message;

/** The instance number the CPE chose, and whether the object is applied (0) or pending (1). */
public record AddObjectResponse(long instanceNumber, int status) implements CpeResponse {}
