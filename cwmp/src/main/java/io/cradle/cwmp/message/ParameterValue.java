package io.cradle.cwmp.message;

import io.cradle.cwmp.param.ParameterType;
import java.util.Objects;

/** ParameterValueStruct: a parameter's full name, its value as text, and its xsd type. */
public record ParameterValue(String name, String value, ParameterType type) {

  public ParameterValue {
    name = Objects.requireNonNull(name, "parameter name").trim();
    value = Objects.requireNonNullElse(value, "");
    type = Objects.requireNonNullElse(type, ParameterType.STRING);
  }

  public static ParameterValue string(String name, String value) {
    return new ParameterValue(name, value, ParameterType.STRING);
  }
}
