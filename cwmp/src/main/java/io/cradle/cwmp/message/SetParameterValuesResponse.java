package io.cradle.cwmp.message;

/** Status 0: applied; 1: committed, applied later (e.g. after a reboot). */
public record SetParameterValuesResponse(int status) implements CpeResponse {}
