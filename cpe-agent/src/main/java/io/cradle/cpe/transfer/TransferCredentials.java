package io.cradle.cpe.transfer;

import java.util.Objects;

/**
 * The user name and password a phone presents to a file server (P1360/P1361 for config files,
 * P6768/P6769 for firmware, the Download/Upload RPC's own for TR-069 transfers).
 *
 * @param preemptiveBasic send Basic credentials on the first request instead of waiting for a 401
 *     (P20713 "Always send HTTP basic authentication")
 */
public record TransferCredentials(String username, String password, boolean preemptiveBasic) {

  /** No credentials: a 401 fails the transfer with 9012. */
  public static final TransferCredentials NONE = new TransferCredentials("", "", false);

  public TransferCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  /** Whether there is anything to answer a challenge with. */
  public boolean isEmpty() {
    return username.isEmpty() && password.isEmpty();
  }

  @Override
  public String toString() {
    return "TransferCredentials[username="
        + username
        + ", password=***, preemptiveBasic="
        + preemptiveBasic
        + "]";
  }
}
