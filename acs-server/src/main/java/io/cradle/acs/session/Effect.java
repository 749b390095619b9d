package io.cradle.acs.session;

import io.cradle.cwmp.message.AutonomousTransferComplete;
import io.cradle.cwmp.message.CpeResponse;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.RequestDownload;
import io.cradle.cwmp.message.TransferComplete;

/** What the shell must make durable after a session step. */
public sealed interface Effect {

  /** An RPC of a task went out in this session. */
  record TaskSent(long taskId) implements Effect {}

  /** The CPE answered a task's RPC. */
  record TaskAnswered(long taskId, CpeResponse response) implements Effect {}

  /** The CPE refused a task's RPC. */
  record TaskFaulted(long taskId, Fault fault) implements Effect {}

  /** A transfer the ACS asked for has finished. */
  record TransferCompleted(TransferComplete report) implements Effect {}

  /** A transfer the CPE made on its own has finished. */
  record AutonomousTransferCompleted(AutonomousTransferComplete report) implements Effect {}

  /** The CPE asks for a file. */
  record DownloadRequested(RequestDownload request) implements Effect {}

  /** The session is over; the device may start another. */
  record Ended() implements Effect {}
}
