package io.cradle.cwmp.message;

/** One rejected parameter inside a 9003 fault to SetParameterValues. */
public record SetParameterValuesFault(String parameterName, int faultCode, String faultString) {}
