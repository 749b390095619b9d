package io.cradle.cwmp.message;

import java.util.Objects;

/** AddObject: {@code objectName} is a table path ending in '.'. */
public record AddObject(String objectName, String parameterKey)
    implements AcsRequest<AddObjectResponse> {

  public AddObject {
    Objects.requireNonNull(objectName, "ObjectName");
    parameterKey = Objects.requireNonNullElse(parameterKey, "");
  }
}
