package io.cradle.acs.tasks;

/** Where a task is in its life. */
public enum TaskStatus {
  /** Waiting for the device's next session (and for {@code not_before}). */
  QUEUED,
  /** Sent to the device in a session; no answer recorded yet. */
  SENT,
  /** Download/Upload accepted (status 1); waiting for its TransferComplete. */
  AWAITING_TRANSFER,
  DONE,
  /** Faulted more often than allowed, or with a fault that retrying cannot mend. */
  FAILED,
  /** Its expiry passed before it could run. */
  EXPIRED,
  CANCELLED;

  public boolean isOpen() {
    return this == QUEUED || this == SENT || this == AWAITING_TRANSFER;
  }
}
