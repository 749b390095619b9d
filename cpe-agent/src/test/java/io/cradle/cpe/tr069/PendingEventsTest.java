package io.cradle.cpe.tr069;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cradle.cwmp.message.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event retention rules of cwmp-digest §7a. */
class PendingEventsTest {

  final PendingEvents events = new PendingEvents();

  @Test
  void singleEventsAreQueuedOnce() {
    events.add(new Event(Event.BOOT));
    events.add(new Event(Event.PERIODIC));
    events.add(new Event(Event.BOOT));
    events.add(new Event(Event.VALUE_CHANGE));
    events.add(new Event(Event.VALUE_CHANGE));
    assertEquals(
        List.of(new Event(Event.BOOT), new Event(Event.PERIODIC), new Event(Event.VALUE_CHANGE)),
        events.forInform());
  }

  @Test
  void methodEventsAreQueuedOncePerCommandKey() {
    events.add(new Event(Event.M_REBOOT, "a"));
    events.add(new Event(Event.M_REBOOT, "b"));
    events.add(new Event(Event.M_REBOOT, "a"));
    assertEquals(
        List.of(new Event(Event.M_REBOOT, "a"), new Event(Event.M_REBOOT, "b")),
        events.forInform());
  }

  @Test
  void anInformCarriesAtMost64EventsAndTheRestWait() {
    for (int i = 0; i < 70; i++) {
      events.add(new Event("M X_000B82_Thing", "k" + i));
    }
    List<Event> first = events.forInform();
    assertEquals(64, first.size());
    assertEquals("k0", first.get(0).commandKey());
    events.onInformAcknowledged();
    List<Event> second = events.forInform();
    assertEquals(6, second.size());
    assertEquals("k64", second.get(0).commandKey());
  }

  @Test
  void bootstrapIsAlwaysInTheInformEvenBehind64Others() {
    for (int i = 0; i < 70; i++) {
      events.add(new Event("M X_000B82_Thing", "k" + i));
    }
    events.add(new Event(Event.BOOTSTRAP));
    List<Event> sent = events.forInform();
    assertEquals(64, sent.size());
    assertEquals(Event.BOOTSTRAP, sent.get(0).code());
  }

  @Test
  void informResponseClearsOrdinaryEventsButKeepsTransferAndBootstrapEvents() {
    events.add(new Event(Event.BOOTSTRAP));
    events.add(new Event(Event.BOOT));
    events.add(new Event(Event.M_REBOOT, "r"));
    events.add(new Event(Event.CONNECTION_REQUEST));
    events.add(new Event(Event.TRANSFER_COMPLETE));
    events.add(new Event(Event.M_DOWNLOAD, "d"));
    events.add(new Event(Event.M_UPLOAD, "u"));
    events.add(new Event(Event.AUTONOMOUS_TRANSFER_COMPLETE));
    events.forInform();
    events.onInformAcknowledged();
    assertEquals(
        List.of(
            new Event(Event.BOOTSTRAP),
            new Event(Event.TRANSFER_COMPLETE),
            new Event(Event.M_DOWNLOAD, "d"),
            new Event(Event.M_UPLOAD, "u"),
            new Event(Event.AUTONOMOUS_TRANSFER_COMPLETE)),
        events.all());
  }

  @Test
  void eventsRaisedAfterTheInformWasBuiltSurviveItsAcknowledgement() {
    events.add(new Event(Event.PERIODIC));
    events.forInform();
    events.add(new Event(Event.VALUE_CHANGE)); // new during the session
    events.add(new Event(Event.PERIODIC)); // raised again while in flight
    events.onInformAcknowledged();
    assertEquals(List.of(new Event(Event.PERIODIC), new Event(Event.VALUE_CHANGE)), events.all());
  }

  @Test
  void transferEventsClearOnlyWhenTheirTransferCompleteIsAcknowledged() {
    events.add(new Event(Event.TRANSFER_COMPLETE));
    events.add(new Event(Event.M_DOWNLOAD, "fw"));
    events.add(new Event(Event.M_UPLOAD, "log"));
    events.forInform();
    events.onInformAcknowledged();

    events.onTransferCompleteAcknowledged("fw");
    assertFalse(events.contains(new Event(Event.M_DOWNLOAD, "fw")));
    assertTrue(events.contains(Event.TRANSFER_COMPLETE), "another transfer is still unreported");

    events.onTransferCompleteAcknowledged("log");
    assertTrue(events.isEmpty());
  }

  @Test
  void unacknowledgedTransferEventsAreResentInTheNextSession() {
    events.add(new Event(Event.TRANSFER_COMPLETE));
    events.add(new Event(Event.M_DOWNLOAD, "fw"));
    events.forInform();
    events.onInformAcknowledged();
    events.onSessionSucceeded();
    assertEquals(
        List.of(new Event(Event.TRANSFER_COMPLETE), new Event(Event.M_DOWNLOAD, "fw")),
        events.forInform());
  }

  @Test
  void autonomousTransferCompleteEventClearsOnItsAcknowledgement() {
    events.add(new Event(Event.AUTONOMOUS_TRANSFER_COMPLETE));
    events.forInform();
    events.onInformAcknowledged();
    assertTrue(events.contains(Event.AUTONOMOUS_TRANSFER_COMPLETE));
    events.onAutonomousTransferCompleteAcknowledged();
    assertTrue(events.isEmpty());
  }

  @Test
  void bootstrapIsKeptAfterAFailedSessionEvenIfTheInformWasAcknowledged() {
    events.add(new Event(Event.BOOTSTRAP));
    events.add(new Event(Event.BOOT));
    events.forInform();
    events.onInformAcknowledged();
    events.onSessionFailed();
    assertEquals(List.of(new Event(Event.BOOTSTRAP)), events.forInform());
    events.onInformAcknowledged();
    events.onSessionSucceeded();
    assertTrue(events.isEmpty());
  }

  @Test
  void bootstrapRaisedDuringTheSessionIsNotClearedByItsSuccess() {
    events.add(new Event(Event.BOOT));
    events.forInform();
    events.add(new Event(Event.BOOTSTRAP)); // e.g. the ACS URL changed during the session
    events.onInformAcknowledged();
    events.onSessionSucceeded();
    assertEquals(List.of(new Event(Event.BOOTSTRAP)), events.all());
  }

  @Test
  void aFailedSessionDropsConnectionRequestAndKeepsTheRest() {
    events.add(new Event(Event.CONNECTION_REQUEST));
    events.add(new Event(Event.PERIODIC));
    events.add(new Event(Event.M_SCHEDULE_INFORM, "s"));
    events.forInform();
    events.onSessionFailed();
    assertEquals(
        List.of(new Event(Event.PERIODIC), new Event(Event.M_SCHEDULE_INFORM, "s")),
        events.forInform());
  }

  @Test
  void aConnectionRequestArrivingDuringAFailingSessionIsKept() {
    events.add(new Event(Event.CONNECTION_REQUEST));
    events.forInform();
    events.add(new Event(Event.CONNECTION_REQUEST));
    events.onSessionFailed();
    assertEquals(List.of(new Event(Event.CONNECTION_REQUEST)), events.all());
  }
}
