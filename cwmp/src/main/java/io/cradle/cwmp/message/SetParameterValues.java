package io.cradle.cwmp.message;

import java.util.List;
import java.util.Objects;

/** SetParameterValues: applied atomically; ParameterKey is stored by the CPE on success. */
public record SetParameterValues(List<ParameterValue> parameters, String parameterKey)
    implements AcsRequest<SetParameterValuesResponse> {

  public SetParameterValues {
    parameters = List.copyOf(parameters);
    parameterKey = Objects.requireNonNullElse(parameterKey, "");
  }
}
