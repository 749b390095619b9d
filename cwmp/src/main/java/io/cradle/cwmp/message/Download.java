package io.cradle.cwmp.message;

import java.util.Objects;

/** Download a file (firmware, config, ...) from {@code url}; see the FILE_TYPE_* constants. */
public record Download(
    String commandKey,
    String fileType,
    String url,
    String username,
    String password,
    long fileSize,
    String targetFileName,
    long delaySeconds,
    String successUrl,
    String failureUrl)
    implements AcsRequest<DownloadResponse> {

  public static final String FIRMWARE_UPGRADE_IMAGE = "1 Firmware Upgrade Image";
  public static final String WEB_CONTENT = "2 Web Content";
  public static final String VENDOR_CONFIGURATION_FILE = "3 Vendor Configuration File";
  public static final String TONE_FILE = "4 Tone File";
  public static final String RINGER_FILE = "5 Ringer File";

  public Download {
    commandKey = Objects.requireNonNullElse(commandKey, "");
    Objects.requireNonNull(fileType, "FileType");
    Objects.requireNonNull(url, "URL");
    username = Objects.requireNonNullElse(username, "");
    password = Objects.requireNonNullElse(password, "");
    targetFileName = Objects.requireNonNullElse(targetFileName, "");
    successUrl = Objects.requireNonNullElse(successUrl, "");
    failureUrl = Objects.requireNonNullElse(failureUrl, "");
  }
}
