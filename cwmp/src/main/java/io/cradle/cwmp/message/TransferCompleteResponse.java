package io.cradle.cwmp.message;

/** Empty acknowledgement of TransferComplete. */
public record TransferCompleteResponse() implements AcsResponse {}
