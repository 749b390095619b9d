package io.cradle.cwmp.message;

/**
 * ParameterInfoStruct: a name from GetParameterNames (objects end with '.') and whether it is
 * writable.
 */
public record ParameterInfo(String name, boolean writable) {}
