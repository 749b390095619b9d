package io.cradle.cwmp.message;

/** A request the CPE sends to the ACS (in an HTTP POST body). */
public sealed interface CpeRequest<R extends AcsResponse> extends Request<R>
    permits Inform, TransferComplete, AutonomousTransferComplete, RequestDownload, GetRPCMethods {}
