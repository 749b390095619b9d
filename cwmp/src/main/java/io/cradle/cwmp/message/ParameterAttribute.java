package io.cradle.cwmp.message;

import java.util.List;

/**
 * ParameterAttributeStruct: notification (0 off, 1 passive, 2 active, 3-6 lightweight) and access
 * list.
 */
public record ParameterAttribute(String name, int notification, List<String> accessList) {

  public ParameterAttribute {
    accessList = List.copyOf(accessList);
  }
}
