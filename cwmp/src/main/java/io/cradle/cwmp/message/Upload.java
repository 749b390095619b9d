package io.cradle.cwmp.message;

import java.util.Objects;

/** Upload a file (configuration or log) to {@code url}. */
public record Upload(
    String commandKey,
    String fileType,
    String url,
    String username,
    String password,
    long delaySeconds)
    implements AcsRequest<UploadResponse> {

  public static final String VENDOR_CONFIGURATION_FILE = "1 Vendor Configuration File";
  public static final String VENDOR_LOG_FILE = "2 Vendor Log File";

  public Upload {
    commandKey = Objects.requireNonNullElse(commandKey, "");
    Objects.requireNonNull(fileType, "FileType");
    Objects.requireNonNull(url, "URL");
    username = Objects.requireNonNullElse(username, "");
    password = Objects.requireNonNullElse(password, "");
  }
}
