package io.cradle.acs.ui;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Dashboard links: encoded query strings and path segments (templates use {@code {x.url}}). */
public final class Links {

  private Links() {}

  /** A query-string value, or a path segment: {@code a b/c} as {@code a%20b%2Fc}. */
  @TemplateExtension
  public static String url(String value) {
    return value == null
        ? ""
        : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code path?k=v&...}, leaving out empty values. */
  static String href(String path, Map<String, String> query) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach(
        (k, v) -> {
          if (v != null && !v.isEmpty()) {
            q.add(k + "=" + url(v));
          }
        });
    return path + q;
  }

  /** An insertion-ordered map from alternating keys and values. */
  static Map<String, String> query(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** The device page's address. */
  static String device(String deviceKey) {
    return "/ui/devices/" + url(deviceKey);
  }
}
