package io.cradle.cwmp.message;

import java.util.Optional;

/**
 * The CWMP fault codes: 8000-8006 are the ACS's, 9000-9032 the CPE's. Vendor codes (8800-8899,
 * 9800-9899) have no constant; {@link Fault} keeps the number.
 */
public enum FaultCode {
  METHOD_NOT_SUPPORTED(8000, false, "Method not supported"),
  REQUEST_DENIED(8001, false, "Request denied"),
  INTERNAL_ERROR(8002, false, "Internal error"),
  INVALID_ARGUMENTS(8003, true, "Invalid arguments"),
  RESOURCES_EXCEEDED(8004, false, "Resources exceeded"),
  RETRY_REQUEST(8005, false, "Retry request"),
  ACS_VERSION_INCOMPATIBLE(8006, false, "ACS version incompatible with CPE"),

  CPE_METHOD_NOT_SUPPORTED(9000, false, "Method not supported"),
  CPE_REQUEST_DENIED(9001, false, "Request denied"),
  CPE_INTERNAL_ERROR(9002, false, "Internal error"),
  CPE_INVALID_ARGUMENTS(9003, true, "Invalid arguments"),
  CPE_RESOURCES_EXCEEDED(9004, false, "Resources exceeded"),
  INVALID_PARAMETER_NAME(9005, true, "Invalid parameter name"),
  INVALID_PARAMETER_TYPE(9006, true, "Invalid parameter type"),
  INVALID_PARAMETER_VALUE(9007, true, "Invalid parameter value"),
  NON_WRITABLE_PARAMETER(9008, true, "Attempt to set a non-writable parameter"),
  NOTIFICATION_REQUEST_REJECTED(9009, false, "Notification request rejected"),
  DOWNLOAD_FAILURE(9010, false, "Download failure"),
  UPLOAD_FAILURE(9011, false, "Upload failure"),
  FILE_TRANSFER_SERVER_AUTHENTICATION_FAILURE(
      9012, false, "File transfer server authentication failure"),
  UNSUPPORTED_TRANSFER_PROTOCOL(9013, false, "Unsupported protocol for file transfer"),
  MULTICAST_JOIN_FAILURE(9014, false, "Download failure: unable to join multicast group"),
  FILE_SERVER_UNREACHABLE(9015, false, "Download failure: unable to contact file server"),
  FILE_ACCESS_FAILURE(9016, false, "Download failure: unable to access file"),
  DOWNLOAD_INCOMPLETE(9017, false, "Download failure: unable to complete download"),
  FILE_CORRUPTED(9018, false, "Download failure: file corrupted"),
  FILE_AUTHENTICATION_FAILURE(9019, false, "Download failure: file authentication failure"),
  OUTSIDE_TIME_WINDOW(9020, false, "Download failure: unable to complete download within windows"),
  CANCELATION_NOT_PERMITTED(9021, false, "Cancelation of file transfer not permitted"),
  INVALID_UUID_FORMAT(9022, true, "Invalid UUID format"),
  UNKNOWN_EXECUTION_ENVIRONMENT(9023, true, "Unknown Execution Environment"),
  DISABLED_EXECUTION_ENVIRONMENT(9024, false, "Disabled Execution Environment"),
  DEPLOYMENT_UNIT_ENVIRONMENT_MISMATCH(
      9025, false, "Deployment Unit to Execution Environment mismatch"),
  DUPLICATE_DEPLOYMENT_UNIT(9026, false, "Duplicate Deployment Unit"),
  SYSTEM_RESOURCES_EXCEEDED(9027, false, "System resources exceeded"),
  UNKNOWN_DEPLOYMENT_UNIT(9028, true, "Unknown Deployment Unit"),
  INVALID_DEPLOYMENT_UNIT_STATE(9029, true, "Invalid Deployment Unit state"),
  INVALID_DEPLOYMENT_UNIT_UPDATE_DOWNGRADE(
      9030, false, "Invalid Deployment Unit update: downgrade not permitted"),
  INVALID_DEPLOYMENT_UNIT_UPDATE_VERSION(
      9031, false, "Invalid Deployment Unit update: version not specified"),
  INVALID_DEPLOYMENT_UNIT_UPDATE_EXISTS(
      9032, false, "Invalid Deployment Unit update: version already exists");

  private final int code;
  private final boolean client;
  private final String text;

  FaultCode(int code, boolean client, String text) {
    this.code = code;
    this.client = client;
    this.text = text;
  }

  public int code() {
    return code;
  }

  /** SOAP faultcode to send: {@code Client} for bad arguments, {@code Server} otherwise. */
  public String soapFaultCode() {
    return client ? "Client" : "Server";
  }

  public String text() {
    return text;
  }

  public static Optional<FaultCode> of(int code) {
    for (FaultCode f : values()) {
      if (f.code == code) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
