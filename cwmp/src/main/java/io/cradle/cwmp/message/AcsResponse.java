package io.cradle.cwmp.message;

/** The ACS's answer to a {@link CpeRequest}. */
public sealed interface AcsResponse extends Response
    permits InformResponse,
        TransferCompleteResponse,
        AutonomousTransferCompleteResponse,
        RequestDownloadResponse,
        GetRPCMethodsResponse {}
