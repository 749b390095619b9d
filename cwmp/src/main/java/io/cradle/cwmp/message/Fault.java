package io.cradle.cwmp.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CWMP fault (SOAP Fault with a cwmp:Fault detail), from either side. {@code code} is the CWMP
 * number, kept as an int so vendor codes survive; {@link #known()} types it.
 */
public record Fault(int code, String message, List<SetParameterValuesFault> parameterFaults)
    implements CwmpMessage {

  public Fault {
    message = Objects.requireNonNullElse(message, "");
    parameterFaults = List.copyOf(parameterFaults);
  }

  public Fault(FaultCode code, String message) {
    this(code.code(), message, List.of());
  }

  public Optional<FaultCode> known() {
    return FaultCode.of(code);
  }

  /** SOAP faultcode: Client for argument errors, Server otherwise (and for vendor codes). */
  public String soapFaultCode() {
    return known().map(FaultCode::soapFaultCode).orElse("Server");
  }
}
