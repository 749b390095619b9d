package io.cradle.cpe.transfer;

import io.cradle.cwmp.message.FaultCode;
import java.util.Objects;

/**
 * A file transfer failed; {@link #fault()} is the CWMP fault for TransferComplete and the message
 * says what went wrong (which URL, which status), without credentials.
 */
public final class TransferException extends Exception {

  private final FaultCode fault;

  public TransferException(FaultCode fault, String message) {
    this(fault, message, null);
  }

  public TransferException(FaultCode fault, String message, Throwable cause) {
    super(message, cause);
    this.fault = Objects.requireNonNull(fault, "fault");
  }

  public FaultCode fault() {
    return fault;
  }

  /** FaultString for TransferComplete: the standard text plus what exactly went wrong. */
  public String faultString() {
    return fault.text() + ": " + getMessage();
  }
}
