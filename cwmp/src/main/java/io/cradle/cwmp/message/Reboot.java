package io.cradle.cwmp.message;

import java.util.Objects;

/** Reboot after the session; the next Inform carries {@code M Reboot} with this CommandKey. */
public record Reboot(String commandKey) implements AcsRequest<RebootResponse> {

  public Reboot {
    commandKey = Objects.requireNonNullElse(commandKey, "");
  }
}
