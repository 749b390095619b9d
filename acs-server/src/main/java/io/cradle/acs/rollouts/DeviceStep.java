package io.cradle.acs.rollouts;

/** Where one target device is in its rollout. */
public enum DeviceStep {
  /** Not started: waits for its wave, the maintenance window and a free slot. */
  PENDING,
  /** Its Download is queued or under way; the health gate judges it. */
  UPGRADING,
  /** Came back with the new version and its SIP lines registered again. */
  PASSED,
  /** Refused the image, or did not come back healthy within the gate timeout. */
  FAILED,
  /** Its previous image is on its way. */
  ROLLING_BACK,
  /** Reports its previous version again. */
  ROLLED_BACK,
  /** The rollback could not be done (no previous image in the repository, refused, timed out). */
  ROLLBACK_FAILED;

  /** Has had its verdict from the health gate. */
  public boolean judged() {
    return this != PENDING && this != UPGRADING;
  }

  /** Failed the health gate, whatever happened after. */
  public boolean failed() {
    return judged() && this != PASSED;
  }
}
