package io.cradle.cwmp.message;

/** GetRPCMethods: either side may ask which methods the other supports. */
public record GetRPCMethods()
    implements AcsRequest<GetRPCMethodsResponse>, CpeRequest<GetRPCMethodsResponse> {}
