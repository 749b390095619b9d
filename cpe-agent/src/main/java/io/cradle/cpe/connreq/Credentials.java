package io.cradle.cpe.connreq;

import java.util.Objects;

/** The ConnectionRequestUsername and ConnectionRequestPassword an ACS must present. */
public record Credentials(String username, String password) {

  public Credentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=***]";
  }
}
