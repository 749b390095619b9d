package io.cradle.cwmp.message;

import java.util.List;

/** The list of RPC method names the responder supports. */
public record GetRPCMethodsResponse(List<String> methods) implements CpeResponse, AcsResponse {

  public GetRPCMethodsResponse {
    methods = List.copyOf(methods);
  }
}
