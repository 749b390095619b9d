package io.cradle.cwmp.message;

import java.util.List;

/** SetParameterAttributesStruct: each change applies only when its *Change flag is set. */
public record SetParameterAttribute(
    String name,
    boolean notificationChange,
    int notification,
    boolean accessListChange,
    List<String> accessList) {

  public SetParameterAttribute {
    accessList = List.copyOf(accessList);
  }
}
