package io.cradle.acs.security;

import java.util.Optional;

/**
 * Which authenticated caller may make which request, by method and path. Pure, so the whole matrix
 * is tested without a server.
 *
 * <ul>
 *   <li>viewer: reads (GET, HEAD) everywhere except users and the audit log (API and dashboard
 *       pages alike);
 *   <li>operator: also every change to devices and tasks (tags, tasks, batches, cancels, connection
 *       requests), and reads the audit log and downloads config backups;
 *   <li>admin: everything, including {@code /api/v1/users} and webhooks ({@code /api/v1/webhooks},
 *       {@code /ui/webhooks}, reads too).
 * </ul>
 *
 * Every user manages their own API tokens (an admin: everyone's), but only with a password or a
 * session: a token cannot mint or revoke tokens. A {@code read} token may only read.
 */
public final class AccessPolicy {

  private AccessPolicy() {}

  /** Empty if allowed; otherwise why not, in words for the caller. */
  public static Optional<String> refusal(String method, String path, Principal who) {
    boolean reads = isSafe(method);
    if (who.via() == Principal.Via.TOKEN) {
      if (under(path, "/api/v1/tokens") || under(path, "/api/v1/users")) {
        return Optional.of("API tokens cannot manage users or tokens; use a password");
      }
      if (who.scope() != TokenScope.WRITE && !reads) {
        return Optional.of("this API token's scope is read: it can only read");
      }
    }
    if (under(path, "/api/v1/users") || under(path, "/ui/users")) {
      return need(Role.ADMIN, who, "managing users");
    }
    // Reading included: a subscription's URL may carry a receiver's routing, and its deliveries
    // what was sent where.
    if (under(path, "/api/v1/webhooks") || under(path, "/ui/webhooks")) {
      return need(Role.ADMIN, who, "managing webhooks");
    }
    if (under(path, "/api/v1/tokens") || path.equals("/logout")) {
      return Optional.empty();
    }
    // A backup holds the phone's passwords; the list of them is on the device page, for viewers
    // too.
    if (path.startsWith("/ui/devices/") && path.contains("/backups/")) {
      return need(Role.OPERATOR, who, "downloading a config backup");
    }
    if (under(path, "/api/v1/audit") || under(path, "/ui/audit")) {
      return need(Role.OPERATOR, who, "reading the audit log");
    }
    return reads ? Optional.empty() : need(Role.OPERATOR, who, "changing devices or tasks");
  }

  public static boolean isSafe(String method) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  private static Optional<String> need(Role role, Principal who, String what) {
    return who.role().atLeast(role)
        ? Optional.empty()
        : Optional.of(
            what
                + " needs the "
                + role.wire()
                + " role; "
                + who.username()
                + " is a "
                + who.role().wire());
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
