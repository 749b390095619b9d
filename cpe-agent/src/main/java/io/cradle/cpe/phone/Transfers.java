package io.cradle.cpe.phone;

import io.cradle.cpe.config.PValueStore;
import io.cradle.cpe.firmware.FirmwareSlots;
import io.cradle.cpe.firmware.VerifiedImage;
import io.cradle.cpe.provision.Provisioner;
import io.cradle.cpe.transfer.FileTransfers;
import io.cradle.cpe.transfer.TransferCredentials;
import io.cradle.cpe.transfer.TransferException;
import io.cradle.cwmp.image.ImageCheck;
import io.cradle.cwmp.message.Download;
import io.cradle.cwmp.message.FaultCode;
import io.cradle.cwmp.message.FaultStruct;
import io.cradle.cwmp.message.Upload;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Carries out the Downloads and Uploads an ACS asked for, as the WP820 does: a configuration file
 * is applied at once, a firmware image is verified and flashed for the next boot (the same version
 * is skipped), and the current configuration or the phone's log can be uploaded. Blocking; the
 * phone runs it on its scheduler.
 */
final class Transfers {

  /** Largest file the phone accepts: the WP820's images are ~100 MB; ours are smaller. */
  static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

  /** What a transfer came to. */
  record Outcome(FaultStruct fault, boolean rebootToActivate, boolean retryable) {
    static Outcome done() {
      return new Outcome(FaultStruct.NONE, false, false);
    }

    static Outcome failed(FaultCode code, String detail, boolean retryable) {
      return new Outcome(new FaultStruct(code.code(), detail), false, retryable);
    }
  }

  private final FileTransfers files;
  private final PValueStore store;
  private final FirmwareSlots firmware;
  private final String mac;
  private final String model;

  Transfers(
      FileTransfers files, PValueStore store, FirmwareSlots firmware, String mac, String model) {
    this.files = Objects.requireNonNull(files, "files");
    this.store = Objects.requireNonNull(store, "store");
    this.firmware = Objects.requireNonNull(firmware, "firmware");
    this.mac = Objects.requireNonNull(mac, "mac");
    this.model = Objects.requireNonNull(model, "model");
  }

  Outcome download(Download download) {
    boolean firmwareImage = Download.FIRMWARE_UPGRADE_IMAGE.equals(download.fileType());
    if (!firmwareImage && !Download.VENDOR_CONFIGURATION_FILE.equals(download.fileType())) {
      return Outcome.failed(
          FaultCode.DOWNLOAD_FAILURE, "file type not supported: " + download.fileType(), false);
    }
    byte[] content;
    try {
      content =
          files.get(
              URI.create(download.url().strip()),
              new TransferCredentials(download.username(), download.password(), false),
              download.fileSize() > 0
                  ? Math.min(download.fileSize(), MAX_FILE_BYTES)
                  : MAX_FILE_BYTES);
    } catch (TransferException e) {
      return Outcome.failed(e.fault(), e.getMessage(), interrupted(e.fault()));
    } catch (IllegalArgumentException e) {
      return Outcome.failed(FaultCode.DOWNLOAD_FAILURE, "bad URL: " + e.getMessage(), false);
    }
    if (download.fileSize() > 0 && content.length != download.fileSize()) {
      return Outcome.failed(
          FaultCode.DOWNLOAD_INCOMPLETE,
          "got " + content.length + " bytes of " + download.fileSize(),
          true);
    }
    return firmwareImage ? flash(content) : configure(content, download.url());
  }

  Outcome upload(Upload upload, String log) {
    byte[] content;
    String contentType;
    if (Upload.VENDOR_CONFIGURATION_FILE.equals(upload.fileType())) {
      content = store.exportProvisioning(mac).getBytes(StandardCharsets.UTF_8);
      contentType = "application/xml";
    } else if (Upload.VENDOR_LOG_FILE.equals(upload.fileType())) {
      content = log.getBytes(StandardCharsets.UTF_8);
      contentType = "text/plain; charset=utf-8";
    } else {
      return Outcome.failed(
          FaultCode.UPLOAD_FAILURE, "file type not supported: " + upload.fileType(), false);
    }
    try {
      files.put(
          URI.create(upload.url().strip()),
          new TransferCredentials(upload.username(), upload.password(), false),
          content,
          contentType);
      return Outcome.done();
    } catch (TransferException e) {
      return Outcome.failed(e.fault(), e.getMessage(), false);
    } catch (IllegalArgumentException e) {
      return Outcome.failed(FaultCode.UPLOAD_FAILURE, "bad URL: " + e.getMessage(), false);
    }
  }

  /** Verifies and stages an image; the running firmware is untouched until the reboot. */
  Outcome flash(byte[] image) {
    ImageCheck<VerifiedImage> check = VerifiedImage.verify(image, model);
    if (check instanceof ImageCheck.Rejected<VerifiedImage> rejected) {
      return new Outcome(
          new FaultStruct(rejected.fault().code(), rejected.faultString()), false, false);
    }
    VerifiedImage verified = ((ImageCheck.Ok<VerifiedImage>) check).value();
    return firmware.stage(verified) == FirmwareSlots.StageOutcome.STAGED
        ? new Outcome(FaultStruct.NONE, true, false)
        : Outcome.done();
  }

  private Outcome configure(byte[] content, String source) {
    try {
      Provisioner.applyConfigFile(store, content, mac, source);
      return Outcome.done();
    } catch (TransferException e) {
      return Outcome.failed(e.fault(), e.getMessage(), false);
    }
  }

  /** Failures a retry may cure: the server could not be reached or the transfer broke off. */
  private static boolean interrupted(FaultCode fault) {
    return fault == FaultCode.FILE_SERVER_UNREACHABLE || fault == FaultCode.DOWNLOAD_INCOMPLETE;
  }
}
