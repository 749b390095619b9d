package io.cradle.cwmp.message;

import java.util.List;

/** GetParameterValues: full names or partial paths ending in '.'. */
public record GetParameterValues(List<String> names)
    implements AcsRequest<GetParameterValuesResponse> {

  public GetParameterValues {
    names = List.copyOf(names);
  }
}
