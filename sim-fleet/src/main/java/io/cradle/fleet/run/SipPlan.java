package io.cradle.fleet.run;

import io.cradle.cpe.sip.HostPort;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fleet's SIP account plan: phone {@code i} registers account 1 as user {@code prefix + (first
 * + i)} with the fleet's one password, to {@code server} or, when empty, to the fleet's own
 * registrar.
 *
 * @param server the SIP server (registrar and proxy); empty: the embedded registrar
 */
public record SipPlan(Optional<HostPort> server, String prefix, long first, String password) {

  private static final Pattern FIRST_USER = Pattern.compile("([A-Za-z._-]*)(\\d{1,9})");

  /** {@code --sip}'s value: {@code embedded} or {@code HOST:PORT}. */
  static Optional<HostPort> parseServer(String v) {
    if (v.equals("embedded")) {
      return Optional.empty();
    }
    try {
      return Optional.of(HostPort.parse(v));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--sip '"
              + v
              + "' is neither 'embedded' nor a SIP server HOST:PORT ("
              + e.getMessage()
              + ")");
    }
  }

  /** {@code --sip-users}'s value: the first user, e.g. {@code 1000} or {@code bench0}. */
  public static SipPlan withFirstUser(
      Optional<HostPort> server, String firstUser, String password) {
    Matcher m = FIRST_USER.matcher(firstUser);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--sip-users '"
              + firstUser
              + "' is not a first SIP user ending in a number (e.g. 1000 or bench0)");
    }
    return new SipPlan(server, m.group(1), Long.parseLong(m.group(2)), password);
  }

  /** The SIP user (and extension) of phone {@code index}. */
  public String user(int index) {
    return prefix + (first + index);
  }

  /**
   * The phone index of {@code user} among {@code phones} phones, or empty for a user not in the
   * plan: what the embedded registrar accepts.
   */
  public Optional<Integer> indexOf(String user, int phones) {
    if (user == null || !user.startsWith(prefix)) {
      return Optional.empty();
    }
    String number = user.substring(prefix.length());
    if (!number.matches("\\d{1,10}") || (number.length() > 1 && number.startsWith("0"))) {
      return Optional.empty();
    }
    long index = Long.parseLong(number) - first;
    return index >= 0 && index < phones ? Optional.of((int) index) : Optional.empty();
  }
}
