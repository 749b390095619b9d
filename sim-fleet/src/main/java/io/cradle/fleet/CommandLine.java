package io.cradle.fleet;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The option syntax every sim-fleet command shares: {@code --name value} or {@code --name=value},
 * each name at most once, flags without a value, and {@code --help}/{@code -h} ending the scan.
 */
public final class CommandLine {

  /** What a scan found: whether help was asked for, and the option names given. */
  public record Scan(boolean help, Set<String> seen) {}

  private CommandLine() {}

  /** An {@code --acs} value: an http(s) URL with a host. */
  public static URI acsUrl(String v) {
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      uri = null;
    }
    String scheme =
        uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "--acs '" + v + "' is not an http(s) URL with a host, e.g. http://127.0.0.1:8080/cwmp");
    }
    return uri;
  }

  /**
   * Hands each option to {@code option} (its value null for a flag) in order.
   *
   * @param flags the names that take no value
   * @throws IllegalArgumentException for a stray argument, a repeated option, a flag with a value
   *     or an option missing its value
   */
  public static Scan scan(String[] args, Set<String> flags, BiConsumer<String, String> option) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String key = args[i];
      if (key.equals("--help") || key.equals("-h")) {
        return new Scan(true, seen);
      }
      if (!key.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + key + "'");
      }
      String name = key.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("--" + name + " given twice");
      }
      if (flags.contains(name)) {
        if (value != null) {
          throw new IllegalArgumentException("--" + name + " takes no value");
        }
      } else if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new IllegalArgumentException("--" + name + " needs a value");
        }
        value = args[++i];
      }
      option.accept(name, value);
    }
    return new Scan(false, seen);
  }
}
