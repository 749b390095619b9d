package io.cradle.cwmp.message;

import java.util.Objects;

/** TransferComplete: the outcome of an earlier Download or Upload with this CommandKey. */
public record TransferComplete(
    String commandKey, FaultStruct fault, String startTime, String completeTime)
    implements CpeRequest<TransferCompleteResponse> {

  public TransferComplete {
    commandKey = Objects.requireNonNullElse(commandKey, "");
    fault = Objects.requireNonNullElse(fault, FaultStruct.NONE);
    startTime = Objects.requireNonNullElse(startTime, "");
    completeTime = Objects.requireNonNullElse(completeTime, "");
  }
}
