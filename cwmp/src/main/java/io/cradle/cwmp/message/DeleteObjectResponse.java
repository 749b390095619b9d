package io.cradle.cwmp.message;

/** Status 0: deleted; 1: deleted when the CPE next applies its configuration. */
public record DeleteObjectResponse(int status) implements CpeResponse {}
