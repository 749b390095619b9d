package io.cradle.cpe.model;

import io.cradle.cwmp.message.CpeResponse;
import io.cradle.cwmp.message.CwmpMessage;
import io.cradle.cwmp.message.Fault;
import java.util.Objects;

/** What an RPC on the data model answers: its response, or the CWMP fault to send instead. */
public sealed interface RpcResult<T extends CpeResponse> {

  /** The RPC succeeded. */
  record Ok<T extends CpeResponse>(T response) implements RpcResult<T> {
    public Ok {
      Objects.requireNonNull(response);
    }
  }

  /** The RPC failed; nothing was changed. */
  record Failed<T extends CpeResponse>(Fault fault) implements RpcResult<T> {
    public Failed {
      Objects.requireNonNull(fault);
    }
  }

  static <T extends CpeResponse> RpcResult<T> ok(T response) {
    return new Ok<>(response);
  }

  static <T extends CpeResponse> RpcResult<T> failed(Fault fault) {
    return new Failed<>(fault);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  /** The message to put in the SOAP body: the response or the fault. */
  default CwmpMessage message() {
    if (this instanceof Ok<T> ok) {
      return ok.response();
    }
    return ((Failed<T>) this).fault();
  }

  /**
   * The response.
   *
   * @throws IllegalStateException if the RPC failed
   */
  default T response() {
    if (this instanceof Ok<T> ok) {
      return ok.response;
    }
    throw new IllegalStateException("RPC failed: " + ((Failed<T>) this).fault());
  }

  /**
   * The fault.
   *
   * @throws IllegalStateException if the RPC succeeded
   */
  default Fault fault() {
    if (this instanceof Failed<T> failed) {
      return failed.fault;
    }
    throw new IllegalStateException("RPC succeeded: " + ((Ok<T>) this).response());
  }
}
