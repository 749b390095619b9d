package io.cradle.cpe.sip;

/** A SIP port could not be opened or a request could not be built; the message says which. */
public class SipException extends RuntimeException {
  public SipException(String message, Throwable cause) {
    super(message, cause);
  }
}
