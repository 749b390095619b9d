package io.cradle.cpe.notify;

import io.cradle.cpe.config.PValueStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Sends the phone's event notification URLs (admin guide "Event Notification"): when an event
 * happens and its URL is set, the {@code $variables} in it are replaced with the phone's values and
 * the URL is fetched with an HTTP GET, asynchronously. A failure is counted and logged, never
 * thrown into the phone.
 */
public final class EventNotifier {

  /** The dynamic variables the admin guide lists, without the {@code $}. */
  public static final List<String> VARIABLES =
      List.of(
          "phone_ip",
          "mac",
          "product",
          "program_version",
          "hardware_version",
          "language",
          "local",
          "display_local",
          "remote",
          "display_remote",
          "active_user");

  /** A notification that has not answered by then counts as failed. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(EventNotifier.class.getName());
  private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*://.*");

  private final PValueStore store;
  private final HttpClient http;
  private final String userAgent;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public EventNotifier(PValueStore store, HttpClient http, String userAgent) {
    this.store = Objects.requireNonNull(store, "store");
    this.http = Objects.requireNonNull(http, "http");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
  }

  /**
   * Sends {@code event}'s URL if one is set. {@code variables} holds values by name, with or
   * without the {@code $} ({@code mac} or {@code $mac}); a listed variable without a value becomes
   * empty, an unknown {@code $name} stays as written.
   */
  public void notify(PhoneEvent event, Map<String, String> variables) {
    String template = store.get(event.pvalue()).orElse("").strip();
    if (template.isEmpty()) {
      return;
    }
    URI uri;
    try {
      uri = URI.create(withScheme(substitute(template, variables)));
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL with a host");
      }
    } catch (IllegalArgumentException e) {
      failed.incrementAndGet();
      LOG.log(
          Level.INFO,
          "event {0}: URL in {1} is unusable: {2}",
          new Object[] {event, event.pvalue(), e.getMessage()});
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", userAgent).GET().build();
    try {
      http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, error) -> {
                if (error == null && response.statusCode() < 400) {
                  sent.incrementAndGet();
                  return;
                }
                failed.incrementAndGet();
                LOG.log(
                    Level.FINE,
                    "event {0}: GET {1} failed: {2}",
                    new Object[] {
                      event, uri, error == null ? "HTTP " + response.statusCode() : error.toString()
                    });
              });
    } catch (RuntimeException e) { // e.g. a client that was shut down
      failed.incrementAndGet();
      LOG.log(Level.INFO, "event " + event + ": cannot send " + uri, e);
    }
  }

  /** Notifications answered with a status below 400. */
  public long sent() {
    return sent.get();
  }

  /** Notifications with an unusable URL, no answer, or an error status. */
  public long failed() {
    return failed.get();
  }

  /**
   * Replaces each {@code $name} with its URL-encoded value; at each {@code $} the longest known
   * name wins, so {@code $display_local} is not read as {@code $display_} or {@code $local}.
   */
  static String substitute(String template, Map<String, String> variables) {
    Map<String, String> values = new HashMap<>();
    VARIABLES.forEach(name -> values.put(name, ""));
    variables.forEach(
        (name, value) -> values.put(name.startsWith("$") ? name.substring(1) : name, value));
    List<String> names = new ArrayList<>(values.keySet());
    names.sort(Comparator.comparingInt(String::length).reversed());
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      String match = null;
      if (c == '$') {
        for (String name : names) {
          if (!name.isEmpty() && template.startsWith(name, i + 1)) {
            match = name;
            break;
          }
        }
      }
      if (match == null) {
        out.append(c);
        i++;
      } else {
        out.append(encode(values.get(match)));
        i += 1 + match.length();
      }
    }
    return out.toString();
  }

  /** The admin guide's values have no scheme ({@code 192.168.40.207/mac=$mac}): HTTP is meant. */
  static String withScheme(String url) {
    return HAS_SCHEME.matcher(url).matches() ? url : "http://" + url;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
