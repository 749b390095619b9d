package io.cradle.cwmp.message;

import java.util.List;

/** The names found under the requested path. */
public record GetParameterNamesResponse(List<ParameterInfo> parameters) implements CpeResponse {

  public GetParameterNamesResponse {
    parameters = List.copyOf(parameters);
  }
}
