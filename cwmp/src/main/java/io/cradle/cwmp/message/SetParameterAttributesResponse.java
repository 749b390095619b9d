package io.cradle.cwmp.message;

/** Empty acknowledgement of SetParameterAttributes. */
public record SetParameterAttributesResponse() implements CpeResponse {}
