package io.cradle.cwmp.message;

import java.util.List;

/** The attributes asked for. */
public record GetParameterAttributesResponse(List<ParameterAttribute> parameters)
    implements CpeResponse {

  public GetParameterAttributesResponse {
    parameters = List.copyOf(parameters);
  }
}
