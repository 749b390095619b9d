package io.cradle.acs.api;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The orders the device list offers. Each is a SQL expression with the device key as tie-breaker,
 * so that a page can continue after its last row (keyset paging) at any depth without OFFSET.
 */
public enum DeviceSort {
  KEY("key", "%s.device_key", "text", false),
  SERIAL("serial", "%s.serial_number", "text", false),
  MODEL("model", "%s.product_class", "text", false),
  SOFTWARE("software", "coalesce(%s.software_version, '')", "text", false),
  LAST_INFORM("lastInform", "%s.last_inform", "timestamptz", true);

  private final String wire;
  private final String expression;
  private final String sqlType;
  private final boolean descending;

  DeviceSort(String wire, String expression, String sqlType, boolean descending) {
    this.wire = wire;
    this.expression = expression;
    this.sqlType = sqlType;
    this.descending = descending;
  }

  public String wire() {
    return wire;
  }

  /** The sort key of the table aliased {@code alias}. */
  String expression(String alias) {
    return expression.formatted(alias);
  }

  String sqlType() {
    return sqlType;
  }

  boolean descending() {
    return descending;
  }

  public static Optional<DeviceSort> parse(String wire) {
    return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
  }

  /** By name, the key order when blank; an unknown name is a 400 naming the choices. */
  public static DeviceSort orDefault(String wire) {
    if (wire == null || wire.isBlank()) {
      return KEY;
    }
    return parse(wire.strip())
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "sort must be one of "
                        + Arrays.stream(values())
                            .map(DeviceSort::wire)
                            .collect(Collectors.joining(", "))
                        + ", was '"
                        + wire
                        + "'"));
  }
}
