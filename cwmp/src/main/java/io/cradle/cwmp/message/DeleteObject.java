package io.cradle.cwmp.message;

import java.util.Objects;

/** DeleteObject: {@code objectName} is an instance path ending in '.'. */
public record DeleteObject(String objectName, String parameterKey)
    implements AcsRequest<DeleteObjectResponse> {

  public DeleteObject {
    Objects.requireNonNull(objectName, "ObjectName");
    parameterKey = Objects.requireNonNullElse(parameterKey, "");
  }
}
