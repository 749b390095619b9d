package io.cradle.cpe.tr069;

import io.cradle.cwmp.message.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CPE's queue of Inform events and their retention rules (cwmp-digest §7a).
 *
 * <p>Single events ({@code 0 BOOTSTRAP} … {@code 14 HEARTBEAT}) are queued at most once, {@code M
 * <method>} and vendor events once per CommandKey. An Inform carries at most 64 of them. When the
 * ACS acknowledges the Inform, the events it carried are cleared except: {@code 7 TRANSFER
 * COMPLETE}, {@code 10 AUTONOMOUS TRANSFER COMPLETE}, {@code M Download}, {@code M Upload} and
 * {@code M ScheduleDownload}, which wait for their TransferComplete to be acknowledged, and {@code
 * 0 BOOTSTRAP}, which waits for a whole session to succeed. When a session fails every event stays
 * queued except {@code 6 CONNECTION REQUEST}.
 *
 * <p>An event raised again while the Inform carrying it is in flight (a value change during the
 * session) is kept for the next Inform instead of being cleared by the acknowledgement.
 *
 * <p>Not thread-safe by itself: the phone's scheduler serialises access, like every model.
 */
public final class PendingEvents {

  /** The schema's EventStruct[0..64]. */
  public static final int MAX_EVENTS_PER_INFORM = 64;

  static final String M_SCHEDULE_DOWNLOAD = "M ScheduleDownload";

  private static final class Entry {
    final Event event;
    boolean sent;
    boolean raisedAgain;

    Entry(Event event) {
      this.event = event;
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** Queues {@code event} unless the same event is already queued. */
  public void add(Event event) {
    Objects.requireNonNull(event, "event");
    Entry existing = entries.get(key(event));
    if (existing == null) {
      entries.put(key(event), new Entry(event));
    } else if (existing.sent) {
      existing.raisedAgain = true;
    }
  }

  /** Whether an event with this code is queued. */
  public boolean contains(String code) {
    return entries.values().stream().anyMatch(e -> e.event.code().equals(code));
  }

  /** Whether this exact event (code and CommandKey) is queued. */
  public boolean contains(Event event) {
    return entries.containsKey(key(event));
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Every queued event, in the order they were raised. */
  public List<Event> all() {
    return entries.values().stream().map(e -> e.event).toList();
  }

  /**
   * The events for the next Inform (at most {@link #MAX_EVENTS_PER_INFORM}, oldest first, BOOTSTRAP
   * always among them), marking them as in flight.
   */
  public List<Event> forInform() {
    List<Event> out = new ArrayList<>();
    Entry bootstrap = entries.get(Event.BOOTSTRAP);
    if (bootstrap != null) {
      bootstrap.sent = true;
      out.add(bootstrap.event);
    }
    for (Entry e : entries.values()) {
      if (out.size() >= MAX_EVENTS_PER_INFORM) {
        break;
      }
      if (e != bootstrap) {
        e.sent = true;
        out.add(e.event);
      }
    }
    return out;
  }

  /**
   * The ACS acknowledged the Inform (InformResponse): clears the events it carried except those
   * kept for a TransferComplete and BOOTSTRAP.
   */
  public void onInformAcknowledged() {
    Iterator<Entry> it = entries.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (!e.sent || keptAfterInform(e.event)) {
        continue;
      }
      if (e.raisedAgain) {
        e.sent = false;
        e.raisedAgain = false;
      } else {
        it.remove();
      }
    }
  }

  /**
   * The ACS acknowledged the TransferComplete for {@code commandKey}: clears that {@code M
   * Download}/{@code M Upload}/{@code M ScheduleDownload}, and {@code 7 TRANSFER COMPLETE} once no
   * such event is left.
   */
  public void onTransferCompleteAcknowledged(String commandKey) {
    String key = Objects.requireNonNullElse(commandKey, "");
    entries
        .values()
        .removeIf(e -> isTransferMethod(e.event.code()) && e.event.commandKey().equals(key));
    boolean transfersLeft =
        entries.values().stream().anyMatch(e -> isTransferMethod(e.event.code()));
    if (!transfersLeft) {
      entries.remove(Event.TRANSFER_COMPLETE);
    }
  }

  /** The ACS acknowledged an AutonomousTransferComplete: clears {@code 10 AUTONOMOUS …}. */
  public void onAutonomousTransferCompleteAcknowledged() {
    entries.remove(Event.AUTONOMOUS_TRANSFER_COMPLETE);
  }

  /** The session ended normally: clears a BOOTSTRAP it delivered; nothing is in flight any more. */
  public void onSessionSucceeded() {
    Entry bootstrap = entries.get(Event.BOOTSTRAP);
    if (bootstrap != null && bootstrap.sent && !bootstrap.raisedAgain) {
      entries.remove(Event.BOOTSTRAP);
    }
    endSession();
  }

  /**
   * The session failed: drops {@code 6 CONNECTION REQUEST} (unless a new one arrived during the
   * session) and keeps every other event for the retry.
   */
  public void onSessionFailed() {
    Entry cr = entries.get(Event.CONNECTION_REQUEST);
    if (cr != null && !(cr.sent && cr.raisedAgain)) {
      entries.remove(Event.CONNECTION_REQUEST);
    }
    endSession();
  }

  private void endSession() {
    for (Entry e : entries.values()) {
      e.sent = false;
      e.raisedAgain = false;
    }
  }

  private static boolean keptAfterInform(Event event) {
    String code = event.code();
    return code.equals(Event.BOOTSTRAP)
        || code.equals(Event.TRANSFER_COMPLETE)
        || code.equals(Event.AUTONOMOUS_TRANSFER_COMPLETE)
        || isTransferMethod(code);
  }

  private static boolean isTransferMethod(String code) {
    return code.equals(Event.M_DOWNLOAD)
        || code.equals(Event.M_UPLOAD)
        || code.equals(M_SCHEDULE_DOWNLOAD);
  }

  /** Single (numbered) events are unique by code; the others by code and CommandKey. */
  private static String key(Event event) {
    String code = event.code();
    boolean single = !code.isEmpty() && Character.isDigit(code.charAt(0));
    return single ? code : code + "\u0000" + event.commandKey();
  }
}
