package io.cradle.cwmp.image;

import io.cradle.cwmp.message.FaultCode;

/**
 * Why a firmware image was refused, with the CWMP fault the phone reports in TransferComplete.
 *
 * <p>Mapping (cwmp-digest §10): anything that makes the bytes differ from what the builder wrote is
 * 9018 "file corrupted". An intact image the phone cannot use (another model, a newer image format)
 * is 9010, the generic "download failure", with the reason in the FaultString. 9019 "file
 * authentication failure" is never used: Cradle images carry no signature (the real AES-encrypted
 * Grandstream containers cannot be reproduced), so claiming an authentication check would be false.
 * 9017 "unable to complete download" belongs to the transfer itself, not to image content: a
 * complete transfer whose content is short is corrupted, not incomplete.
 */
public enum ImageDefect {
  /** Does not start with {@code CRADLEFW}: not a firmware image at all (an HTML error page...). */
  BAD_MAGIC(FaultCode.FILE_CORRUPTED),
  /** Ends inside the header or the payload. */
  TRUNCATED(FaultCode.FILE_CORRUPTED),
  /** A header field out of range or not valid UTF-8. */
  BAD_HEADER(FaultCode.FILE_CORRUPTED),
  /** Bytes after the declared payload length. */
  LENGTH_MISMATCH(FaultCode.FILE_CORRUPTED),
  /** SHA-256 does not match the header and payload. */
  CHECKSUM_MISMATCH(FaultCode.FILE_CORRUPTED),
  /** A format version this phone does not know. */
  UNSUPPORTED_FORMAT(FaultCode.DOWNLOAD_FAILURE),
  /** An intact image for another model than the device that checked it. */
  WRONG_MODEL(FaultCode.DOWNLOAD_FAILURE);

  private final FaultCode fault;

  ImageDefect(FaultCode fault) {
    this.fault = fault;
  }

  public FaultCode fault() {
    return fault;
  }
}
