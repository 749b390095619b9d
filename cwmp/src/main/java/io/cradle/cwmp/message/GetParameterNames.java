package io.cradle.cwmp.message;

import java.util.Objects;

/** GetParameterNames: a full name, a partial path ending in '.', or "" for the whole tree. */
public record GetParameterNames(String parameterPath, boolean nextLevel)
    implements AcsRequest<GetParameterNamesResponse> {

  public GetParameterNames {
    parameterPath = Objects.requireNonNullElse(parameterPath, "").trim();
  }
}
