package io.cradle.cwmp.image;

import io.cradle.cwmp.message.FaultCode;

/** The outcome of reading or verifying a firmware image: the value, or why it was refused. */
public sealed interface ImageCheck<T> {

  /** The image (or header) passed every check made. */
  record Ok<T>(T value) implements ImageCheck<T> {}

  /** The image was refused; {@link #fault()} goes into TransferComplete. */
  record Rejected<T>(ImageDefect defect, String detail) implements ImageCheck<T> {

    public FaultCode fault() {
      return defect.fault();
    }

    /** FaultString for TransferComplete: the standard text plus what exactly was wrong. */
    public String faultString() {
      return defect.fault().text() + ": " + detail;
    }

    /** The same refusal for a caller expecting another value type. */
    public <U> Rejected<U> retype() {
      return new Rejected<>(defect, detail);
    }
  }
}
