package io.cradle.cpe.notify;

/**
 * The events of the admin guide's "Event Notification" page, each with the P-value holding its URL.
 * Numbers are the GRP261x {@code ons.actionUrl.*} ones; LOG_ON, LOG_OFF and SAFE_PANIC_CALL have
 * none in any source we hold and use Cradle's placeholders P99801-P99803 (see pvalues.csv).
 */
public enum PhoneEvent {
  BOOTUP_COMPLETED("P8304", "Bootup Completed"),
  INCOMING_CALL("P8310", "Incoming Call"),
  OUTGOING_CALL("P8311", "Outgoing Call"),
  MISSED_CALL("P8312", "Missed Call"),
  CONNECTED("P8313", "Connected"),
  DISCONNECTED("P8314", "Disconnected"),
  DND_ON("P8316", "DND On"),
  DND_OFF("P8317", "DND Off"),
  FORWARD_ON("P8318", "Forward On"),
  FORWARD_OFF("P8319", "Forward Off"),
  BLIND_TRANSFER("P8320", "Blind Transfer"),
  ATTENDED_TRANSFER("P8321", "Attended Transfer"),
  ON_HOLD("P8324", "On Hold"),
  UNHOLD("P8325", "Unhold"),
  LOG_ON("P99801", "Log On"),
  LOG_OFF("P99802", "Log Off"),
  REGISTER("P8305", "Register"),
  UNREGISTER("P8306", "Unregister"),
  SAFE_PANIC_CALL("P99803", "SAFE/Panic Call");

  private final String pvalue;
  private final String guideName;

  PhoneEvent(String pvalue, String guideName) {
    this.pvalue = pvalue;
    this.guideName = guideName;
  }

  /** The P-value holding this event's URL, e.g. {@code P8304}. */
  public String pvalue() {
    return pvalue;
  }

  /** The event's name on the admin guide's page, e.g. {@code Bootup Completed}. */
  public String guideName() {
    return guideName;
  }
}
