package io.cradle.acs.api;

import io.cradle.acs.inventory.Device;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A selection of devices, as SQL over {@code device d}: the search box ({@code query}: serial
 * number, device key or MAC substring), online, open alarm, tag, model, firmware, and an explicit
 * list of device keys (a selection ticked on the dashboard). Null fields do not restrict.
 */
public record DeviceFilter(
    String query,
    Boolean online,
    String tag,
    String productClass,
    String softwareVersion,
    Boolean alarm,
    List<String> deviceKeys) {

  /** A MAC as people type it: hex digits with optional ':', '-' or '.' separators. */
  private static final Pattern MAC_FRAGMENT = Pattern.compile("[0-9A-Fa-f:.\\-]*");

  /** A where-clause and its named parameters. */
  record Sql(String where, Map<String, Object> parameters) {}

  public static DeviceFilter search(String query, Boolean online) {
    return new DeviceFilter(query, online, null, null, null, null, null);
  }

  public DeviceFilter {
    query = blankToNull(query);
    tag = blankToNull(tag);
    productClass = blankToNull(productClass);
    softwareVersion = blankToNull(softwareVersion);
    deviceKeys =
        deviceKeys == null
            ? null
            : deviceKeys.stream()
                .filter(k -> k != null && !k.isBlank())
                .map(String::strip)
                .toList();
  }

  public boolean selectsAll() {
    return query == null
        && online == null
        && tag == null
        && productClass == null
        && softwareVersion == null
        && alarm == null
        && deviceKeys == null;
  }

  Sql toSql(Instant now) {
    StringBuilder where = new StringBuilder(" where true");
    Map<String, Object> params = new HashMap<>();
    if (query != null) {
      where.append(" and (d.serial_number ilike :like or d.device_key ilike :like");
      params.put("like", "%" + escapeLike(query) + "%");
      String hex = query.replaceAll("[:.\\-]", "");
      if (MAC_FRAGMENT.matcher(query).matches() && hex.length() >= 2) {
        where.append(" or d.mac like :mac");
        params.put("mac", "%" + hex.toUpperCase(Locale.ROOT) + "%");
      }
      where.append(")");
    }
    if (online != null) {
      // The rule of Device.isOnline, in SQL so that paging counts only the matching devices.
      where.append(online ? " and " : " and not ").append(onlineCondition(params, now));
    }
    if (tag != null) {
      where.append(" and :tag = any(d.tags)");
      params.put("tag", tag);
    }
    if (productClass != null) {
      where.append(" and d.product_class = :productClass");
      params.put("productClass", productClass);
    }
    if (softwareVersion != null) {
      where.append(" and d.software_version = :softwareVersion");
      params.put("softwareVersion", softwareVersion);
    }
    if (alarm != null) {
      where
          .append(alarm ? " and " : " and not ")
          .append(
              "exists (select 1 from alarm a where a.device_id = d.id and a.cleared_at is null)");
    }
    if (deviceKeys != null) {
      if (deviceKeys.isEmpty()) {
        where.append(" and false");
      } else {
        where.append(" and d.device_key in (:deviceKeys)");
        params.put("deviceKeys", deviceKeys);
      }
    }
    return new Sql(where.toString(), params);
  }

  /**
   * The rule of {@link Device#isOnline} over {@code device d}, in SQL so that paging counts only
   * the matching devices; adds its parameters to {@code params}.
   */
  static String onlineCondition(Map<String, Object> params, Instant now) {
    params.put("misses", Device.MISSED_INFORMS_BEFORE_OFFLINE);
    params.put("defaultInterval", Device.DEFAULT_INFORM_INTERVAL.toSeconds());
    params.put("now", now);
    return "(d.last_inform + make_interval(secs => :misses * case"
        + " when d.periodic_inform_interval is null or d.periodic_inform_interval <= 0"
        + " then :defaultInterval else d.periodic_inform_interval end) > :now)";
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
