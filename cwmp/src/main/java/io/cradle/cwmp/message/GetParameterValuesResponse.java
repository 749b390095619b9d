package io.cradle.cwmp.message;

import java.util.List;

/** The values asked for, partial paths expanded. */
public record GetParameterValuesResponse(List<ParameterValue> parameters) implements CpeResponse {

  public GetParameterValuesResponse {
    parameters = List.copyOf(parameters);
  }
}
