package io.cradle.cwmp.message;

import java.util.List;

/** SetParameterAttributes: change notification and/or access lists. */
public record SetParameterAttributes(List<SetParameterAttribute> parameters)
    implements AcsRequest<SetParameterAttributesResponse> {

  public SetParameterAttributes {
    parameters = List.copyOf(parameters);
  }
}
