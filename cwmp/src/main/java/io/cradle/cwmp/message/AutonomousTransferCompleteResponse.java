package io.cradle.cwmp.message;

/** Empty acknowledgement of AutonomousTransferComplete. */
public record AutonomousTransferCompleteResponse() implements AcsResponse {}
