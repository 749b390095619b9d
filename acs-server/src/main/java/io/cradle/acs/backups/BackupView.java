package io.cradle.acs.backups;

import java.time.Instant;

/** A stored backup as listed: everything but its bytes. */
public record BackupView(long id, String fileName, int size, String sha256, Instant receivedAt) {

  /** The digest's first 16 digits, enough to tell backups apart in a table. */
  public String shortSha256() {
    return sha256.substring(0, 16);
  }
}
