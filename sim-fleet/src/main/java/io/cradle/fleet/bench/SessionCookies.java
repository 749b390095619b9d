package io.cradle.fleet.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cookies of one CWMP session, as a CPE keeps them: every {@code Set-Cookie} of the ACS's
 * responses is sent back on the session's later requests. Attributes (Path, Max-Age...) are
 * ignored: a session lasts seconds and talks to one URL. A cookie set to an empty value, or with
 * {@code Max-Age=0}, is dropped.
 */
final class SessionCookies {

  private final Map<String, String> cookies = new LinkedHashMap<>();

  void update(List<String> setCookies) {
    for (String setCookie : setCookies) {
      accept(setCookie);
    }
  }

  void accept(String setCookie) {
    String[] parts = setCookie.split(";");
    String pair = parts[0].trim();
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      return;
    }
    String name = pair.substring(0, eq).trim();
    String value = pair.substring(eq + 1).trim();
    boolean expired = value.isEmpty();
    for (int i = 1; i < parts.length; i++) {
      String attr = parts[i].trim();
      // Most attributes are Path or HttpOnly: only a Max-Age is worth normalising.
      if (attr.regionMatches(true, 0, "max-age", 0, 7)) {
        attr = attr.toLowerCase(Locale.ROOT).replace(" ", "");
        if (attr.equals("max-age=0") || attr.startsWith("max-age=-")) {
          expired = true;
        }
      }
    }
    if (expired) {
      cookies.remove(name);
    } else {
      cookies.put(name, value);
    }
  }

  boolean isEmpty() {
    return cookies.isEmpty();
  }

  /** The {@code Cookie} request header value, e.g. {@code JSESSIONID=abc; route=1}. */
  String header() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : cookies.entrySet()) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }
}
