package io.cradle.cwmp.message;

import java.util.List;

/** GetParameterAttributes for full names or partial paths. */
public record GetParameterAttributes(List<String> names)
    implements AcsRequest<GetParameterAttributesResponse> {

  public GetParameterAttributes {
    names = List.copyOf(names);
  }
}
