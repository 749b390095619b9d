package io.cradle.fleet.bench;

import io.cradle.cpe.tr069.CpeSession;
import io.cradle.cwmp.message.AcsRequest;
import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.FactoryReset;
import io.cradle.cwmp.message.FactoryResetResponse;
import io.cradle.cwmp.message.Fault;
import io.cradle.cwmp.message.FaultCode;
import io.cradle.cwmp.message.GetParameterValues;
import io.cradle.cwmp.message.GetParameterValuesResponse;
import io.cradle.cwmp.message.GetRPCMethods;
import io.cradle.cwmp.message.GetRPCMethodsResponse;
import io.cradle.cwmp.message.ParameterValue;
import io.cradle.cwmp.message.Reboot;
import io.cradle.cwmp.message.RebootResponse;
import io.cradle.cwmp.message.ScheduleInform;
import io.cradle.cwmp.message.ScheduleInformResponse;
import io.cradle.cwmp.message.SetParameterAttributes;
import io.cradle.cwmp.message.SetParameterAttributesResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The load generator's minimal answers to requests an ACS sends inside a session. It is not a phone
 * (that is the cpe-agent): it acknowledges what needs no state, reads back the Inform parameters,
 * and refuses everything else with Fault 9000, so a queued task never stalls a benchmark.
 */
public final class CpeResponder {

  /** The RPCs a simulated WP820 claims, as GetRPCMethodsResponse: the phone's own list. */
  static final List<String> METHODS = CpeSession.SUPPORTED_METHODS;

  private CpeResponder() {}

  /** The message to POST back for {@code request}, on behalf of {@code device}. */
  public static CwmpMessage answer(AcsRequest<?> request, Wp820Identity device) {
    if (request instanceof GetRPCMethods) {
      return new GetRPCMethodsResponse(METHODS);
    }
    if (request instanceof Reboot) {
      return new RebootResponse();
    }
    if (request instanceof FactoryReset) {
      return new FactoryResetResponse();
    }
    if (request instanceof ScheduleInform) {
      return new ScheduleInformResponse();
    }
    if (request instanceof SetParameterAttributes) {
      return new SetParameterAttributesResponse();
    }
    if (request instanceof GetParameterValues gpv) {
      return getParameterValues(gpv, device.informParameters());
    }
    return new Fault(
        FaultCode.CPE_METHOD_NOT_SUPPORTED.code(),
        "simulated WP820 (load generator) does not implement " + request.method(),
        List.of());
  }

  /**
   * Values of the known (Inform) parameters: a full name matches itself, a partial path ending in
   * '.' (or the empty name) everything below it. A name matching nothing is Fault 9005, as on a
   * real CPE.
   */
  static CwmpMessage getParameterValues(GetParameterValues request, List<ParameterValue> known) {
    List<ParameterValue> out = new ArrayList<>();
    for (String name : request.names()) {
      boolean partial = name.isEmpty() || name.endsWith(".");
      int before = out.size();
      for (ParameterValue p : known) {
        if (partial ? p.name().startsWith(name) : p.name().equals(name)) {
          out.add(p);
        }
      }
      if (out.size() == before) {
        return new Fault(
            FaultCode.INVALID_PARAMETER_NAME.code(),
            FaultCode.INVALID_PARAMETER_NAME.text() + ": " + name,
            List.of());
      }
    }
    return new GetParameterValuesResponse(out);
  }
}
