package io.cradle.cwmp.message;

/** Anything a SOAP body can carry in a CWMP session: a request, a response or a fault. */
public sealed interface CwmpMessage permits Request, Response, Fault {

  /** The RPC element's local name, e.g. {@code Inform} or {@code GetParameterValuesResponse}. */
  default String method() {
    return getClass().getSimpleName();
  }
}
