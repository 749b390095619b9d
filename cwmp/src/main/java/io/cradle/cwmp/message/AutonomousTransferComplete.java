package io.cradle.cwmp.message;

import java.util.Objects;

/** AutonomousTransferComplete: a transfer the CPE made on its own (e.g. its own provisioning). */
public record AutonomousTransferComplete(
    String announceUrl,
    String transferUrl,
    boolean isDownload,
    String fileType,
    long fileSize,
    String targetFileName,
    FaultStruct fault,
    String startTime,
    String completeTime)
    implements CpeRequest<AutonomousTransferCompleteResponse> {

  public AutonomousTransferComplete {
    announceUrl = Objects.requireNonNullElse(announceUrl, "");
    transferUrl = Objects.requireNonNullElse(transferUrl, "");
    fileType = Objects.requireNonNullElse(fileType, "");
    targetFileName = Objects.requireNonNullElse(targetFileName, "");
    fault = Objects.requireNonNullElse(fault, FaultStruct.NONE);
    startTime = Objects.requireNonNullElse(startTime, "");
    completeTime = Objects.requireNonNullElse(completeTime, "");
  }
}
