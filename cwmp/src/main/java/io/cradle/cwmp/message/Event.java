package io.cradle.cwmp.message;

import java.util.Objects;

/** One EventStruct of an Inform: an event code and the CommandKey of the RPC that caused it. */
public record Event(String code, String commandKey) {

  public static final String BOOTSTRAP = "0 BOOTSTRAP";
  public static final String BOOT = "1 BOOT";
  public static final String PERIODIC = "2 PERIODIC";
  public static final String SCHEDULED = "3 SCHEDULED";
  public static final String VALUE_CHANGE = "4 VALUE CHANGE";
  public static final String KICKED = "5 KICKED";
  public static final String CONNECTION_REQUEST = "6 CONNECTION REQUEST";
  public static final String TRANSFER_COMPLETE = "7 TRANSFER COMPLETE";
  public static final String DIAGNOSTICS_COMPLETE = "8 DIAGNOSTICS COMPLETE";
  public static final String REQUEST_DOWNLOAD = "9 REQUEST DOWNLOAD";
  public static final String AUTONOMOUS_TRANSFER_COMPLETE = "10 AUTONOMOUS TRANSFER COMPLETE";
  public static final String M_REBOOT = "M Reboot";
  public static final String M_SCHEDULE_INFORM = "M ScheduleInform";
  public static final String M_DOWNLOAD = "M Download";
  public static final String M_UPLOAD = "M Upload";

  public Event {
    code = Objects.requireNonNull(code, "event code").trim();
    commandKey = Objects.requireNonNullElse(commandKey, "");
  }

  public Event(String code) {
    this(code, "");
  }
}
