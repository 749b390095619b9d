package io.cradle.cwmp.message;

import java.util.Objects;

/** FaultStruct of TransferComplete: code 0 means the transfer succeeded. */
public record FaultStruct(int faultCode, String faultString) {

  public static final FaultStruct NONE = new FaultStruct(0, "");

  public FaultStruct {
    faultString = Objects.requireNonNullElse(faultString, "");
  }

  public boolean isSuccess() {
    return faultCode == 0;
  }
}
