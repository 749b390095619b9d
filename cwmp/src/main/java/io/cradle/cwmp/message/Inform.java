package io.cradle.cwmp.message;

import java.util.List;
import java.util.Objects;

/**
 * Inform: opens every session. {@code currentTime} is kept as sent because real CPEs send invalid
 * or unsynchronised clocks; see {@link io.cradle.cwmp.param.DateTimes#parse(String)}.
 */
public record Inform(
    DeviceId deviceId,
    List<Event> events,
    int maxEnvelopes,
    String currentTime,
    long retryCount,
    List<ParameterValue> parameters)
    implements CpeRequest<InformResponse> {

  public Inform {
    Objects.requireNonNull(deviceId, "DeviceId");
    events = List.copyOf(events);
    currentTime = Objects.requireNonNullElse(currentTime, "");
    parameters = List.copyOf(parameters);
  }

  public boolean hasEvent(String code) {
    return events.stream().anyMatch(e -> e.code().equals(code));
  }
}
