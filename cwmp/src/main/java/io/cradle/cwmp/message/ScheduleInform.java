package io.cradle.cwmp.message;

import java.util.Objects;

/** ScheduleInform: a {@code 3 SCHEDULED} + {@code M ScheduleInform} session after the delay. */
public record ScheduleInform(long delaySeconds, String commandKey)
    implements AcsRequest<ScheduleInformResponse> {

  public ScheduleInform {
    commandKey = Objects.requireNonNullElse(commandKey, "");
  }
}
